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

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }

    /** Whether the server resumed an existing session. */
    public boolean sessionPresent() {
        return sessionPresent;
    }

    public ConnectReasonCode reasonCode() {
        return reasonCode;
    }

    /** The session expiry the server applies, if it differs from the client's request; else null. */
    public Long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    /** How many QoS 1 and 2 publishes the server accepts in flight, or null (65,535). */
    public Integer receiveMaximum() {
        return receiveMaximum;
    }

    /** The highest QoS the server supports (0 or 1), or null (2). */
    public QoS maximumQoS() {
        return maximumQoS;
    }

    /** Whether the server supports retained messages, or null (true). */
    public Boolean retainAvailable() {
        return retainAvailable;
    }

    /** The largest packet the server accepts, or null (no limit beyond the protocol's). */
    public Long maximumPacketSize() {
        return maximumPacketSize;
    }

    /** The client identifier the server assigned, when the client sent an empty one; else null. */
    public String assignedClientIdentifier() {
        return assignedClientIdentifier;
    }

    /** How many topic aliases the server accepts, or null (0). */
    public Integer topicAliasMaximum() {
        return topicAliasMaximum;
    }

    public String reasonString() {
        return reasonString;
    }

    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** Whether wildcard subscriptions are supported, or null (true). */
    public Boolean wildcardSubscriptionsAvailable() {
        return wildcardSubscriptionsAvailable;
    }

    /** Whether subscription identifiers are supported, or null (true). */
    public Boolean subscriptionIdentifiersAvailable() {
        return subscriptionIdentifiersAvailable;
    }

    /** Whether shared subscriptions are supported, or null (true). */
    public Boolean sharedSubscriptionsAvailable() {
        return sharedSubscriptionsAvailable;
    }

    /** The keep alive the client must use instead of its own, or null. */
    public Integer serverKeepAliveSeconds() {
        return serverKeepAliveSeconds;
    }

    public String responseInformation() {
        return responseInformation;
    }

    /** Another server to use (with USE_ANOTHER_SERVER or SERVER_MOVED), or null. */
    public String serverReference() {
        return serverReference;
    }

    public String authenticationMethod() {
        return authenticationMethod;
    }

    /** A copy of the authentication data, or null. */
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

    /** Builds {@link ConnAckPacket}s (servers, test peers). Not thread-safe. */
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

        public Builder sessionPresent(boolean sessionPresent) {
            this.sessionPresent = sessionPresent;
            return this;
        }

        public Builder reasonCode(ConnectReasonCode reasonCode) {
            this.reasonCode = Checks.notNull(reasonCode, "reasonCode");
            return this;
        }

        public Builder sessionExpiryIntervalSeconds(Long seconds) {
            this.sessionExpiryIntervalSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_INT, "sessionExpiryIntervalSeconds");
            return this;
        }

        public Builder receiveMaximum(Integer receiveMaximum) {
            this.receiveMaximum = Checks.optionalRange(receiveMaximum, 1, Checks.MAX_UNSIGNED_SHORT, "receiveMaximum");
            return this;
        }

        /** AT_MOST_ONCE or AT_LEAST_ONCE; null (the default) means EXACTLY_ONCE is supported. */
        public Builder maximumQoS(QoS maximumQoS) {
            if (maximumQoS == QoS.EXACTLY_ONCE) {
                throw new IllegalArgumentException(
                        "maximumQoS must be AT_MOST_ONCE or AT_LEAST_ONCE; leave it null for EXACTLY_ONCE");
            }
            this.maximumQoS = maximumQoS;
            return this;
        }

        public Builder retainAvailable(Boolean retainAvailable) {
            this.retainAvailable = retainAvailable;
            return this;
        }

        public Builder maximumPacketSize(Long maximumPacketSize) {
            this.maximumPacketSize = Checks.optionalRange(
                    maximumPacketSize, 1, Checks.MAX_UNSIGNED_INT, "maximumPacketSize");
            return this;
        }

        public Builder assignedClientIdentifier(String id) {
            this.assignedClientIdentifier = Checks.optionalString(id, "assignedClientIdentifier");
            return this;
        }

        public Builder topicAliasMaximum(Integer topicAliasMaximum) {
            this.topicAliasMaximum = Checks.optionalRange(
                    topicAliasMaximum, 0, Checks.MAX_UNSIGNED_SHORT, "topicAliasMaximum");
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

        public Builder wildcardSubscriptionsAvailable(Boolean available) {
            this.wildcardSubscriptionsAvailable = available;
            return this;
        }

        public Builder subscriptionIdentifiersAvailable(Boolean available) {
            this.subscriptionIdentifiersAvailable = available;
            return this;
        }

        public Builder sharedSubscriptionsAvailable(Boolean available) {
            this.sharedSubscriptionsAvailable = available;
            return this;
        }

        public Builder serverKeepAliveSeconds(Integer seconds) {
            this.serverKeepAliveSeconds = Checks.optionalRange(
                    seconds, 0, Checks.MAX_UNSIGNED_SHORT, "serverKeepAliveSeconds");
            return this;
        }

        public Builder responseInformation(String responseInformation) {
            this.responseInformation = Checks.optionalString(responseInformation, "responseInformation");
            return this;
        }

        public Builder serverReference(String serverReference) {
            this.serverReference = Checks.optionalString(serverReference, "serverReference");
            return this;
        }

        public Builder authenticationMethod(String method) {
            this.authenticationMethod = Checks.optionalString(method, "authenticationMethod");
            return this;
        }

        public Builder authenticationData(byte[] data) {
            this.authenticationData = Checks.optionalBinary(data, "authenticationData");
            return this;
        }

        /**
         * @throws IllegalStateException if session present is set with a failure code, or authentication
         *     data without a method
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
