package dev.tern.mqtt5.packets;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.internal.util.ToStringHelper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The CONNACK packet, MQTT 5.0 section 3.2: the server's answer to CONNECT.
 *
 * <p>Immutable. A property the server did not send is null; the client's negotiated settings apply
 * the specification's defaults to those.
 */
public final class ConnAckPacket implements MqttPacket {

    private final boolean sessionPresent;
    private final ConnectReasonCode reasonCode;
    private final Long sessionExpiryIntervalSeconds;
    private final Integer receiveMaximum;
    private final QoS maximumQoS;
    private final Boolean retainAvailable;
    private final Long maximumPacketSize;
    private final String assignedClientIdentifier;
    private final Integer topicAliasMaximum;
    private final String reasonString;
    private final List<UserProperty> userProperties;
    private final Boolean wildcardSubscriptionsAvailable;
    private final Boolean subscriptionIdentifiersAvailable;
    private final Boolean sharedSubscriptionsAvailable;
    private final Integer serverKeepAliveSeconds;
    private final String responseInformation;
    private final String serverReference;
    private final String authenticationMethod;
    private final byte[] authenticationData;

    private ConnAckPacket(Builder b) {
        sessionPresent = b.sessionPresent;
        reasonCode = b.reasonCode;
        sessionExpiryIntervalSeconds = b.sessionExpiryIntervalSeconds;
        receiveMaximum = b.receiveMaximum;
        maximumQoS = b.maximumQoS;
        retainAvailable = b.retainAvailable;
        maximumPacketSize = b.maximumPacketSize;
        assignedClientIdentifier = b.assignedClientIdentifier;
        topicAliasMaximum = b.topicAliasMaximum;
        reasonString = b.reasonString;
        userProperties = Checks.freeze(b.userProperties);
        wildcardSubscriptionsAvailable = b.wildcardSubscriptionsAvailable;
        subscriptionIdentifiersAvailable = b.subscriptionIdentifiersAvailable;
        sharedSubscriptionsAvailable = b.sharedSubscriptionsAvailable;
        serverKeepAliveSeconds = b.serverKeepAliveSeconds;
        responseInformation = b.responseInformation;
        serverReference = b.serverReference;
        authenticationMethod = b.authenticationMethod;
        authenticationData = b.authenticationData;
    }

    /** {@return a new builder: reason code {@code SUCCESS}, no session present, no properties} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this packet's values; changing it does not change this packet} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }

    /**
     * {@return the Session Present flag (section 3.2.2.1.1): whether the server resumed a session it held for
     * this client identifier} Always false after a Clean Start, and on a refusal.
     */
    public boolean sessionPresent() {
        return sessionPresent;
    }

    /**
     * {@return the Connect Reason Code (section 3.2.2.2), never null} Success accepts the connection; a code
     * of 0x80 or above refuses it, and the server then closes the connection.
     */
    public ConnectReasonCode reasonCode() {
        return reasonCode;
    }

    /**
     * {@return the Session Expiry Interval the server applies instead of the client's (section 3.2.2.3.2), or
     * null if it uses the client's}
     */
    public Long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    /**
     * {@return the server's Receive Maximum (section 3.2.2.3.3), or null if absent, which means 65,535} The
     * most QoS 1 and 2 publishes the client may have unacknowledged towards the server; the client queues the
     * rest.
     */
    public Integer receiveMaximum() {
        return receiveMaximum;
    }

    /**
     * {@return the server's Maximum QoS (section 3.2.2.3.4): {@code AT_MOST_ONCE} or {@code AT_LEAST_ONCE},
     * or null if absent, which means the server supports QoS 2}
     */
    public QoS maximumQoS() {
        return maximumQoS;
    }

    /**
     * {@return whether the server supports retained messages (section 3.2.2.3.5), or null if absent, which
     * means true}
     */
    public Boolean retainAvailable() {
        return retainAvailable;
    }

