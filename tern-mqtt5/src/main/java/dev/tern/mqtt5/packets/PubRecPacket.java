package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The PUBREC packet, the first answer to a QoS 2 PUBLISH, MQTT 5.0 section 3.5. Immutable. */
public final class PubRecPacket extends QosAckPacket<PubRecReasonCode> {

    private PubRecPacket(Builder b) {
        super(b.reasonCode, b.reasonString, Checks.freeze(b.userProperties));
    }

    /** {@return a new builder: reason code {@code SUCCESS}, no reason string, no user properties} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a packet with the given reason code and no properties.
     *
     * @param reasonCode the reason code
     * @return the packet
     * @throws NullPointerException if {@code reasonCode} is null
     */
    public static PubRecPacket of(PubRecReasonCode reasonCode) {
        // One shared instance per reason code: acknowledgements are made for every QoS 1 and 2 message.
        return BY_REASON_CODE.get(java.util.Objects.requireNonNull(reasonCode, "reasonCode"));
    }

    private static final java.util.Map<PubRecReasonCode, PubRecPacket> BY_REASON_CODE = byReasonCode();

    private static java.util.Map<PubRecReasonCode, PubRecPacket> byReasonCode() {
        java.util.EnumMap<PubRecReasonCode, PubRecPacket> map = new java.util.EnumMap<>(PubRecReasonCode.class);
        for (PubRecReasonCode code : PubRecReasonCode.values()) {
            map.put(code, builder().reasonCode(code).build());
        }
        return map;
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }

    /** Builds {@link PubRecPacket}s. Not thread-safe. */
    public static final class Builder {
        private PubRecReasonCode reasonCode = PubRecReasonCode.SUCCESS;
        private String reasonString;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(PubRecPacket p) {
            reasonCode = p.reasonCode();
            reasonString = p.reasonString();
            userProperties = p.userProperties().isEmpty() ? null : new ArrayList<>(p.userProperties());
        }

        /**
         * Sets the reason code (MQTT 5.0 section 3.5.2.1). The default is {@code SUCCESS}.
         *
         * @param reasonCode the reason code
         * @return this builder
         * @throws NullPointerException if {@code reasonCode} is null
         */
        public Builder reasonCode(PubRecReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        /**
         * Sets the Reason String property (MQTT 5.0 section 3.5.2.2.2): human-readable text for diagnostics,
         * which the receiver must not parse. The default is none.
         *
         * @param reasonString the text, or null for none
         * @return this builder
         * @throws IllegalArgumentException if {@code reasonString} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder reasonString(String reasonString) {
            this.reasonString = Checks.optionalString(reasonString, "reasonString");
            return this;
        }

        /**
         * Appends a User Property (MQTT 5.0 section 3.5.2.2.3). Order is kept and names may repeat.
         *
         * @param name the property name
         * @param value the property value
         * @return this builder
         * @throws NullPointerException if {@code name} or {@code value} is null
         * @throws IllegalArgumentException if {@code name} or {@code value} is not a valid MQTT string
         *     (U+0000, an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        /**
         * Appends a User Property. Order is kept and names may repeat.
         *
         * @param property the property
         * @return this builder
         * @throws NullPointerException if {@code property} is null
         */
        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "userProperty");
            return this;
        }

        /**
         * Replaces all User Properties with a copy of {@code properties}, in iteration order. The default is
         * none.
         *
         * @param properties the properties; may be empty
         * @return this builder
         * @throws NullPointerException if {@code properties} or one of its elements is null
         */
        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /** {@return a new immutable packet with this builder's values} */
        public PubRecPacket build() {
            return new PubRecPacket(this);
        }
    }
}
