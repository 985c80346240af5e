package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The SUBACK packet, the server's answer to SUBSCRIBE, MQTT 5.0 section 3.9: one reason code per subscription
 * of the request, in the request's order. Immutable.
 *
 * <p>A failing code for one subscription does not fail the others, nor the future of
 * {@link dev.tern.mqtt5.Mqtt5Client#subscribe}; check {@link #reasonCodes()} or {@link #hasError()}.
 */
public final class SubAckPacket implements MqttPacket {

    private final List<SubAckReasonCode> reasonCodes;
    private final String reasonString;
    private final List<UserProperty> userProperties;

    private SubAckPacket(Builder b) {
        reasonCodes = Checks.freeze(b.reasonCodes);
        reasonString = b.reasonString;
        userProperties = Checks.freeze(b.userProperties);
    }

    /**
     * {@return a new builder with no reason codes and no properties} At least one reason code must be added
     * before {@link Builder#build()}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a packet with the given reason codes and no properties.
     *
     * @param reasonCodes one per subscription, in order; at least one
     * @return the packet
     * @throws NullPointerException if {@code reasonCodes} or one of its elements is null
     * @throws IllegalStateException if {@code reasonCodes} is empty
     */
    public static SubAckPacket of(SubAckReasonCode... reasonCodes) {
        return builder().reasonCodes(Arrays.asList(Checks.notNull(reasonCodes, "reasonCodes"))).build();
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }

    /**
     * {@return one reason code per subscription of the SUBSCRIBE, in the same order; immutable and never
     * empty} A {@code GRANTED_QOS_n} code tells the maximum QoS the server granted, which may be lower than
     * the one asked for.
     */
    public List<SubAckReasonCode> reasonCodes() {
        return reasonCodes;
    }

    /**
     * Tells whether any subscription was refused.
     *
     * @return true if any reason code is 0x80 or above
     */
    public boolean hasError() {
        for (SubAckReasonCode code : reasonCodes) {
            if (code.isError()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the Reason String (section 3.9.2.1.2), or null} Human-readable text for diagnostics; not meant
     * to be parsed.
     */
    public String reasonString() {
        return reasonString;
    }

    /**
     * {@return the User Properties (section 3.9.2.1.3) in wire order; an immutable list, empty if there are
     * none}
     */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SubAckPacket)) {
            return false;
        }
        SubAckPacket that = (SubAckPacket) o;
        return reasonCodes.equals(that.reasonCodes)
                && Objects.equals(reasonString, that.reasonString)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reasonCodes, reasonString, userProperties);
    }

    @Override
    public String toString() {
        return new ToStringHelper("SubAckPacket")
                .add("reasonCodes", reasonCodes)
                .add("reasonString", reasonString)
                .add("userProperties", userProperties)
                .toString();
    }

    /** Builds {@link SubAckPacket}s, for servers and test peers. Not thread-safe. */
    public static final class Builder {
        private List<SubAckReasonCode> reasonCodes;
        private String reasonString;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(SubAckPacket p) {
            reasonCodes = new ArrayList<>(p.reasonCodes);
            reasonString = p.reasonString;
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
        }

        /**
         * Appends a reason code, for the next subscription of the request.
         *
         * @param reasonCode the reason code
         * @return this builder
         * @throws NullPointerException if {@code reasonCode} is null
         */
        public Builder reasonCode(SubAckReasonCode reasonCode) {
            reasonCodes = Checks.append(reasonCodes, reasonCode, "reasonCode");
            return this;
        }

        /**
         * Replaces all reason codes with a copy of {@code reasonCodes}, in iteration order.
         *
         * @param reasonCodes the reason codes; must not be empty when {@link #build()} is called
         * @return this builder
         * @throws NullPointerException if {@code reasonCodes} or one of its elements is null
         */
        public Builder reasonCodes(Collection<SubAckReasonCode> reasonCodes) {
            List<SubAckReasonCode> copy = Checks.immutableList(reasonCodes, "reasonCodes");
            this.reasonCodes = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        /**
         * Sets the Reason String (section 3.9.2.1.2). The default is none.
         *
         * @param reasonString the text, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code reasonString} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder reasonString(String reasonString) {
            this.reasonString = Checks.optionalString(reasonString, "reasonString");
            return this;
        }

        /**
         * Appends a User Property (section 3.9.2.1.3). Order is kept and names may repeat.
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
         * Appends a User Property (section 3.9.2.1.3). Order is kept and names may repeat.
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

        /**
         * Builds the packet.
         *
         * @return a new immutable packet with this builder's values
         * @throws IllegalStateException if there is no reason code
         */
        public SubAckPacket build() {
            if (reasonCodes == null || reasonCodes.isEmpty()) {
                throw new IllegalStateException("at least one reason code is needed");
            }
            return new SubAckPacket(this);
        }
    }
}