    /**
     * {@return the largest packet in bytes the server accepts (section 3.2.2.3.6), or null if absent: no
     * limit beyond the protocol's} The client fails larger operations with {@code PACKET_TOO_LARGE} instead
     * of sending them.
     */
    public Long maximumPacketSize() {
        return maximumPacketSize;
    }

    /**
     * {@return the Assigned Client Identifier (section 3.2.2.3.7): the identifier the server gave a client
     * that sent an empty one; otherwise null}
     */
    public String assignedClientIdentifier() {
        return assignedClientIdentifier;
    }

    /**
     * {@return the server's Topic Alias Maximum (section 3.2.2.3.8), or null if absent, which means 0} How
     * many topic aliases the client may use towards the server.
     */
    public Integer topicAliasMaximum() {
        return topicAliasMaximum;
    }

    /**
     * {@return the Reason String (section 3.2.2.3.9), or null} Human-readable text for diagnostics, typically
     * explaining a refusal; not meant to be parsed.
     */
    public String reasonString() {
        return reasonString;
    }

    /**
     * {@return the User Properties (section 3.2.2.3.10) in wire order; an immutable list, empty if there are
     * none}
     */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /**
     * {@return whether the server supports wildcard subscriptions (section 3.2.2.3.11), or null if absent,
     * which means true}
     */
    public Boolean wildcardSubscriptionsAvailable() {
        return wildcardSubscriptionsAvailable;
    }

    /**
     * {@return whether the server supports subscription identifiers (section 3.2.2.3.12), or null if absent,
     * which means true}
     */
    public Boolean subscriptionIdentifiersAvailable() {
        return subscriptionIdentifiersAvailable;
    }

    /**
     * {@return whether the server supports shared subscriptions (section 3.2.2.3.13), or null if absent,
     * which means true}
     */
    public Boolean sharedSubscriptionsAvailable() {
        return sharedSubscriptionsAvailable;
    }

    /**
     * {@return the Server Keep Alive in seconds (section 3.2.2.3.14), or null if absent} If present, the
     * client must use it instead of the Keep Alive it sent; the client does.
     */
    public Integer serverKeepAliveSeconds() {
        return serverKeepAliveSeconds;
    }

    /**
     * {@return the Response Information (section 3.2.2.3.15), or null} Sent only if the CONNECT asked for it:
     * a string the client may use as the basis of its response topics; its meaning is up to the server.
     */
    public String responseInformation() {
        return responseInformation;
    }

    /**
     * {@return the Server Reference (section 3.2.2.3.16): another server to use, with
     * {@link ConnectReasonCode#USE_ANOTHER_SERVER} or {@link ConnectReasonCode#SERVER_MOVED}; or null} The
     * client does not follow it on its own.
     */
    public String serverReference() {
        return serverReference;
    }

    /**
     * {@return the Authentication Method (section 3.2.2.3.17) of enhanced authentication, the same as the
     * CONNECT's; or null}
     */
    public String authenticationMethod() {
        return authenticationMethod;
    }

