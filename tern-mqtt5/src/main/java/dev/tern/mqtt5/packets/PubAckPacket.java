package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The PUBACK packet, the answer to a QoS 1 PUBLISH, MQTT 5.0 section 3.4. Immutable. */
public final class PubAckPacket extends QosAckPacket<PubAckReasonCode> {

    private PubAckPacket(Builder b) {
        super(b.reasonCode, b.reasonString, Checks.freeze(b.userProperties));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A packet with the given reason code and no properties. */
    public static PubAckPacket of(PubAckReasonCode reasonCode) {
        return builder().reasonCode(reasonCode).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBACK;
    }

    /** Builds {@link PubAckPacket}s. Not thread-safe. */
    public static final class Builder {
        private PubAckReasonCode reasonCode = PubAckReasonCode.SUCCESS;
        private String reasonString;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(PubAckPacket p) {
            reasonCode = p.reasonCode();
            reasonString = p.reasonString();
            userProperties = p.userProperties().isEmpty() ? null : new ArrayList<>(p.userProperties());
        }

        /** The reason code; the default is {@code SUCCESS}. */
        public Builder reasonCode(PubAckReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        public Builder reasonString(String reasonString) {
            this.reasonString = Checks.optionalString(reasonString, "reasonString");
            return this;
        }

        public Builder userProperty(String name, String value) {
            return userProperty(UserProperty.of(name, value));
        }

        public Builder userProperty(UserProperty property) {
            userProperties = Checks.append(userProperties, property, "userProperty");
            return this;
        }

        public Builder userProperties(Collection<UserProperty> properties) {
            List<UserProperty> copy = Checks.immutableList(properties, "userProperties");
            userProperties = copy.isEmpty() ? null : new ArrayList<>(copy);
            return this;
        }

        public PubAckPacket build() {
            return new PubAckPacket(this);
        }
    }
}
