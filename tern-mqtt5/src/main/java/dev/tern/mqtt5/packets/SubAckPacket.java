package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The SUBACK packet, the answer to SUBSCRIBE, MQTT 5.0 section 3.9: one reason code per topic filter of the request, in the request's order.
 * Immutable.
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

    public static Builder builder() {
        return new Builder();
    }

    /** A packet with the given reason codes and no properties. */
    public static SubAckPacket of(SubAckReasonCode... reasonCodes) {
        return builder().reasonCodes(Arrays.asList(Checks.notNull(reasonCodes, "reasonCodes"))).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }

    /** One code per topic filter of the request, in order; never empty. */
    public List<SubAckReasonCode> reasonCodes() {
        return reasonCodes;
    }

    /** Whether any reason code reports a failure. */
    public boolean hasError() {
        for (SubAckReasonCode code : reasonCodes) {
            if (code.isError()) {
                return true;
            }
        }
        return false;
    }

    /** A human-readable reason, for diagnostics only; or null. */
    public String reasonString() {
        return reasonString;
    }

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

    /** Builds {@link SubAckPacket}s (servers, test peers). Not thread-safe. */
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

        /** Adds a reason code. */
        public Builder reasonCode(SubAckReasonCode reasonCode) {
            reasonCodes = Checks.append(reasonCodes, reasonCode, "reasonCode");
            return this;
        }

        /** Replaces the reason codes. */
        public Builder reasonCodes(Collection<SubAckReasonCode> reasonCodes) {
            List<SubAckReasonCode> copy = Checks.immutableList(reasonCodes, "reasonCodes");
            this.reasonCodes = copy.isEmpty() ? null : new ArrayList<>(copy);
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

        /** @throws IllegalStateException if there is no reason code */
        public SubAckPacket build() {
            if (reasonCodes == null || reasonCodes.isEmpty()) {
                throw new IllegalStateException("at least one reason code is needed");
            }
            return new SubAckPacket(this);
        }
    }
}