    /**
     * {@return a copy of the Authentication Data (section 3.2.2.3.18), or null} With a successful enhanced
     * authentication the client passes it to {@link dev.tern.mqtt5.EnhancedAuthenticator#onSuccess}.
     */
    public byte[] authenticationData() {
        return authenticationData == null ? null : authenticationData.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnAckPacket)) {
            return false;
        }
        ConnAckPacket that = (ConnAckPacket) o;
        return sessionPresent == that.sessionPresent
                && reasonCode == that.reasonCode
                && Objects.equals(sessionExpiryIntervalSeconds, that.sessionExpiryIntervalSeconds)
                && Objects.equals(receiveMaximum, that.receiveMaximum)
                && maximumQoS == that.maximumQoS
                && Objects.equals(retainAvailable, that.retainAvailable)
                && Objects.equals(maximumPacketSize, that.maximumPacketSize)
                && Objects.equals(assignedClientIdentifier, that.assignedClientIdentifier)
                && Objects.equals(topicAliasMaximum, that.topicAliasMaximum)
                && Objects.equals(reasonString, that.reasonString)
                && userProperties.equals(that.userProperties)
                && Objects.equals(wildcardSubscriptionsAvailable, that.wildcardSubscriptionsAvailable)
                && Objects.equals(subscriptionIdentifiersAvailable, that.subscriptionIdentifiersAvailable)
                && Objects.equals(sharedSubscriptionsAvailable, that.sharedSubscriptionsAvailable)
                && Objects.equals(serverKeepAliveSeconds, that.serverKeepAliveSeconds)
                && Objects.equals(responseInformation, that.responseInformation)
                && Objects.equals(serverReference, that.serverReference)
                && Objects.equals(authenticationMethod, that.authenticationMethod)
                && Arrays.equals(authenticationData, that.authenticationData);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(sessionPresent, reasonCode, sessionExpiryIntervalSeconds, receiveMaximum,
                maximumQoS, retainAvailable, maximumPacketSize, assignedClientIdentifier, topicAliasMaximum,
                reasonString, userProperties, wildcardSubscriptionsAvailable, subscriptionIdentifiersAvailable,
                sharedSubscriptionsAvailable, serverKeepAliveSeconds, responseInformation, serverReference,
                authenticationMethod);
        return 31 * h + Arrays.hashCode(authenticationData);
    }

    @Override
    public String toString() {
        return new ToStringHelper("ConnAckPacket")
                .add("sessionPresent", sessionPresent)
                .add("reasonCode", reasonCode)
                .add("sessionExpiryIntervalSeconds", sessionExpiryIntervalSeconds)
                .add("receiveMaximum", receiveMaximum)
                .add("maximumQoS", maximumQoS)
                .add("retainAvailable", retainAvailable)
                .add("maximumPacketSize", maximumPacketSize)
                .add("assignedClientIdentifier", assignedClientIdentifier)
                .add("topicAliasMaximum", topicAliasMaximum)
                .add("reasonString", reasonString)
                .add("userProperties", userProperties)
                .add("wildcardSubscriptionsAvailable", wildcardSubscriptionsAvailable)
                .add("subscriptionIdentifiersAvailable", subscriptionIdentifiersAvailable)
                .add("sharedSubscriptionsAvailable", sharedSubscriptionsAvailable)
                .add("serverKeepAliveSeconds", serverKeepAliveSeconds)
                .add("responseInformation", responseInformation)
                .add("serverReference", serverReference)
                .add("authenticationMethod", authenticationMethod)
                .addSecret("authenticationData", authenticationData)
                .toString();
    }

    /**
     * Builds {@link ConnAckPacket}s, for servers and test peers. Not thread-safe. Each setter checks its
     * argument and throws at once, naming the field. Optional properties are null until set, and null ones
     * are not sent.
     */
    public static final class Builder {
        private boolean sessionPresent;
        private ConnectReasonCode reasonCode = ConnectReasonCode.SUCCESS;
        private Long sessionExpiryIntervalSeconds;
        private Integer receiveMaximum;
        private QoS maximumQoS;
        private Boolean retainAvailable;
        private Long maximumPacketSize;
        private String assignedClientIdentifier;
        private Integer topicAliasMaximum;
        private String reasonString;
        private List<UserProperty> userProperties;
        private Boolean wildcardSubscriptionsAvailable;
        private Boolean subscriptionIdentifiersAvailable;
        private Boolean sharedSubscriptionsAvailable;
        private Integer serverKeepAliveSeconds;
        private String responseInformation;
        private String serverReference;
        private String authenticationMethod;
        private byte[] authenticationData;

        private Builder() {
        }

        private Builder(ConnAckPacket p) {
            sessionPresent = p.sessionPresent;
            reasonCode = p.reasonCode;
            sessionExpiryIntervalSeconds = p.sessionExpiryIntervalSeconds;
            receiveMaximum = p.receiveMaximum;
            maximumQoS = p.maximumQoS;
            retainAvailable = p.retainAvailable;
            maximumPacketSize = p.maximumPacketSize;
            assignedClientIdentifier = p.assignedClientIdentifier;
            topicAliasMaximum = p.topicAliasMaximum;
            reasonString = p.reasonString;
            userProperties = p.userProperties.isEmpty() ? null : new ArrayList<>(p.userProperties);
            wildcardSubscriptionsAvailable = p.wildcardSubscriptionsAvailable;
            subscriptionIdentifiersAvailable = p.subscriptionIdentifiersAvailable;
            sharedSubscriptionsAvailable = p.sharedSubscriptionsAvailable;
            serverKeepAliveSeconds = p.serverKeepAliveSeconds;
            responseInformation = p.responseInformation;
            serverReference = p.serverReference;
            authenticationMethod = p.authenticationMethod;
            authenticationData = p.authenticationData;
        }

        /**
         * Sets the Session Present flag (section 3.2.2.1.1). The default is false.
         *
         * @param sessionPresent true if the server resumed a session
         * @return this builder
         */
        public Builder sessionPresent(boolean sessionPresent) {
            this.sessionPresent = sessionPresent;
            return this;
        }

        /**
         * Sets the Connect Reason Code (section 3.2.2.2). The default is {@code SUCCESS}.
         *
         * @param reasonCode the reason code
         * @return this builder
         * @throws NullPointerException if {@code reasonCode} is null
         */
        public Builder reasonCode(ConnectReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        /**
         * Sets the Session Expiry Interval (section 3.2.2.3.2) the server applies instead of the client's.
         * The default is none: the client's value applies.
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
         * Sets the server's Receive Maximum (section 3.2.2.3.3). The default is none, which means 65,535.
         *
         * @param receiveMaximum 1 to 65,535, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code receiveMaximum} is out of range
         */
        public Builder receiveMaximum(Integer receiveMaximum) {
            this.receiveMaximum = Checks.optionalRange(receiveMaximum, 1, Checks.MAX_UNSIGNED_SHORT, "receiveMaximum");
            return this;
        }

        /**
         * Sets the server's Maximum QoS (section 3.2.2.3.4). The default is none, which means QoS 2 is
         * supported; the property cannot carry 2.
         *
         * @param maximumQoS {@code AT_MOST_ONCE}, {@code AT_LEAST_ONCE}, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code maximumQoS} is {@code EXACTLY_ONCE}
         */
        public Builder maximumQoS(QoS maximumQoS) {
            if (maximumQoS == QoS.EXACTLY_ONCE) {
                throw new IllegalArgumentException(
                        "maximumQoS must be AT_MOST_ONCE or AT_LEAST_ONCE; leave it null for EXACTLY_ONCE");
            }
            this.maximumQoS = maximumQoS;
            return this;
        }

        /**
         * Sets Retain Available (section 3.2.2.3.5). The default is none, which means true.
         *
         * @param retainAvailable the flag, or null to leave it out
         * @return this builder
         */
        public Builder retainAvailable(Boolean retainAvailable) {
            this.retainAvailable = retainAvailable;
            return this;
        }

        /**
         * Sets the server's Maximum Packet Size (section 3.2.2.3.6). The default is none: no limit beyond the
         * protocol's.
         *
         * @param maximumPacketSize 1 to 4,294,967,295 bytes, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code maximumPacketSize} is out of range
         */
        public Builder maximumPacketSize(Long maximumPacketSize) {
            this.maximumPacketSize = Checks.optionalRange(
                    maximumPacketSize, 1, Checks.MAX_UNSIGNED_INT, "maximumPacketSize");
            return this;
        }

        /**
         * Sets the Assigned Client Identifier (section 3.2.2.3.7). The default is none.
         *
         * @param id the identifier, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code id} is not a valid MQTT string (U+0000, an unpaired
         *     surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder assignedClientIdentifier(String id) {
            this.assignedClientIdentifier = Checks.optionalString(id, "assignedClientIdentifier");
            return this;
        }

        /**
         * Sets the server's Topic Alias Maximum (section 3.2.2.3.8). The default is none, which means 0.
         *
         * @param topicAliasMaximum 0 to 65,535, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code topicAliasMaximum} is out of range
         */
        public Builder topicAliasMaximum(Integer topicAliasMaximum) {
            this.topicAliasMaximum = Checks.optionalRange(
                    topicAliasMaximum, 0, Checks.MAX_UNSIGNED_SHORT, "topicAliasMaximum");
            return this;
        }

        /**
         * Sets the Reason String (section 3.2.2.3.9). The default is none.
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
         * Appends a User Property (section 3.2.2.3.10). Order is kept and names may repeat.
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
         * Appends a User Property (section 3.2.2.3.10). Order is kept and names may repeat.
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
         * Sets Wildcard Subscription Available (section 3.2.2.3.11). The default is none, which means true.
         *
         * @param available the flag, or null to leave it out
         * @return this builder
         */
        public Builder wildcardSubscriptionsAvailable(Boolean available) {
            this.wildcardSubscriptionsAvailable = available;
            return this;
        }

        /**
         * Sets Subscription Identifiers Available (section 3.2.2.3.12). The default is none, which means
         * true.
         *
         * @param available the flag, or null to leave it out
         * @return this builder
         */
        public Builder subscriptionIdentifiersAvailable(Boolean available) {
            this.subscriptionIdentifiersAvailable = available;
            return this;
        }

        /**
         * Sets Shared Subscription Available (section 3.2.2.3.13). The default is none, which means true.
         *
         * @param available the flag, or null to leave it out
         * @return this builder
         */
        public Builder sharedSubscriptionsAvailable(Boolean available) {
            this.sharedSubscriptionsAvailable = available;
            return this;
        }

        /**
         * Sets the Server Keep Alive (section 3.2.2.3.14), which replaces the client's Keep Alive. The
         * default is none.
         *
         * @param seconds 0 to 65,535, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code seconds} is out of range
         */
        public Builder serverKeepAliveSeconds(Integer seconds) {
            this.serverKeepAliveSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_SHORT, "serverKeepAliveSeconds");
            return this;
        }

        /**
         * Sets the Response Information (section 3.2.2.3.15). The default is none.
         *
         * @param responseInformation the text, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code responseInformation} is not a valid MQTT string (U+0000,
         *     an unpaired surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder responseInformation(String responseInformation) {
            this.responseInformation = Checks.optionalString(responseInformation, "responseInformation");
            return this;
        }

        /**
         * Sets the Server Reference (section 3.2.2.3.16). The default is none.
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
         * Sets the Authentication Method (section 3.2.2.3.17). The default is none.
         *
         * @param method the method, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code method} is not a valid MQTT string (U+0000, an unpaired
         *     surrogate, or more than 65,535 bytes of UTF-8)
         */
        public Builder authenticationMethod(String method) {
            this.authenticationMethod = Checks.optionalString(method, "authenticationMethod");
            return this;
        }

        /**
         * Sets the Authentication Data (section 3.2.2.3.18) to a copy of {@code data}. The default is none.
         *
         * @param data at most 65,535 bytes, or null to leave it out
         * @return this builder
         * @throws IllegalArgumentException if {@code data} is longer than 65,535 bytes
         */
        public Builder authenticationData(byte[] data) {
            this.authenticationData = Checks.optionalBinary(data, "authenticationData");
            return this;
        }

        /**
         * Builds the packet.
         *
         * @return a new immutable packet with this builder's values
         * @throws IllegalStateException if Session Present is set with a failing reason code, or
         *     authentication data without an authentication method
         */
        public ConnAckPacket build() {
            if (sessionPresent && reasonCode.isError()) {
                throw new IllegalStateException("sessionPresent must be false when the reason code is an error");
            }
            if (authenticationData != null && authenticationMethod == null) {
                throw new IllegalStateException("authenticationData needs an authenticationMethod");
            }
            return new ConnAckPacket(this);
        }
    }
}
