package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The DISCONNECT packet, MQTT 5.0 section 3.14: sent by either side before it closes the connection.
 * Immutable.
 *
 * <pre>{@code
 * client.stop(DisconnectPacket.builder()
 *         .reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION)
 *         .sessionExpiryIntervalSeconds(3600L)
 *         .build());
 * }</pre>
 */
public final class DisconnectPacket implements MqttPacket {

    private final DisconnectReasonCode reasonCode;
    private final Long sessionExpiryIntervalSeconds;
    private final String reasonString;
    private final String serverReference;
    private final List<UserProperty> userProperties;

    private DisconnectPacket(Builder b) {
        reasonCode = b.reasonCode;
        sessionExpiryIntervalSeconds = b.sessionExpiryIntervalSeconds;
        reasonString = b.reasonString;
        serverReference = b.serverReference;
        userProperties = Checks.freeze(b.userProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A DISCONNECT with the given reason code and no properties. */
    public static DisconnectPacket of(DisconnectReasonCode reasonCode) {
        return builder().reasonCode(reasonCode).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }

    public DisconnectReasonCode reasonCode() {
        return reasonCode;
    }

    /**
     * A new Session Expiry Interval (client only; a server never sends it), or null to keep the one
     * from CONNECT.
     */
    public Long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    public String reasonString() {
        return reasonString;
    }

    /** Another server to use (server only), or null. */
    public String serverReference() {
        return serverReference;
    }

    public List<UserProperty> userProperties() {
        return userProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DisconnectPacket)) {
            return false;
        }
        DisconnectPacket that = (DisconnectPacket) o;
        return reasonCode == that.reasonCode
                && Objects.equals(sessionExpiryIntervalSeconds, that.sessionExpiryIntervalSeconds)
                && Objects.equals(reasonString, that.reasonString)
                && Objects.equals(serverReference, that.serverReference)
                && userProperties.equals(that.userProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reasonCode, sessionExpiryIntervalSeconds, reasonString, serverReference, userProperties);
    }

    @Override
    public String toString() {
        return new ToStringHelper("DisconnectPacket")
                .add("reasonCode", reasonCode)
                .add("sessionExpiryIntervalSeconds", sessionExpiryIntervalSeconds)
                .add("reasonString", reasonString)
                .add("serverReference", serverReference)
                .add("userProperties", userProperties)
                .toString();
    }

    /** Builds {@link DisconnectPacket}s. Not thread-safe. */
    public static final class Builder {
        private DisconnectReasonCode reasonCode = DisconnectReasonCode.NORMAL_DISCONNECTION;
        private Long sessionExpiryIntervalSeconds;
        private String reasonString;
        private String serverReference;
        private List<UserProperty> userProperties;

        private Builder() {
        }

        private Builder(DisconnectPacket p) {
            reasonCode = p.reasonCode;
            sessionExpiryIntervalSeconds = p.sessionExpiryIntervalSeconds;
            reasonString = p.reasonString;
            serverReference = p.serverReference;
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
        }

        /** The default is NORMAL_DISCONNECTION. */
        public Builder reasonCode(DisconnectReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        /** 0 to 4,294,967,295 seconds; null to leave it out. */
        public Builder sessionExpiryIntervalSeconds(Long seconds) {
            this.sessionExpiryIntervalSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_INT, "sessionExpiryIntervalSeconds");
            return this;
        }

        public Builder reasonString(String reasonString) {
            this.reasonString = Checks.optionalString(reasonString, "reasonString");
            return this;
        }

        public Builder serverReference(String serverReference) {
            this.serverReference = Checks.optionalString(serverReference, "serverReference");
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

        public DisconnectPacket build() {
            return new DisconnectPacket(this);
        }
    }
}
