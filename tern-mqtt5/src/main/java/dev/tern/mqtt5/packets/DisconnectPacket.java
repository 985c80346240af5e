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

    /** {@return a new builder: reason code {@code NORMAL_DISCONNECTION}, no properties} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a DISCONNECT with the given reason code and no properties.
     *
     * @param reasonCode the reason code
     * @return the packet
     * @throws NullPointerException if {@code reasonCode} is null
     */
    public static DisconnectPacket of(DisconnectReasonCode reasonCode) {
        return builder().reasonCode(reasonCode).build();
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }

    /**
     * {@return the Disconnect Reason Code (section 3.14.2.1), never null} From a client,
     * {@link DisconnectReasonCode#NORMAL_DISCONNECTION} makes the server discard the will and
     * {@link DisconnectReasonCode#DISCONNECT_WITH_WILL_MESSAGE} makes it publish the will.
     */
    public DisconnectReasonCode reasonCode() {
        return reasonCode;
    }

    /**
     * {@return the Session Expiry Interval in seconds (section 3.14.2.2.2) that replaces the CONNECT's, or
     * null to keep that one} Only a client sends it.
     */
    public Long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    /**
     * {@return the Reason String (section 3.14.2.2.3), or null} Human-readable text for diagnostics; not
     * meant to be parsed.
     */
    public String reasonString() {
        return reasonString;
    }

    /**
     * {@return the Server Reference (section 3.14.2.2.5): another server the client should use, with
     * {@link DisconnectReasonCode#USE_ANOTHER_SERVER} or {@link DisconnectReasonCode#SERVER_MOVED}; or null}
     * Only a server sends it, and the client does not follow it on its own.
     */
    public String serverReference() {
        return serverReference;
    }

    /**
     * {@return the User Properties (section 3.14.2.2.4) in order; an immutable list, empty if there are none}
     */
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

    /**
     * Builds {@link DisconnectPacket}s. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field.
     */
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

        /**
         * Sets the Disconnect Reason Code (section 3.14.2.1). The default is
         * {@link DisconnectReasonCode#NORMAL_DISCONNECTION}, which makes the server discard the will.
         *
         * @param reasonCode the reason code
         * @return this builder
         * @throws NullPointerException if {@code reasonCode} is null
         */
        public Builder reasonCode(DisconnectReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        /**
         * Sets the Session Expiry Interval (section 3.14.2.2.2) that replaces the one of the CONNECT, for
         * example to keep the session for a while after a planned stop. If the CONNECT's was 0 or absent, a
         * non-zero value here is a protocol error for the server ([MQTT-3.14.2-2]); the builder does not
         * check that. The default is none: the CONNECT's value stays.
         *
         * @param seconds 0 to 4,294,967,295, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is out of range
         */
        public Builder sessionExpiryIntervalSeconds(Long seconds) {
            this.sessionExpiryIntervalSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_INT, "sessionExpiryIntervalSeconds");
            return this;
        }

        /**
         * Sets the Reason String (section 3.14.2.2.3): human-readable text for diagnostics, which the
         * receiver must not parse. The default is none.
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
         * Sets the Server Reference (section 3.14.2.2.5). Only a server may send it: for servers and test
         * peers. The default is none.
         *
         * @param serverReference the other server, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code serverReference} is not a valid MQTT string (U+0000, an
         *     unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder serverReference(String serverReference) {
            this.serverReference = Checks.optionalString(serverReference, "serverReference");
            return this;
        }

        /**
         * Appends a User Property (section 3.14.2.2.4). Order is kept and names may repeat.
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
         * Appends a User Property (section 3.14.2.2.4). Order is kept and names may repeat.
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
        public DisconnectPacket build() {
            return new DisconnectPacket(this);
        }
    }
}
