package dev.tern.mqtt5;

import dev.tern.mqtt5.internal.util.ToStringHelper;
import dev.tern.mqtt5.packets.QoS;

/**
 * The values in force on one connection, after the client's CONNECT and the server's CONNACK, with the
 * specification's defaults applied for what the CONNACK left out. Immutable.
 */
public final class NegotiatedSettings {

    private final QoS maximumQoS;
    private final long sessionExpiryIntervalSeconds;
    private final int receiveMaximumFromServer;
    private final int receiveMaximumFromClient;
    private final long maximumPacketSizeToServer;
    private final long maximumPacketSizeToClient;
    private final int topicAliasMaximumToServer;
    private final int topicAliasMaximumToClient;
    private final int serverKeepAliveSeconds;
    private final boolean retainAvailable;
    private final boolean wildcardSubscriptionsAvailable;
    private final boolean subscriptionIdentifiersAvailable;
    private final boolean sharedSubscriptionsAvailable;
    private final String clientId;
    private final boolean rejoinedSession;

    private NegotiatedSettings(Builder b) {
        maximumQoS = b.maximumQoS;
        sessionExpiryIntervalSeconds = b.sessionExpiryIntervalSeconds;
        receiveMaximumFromServer = b.receiveMaximumFromServer;
        receiveMaximumFromClient = b.receiveMaximumFromClient;
        maximumPacketSizeToServer = b.maximumPacketSizeToServer;
        maximumPacketSizeToClient = b.maximumPacketSizeToClient;
        topicAliasMaximumToServer = b.topicAliasMaximumToServer;
        topicAliasMaximumToClient = b.topicAliasMaximumToClient;
        serverKeepAliveSeconds = b.serverKeepAliveSeconds;
        retainAvailable = b.retainAvailable;
        wildcardSubscriptionsAvailable = b.wildcardSubscriptionsAvailable;
        subscriptionIdentifiersAvailable = b.subscriptionIdentifiersAvailable;
        sharedSubscriptionsAvailable = b.sharedSubscriptionsAvailable;
        clientId = b.clientId;
        rejoinedSession = b.rejoinedSession;
    }

    /**
     * {@return a new builder holding the values the specification assumes when a CONNACK has no properties}
     * For the client, which builds these at CONNACK, and for tests; the setters do not check their arguments.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the highest QoS the server accepts from this client: its Maximum QoS, or
     * {@link QoS#EXACTLY_ONCE} if it sent none}
     */
    public QoS maximumQoS() {
        return maximumQoS;
    }

    /**
     * {@return the Session Expiry Interval in force, in seconds: the server's if it sent one, else the
     * client's, else 0 (the session ends with the connection)}
     */
    public long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    /**
     * {@return the server's Receive Maximum: how many QoS 1 and 2 publishes the client may have
     * unacknowledged towards the server, 1 to 65,535} The client queues the rest.
     */
    public int receiveMaximumFromServer() {
        return receiveMaximumFromServer;
    }

    /**
     * {@return the client's Receive Maximum: how many QoS 1 and 2 publishes the server may have
     * unacknowledged towards the client, 1 to 65,535}
     */
    public int receiveMaximumFromClient() {
        return receiveMaximumFromClient;
    }

    /**
     * {@return the largest packet the server accepts, in bytes; 268,435,460 if it set no limit} Larger
     * operations fail with {@link PacketTooLargeException}.
     */
    public long maximumPacketSizeToServer() {
        return maximumPacketSizeToServer;
    }

    /** {@return the largest packet the client accepts, in bytes; 268,435,460 if it set no limit} */
    public long maximumPacketSizeToClient() {
        return maximumPacketSizeToClient;
    }

    /** {@return how many topic aliases the client may use towards the server, 0 to 65,535} */
    public int topicAliasMaximumToServer() {
        return topicAliasMaximumToServer;
    }

    /** {@return how many topic aliases the server may use towards the client, 0 to 65,535} */
    public int topicAliasMaximumToClient() {
        return topicAliasMaximumToClient;
    }

    /**
     * {@return the keep alive in force, in seconds: the server's Server Keep Alive if it sent one, else the
     * client's Keep Alive; 0 means none}
     */
    public int serverKeepAliveSeconds() {
        return serverKeepAliveSeconds;
    }

    /** {@return whether the server supports retained messages; true unless its CONNACK said otherwise} */
    public boolean retainAvailable() {
        return retainAvailable;
    }

    /**
     * {@return whether the server supports wildcard subscriptions; true unless its CONNACK said otherwise}
     */
    public boolean wildcardSubscriptionsAvailable() {
        return wildcardSubscriptionsAvailable;
    }

    /**
     * {@return whether the server supports subscription identifiers; true unless its CONNACK said otherwise}
     */
    public boolean subscriptionIdentifiersAvailable() {
        return subscriptionIdentifiersAvailable;
    }

    /** {@return whether the server supports shared subscriptions; true unless its CONNACK said otherwise} */
    public boolean sharedSubscriptionsAvailable() {
        return sharedSubscriptionsAvailable;
    }

    /** {@return the client identifier in use: the one the client sent, or the one the server assigned} */
    public String clientId() {
        return clientId;
    }

    /** {@return whether the server resumed an existing session (CONNACK Session Present)} */
    public boolean rejoinedSession() {
        return rejoinedSession;
    }

    @Override
    public String toString() {
        return new ToStringHelper("NegotiatedSettings")
                .add("clientId", clientId)
                .add("rejoinedSession", rejoinedSession)
                .add("maximumQoS", maximumQoS)
                .add("sessionExpiryIntervalSeconds", sessionExpiryIntervalSeconds)
                .add("receiveMaximumFromServer", receiveMaximumFromServer)
                .add("receiveMaximumFromClient", receiveMaximumFromClient)
                .add("maximumPacketSizeToServer", maximumPacketSizeToServer)
                .add("maximumPacketSizeToClient", maximumPacketSizeToClient)
                .add("topicAliasMaximumToServer", topicAliasMaximumToServer)
                .add("topicAliasMaximumToClient", topicAliasMaximumToClient)
                .add("serverKeepAliveSeconds", serverKeepAliveSeconds)
                .add("retainAvailable", retainAvailable)
                .add("wildcardSubscriptionsAvailable", wildcardSubscriptionsAvailable)
                .add("subscriptionIdentifiersAvailable", subscriptionIdentifiersAvailable)
                .add("sharedSubscriptionsAvailable", sharedSubscriptionsAvailable)
                .toString();
    }

    /**
     * Builds {@link NegotiatedSettings}. For the client, which builds these at CONNACK, and for tests; the
     * setters do not check their arguments.
     */
    public static final class Builder {
        private QoS maximumQoS = QoS.EXACTLY_ONCE;
        private long sessionExpiryIntervalSeconds;
        private int receiveMaximumFromServer = 65_535;
        private int receiveMaximumFromClient = 65_535;
        private long maximumPacketSizeToServer = 268_435_460L;
        private long maximumPacketSizeToClient = 268_435_460L;
        private int topicAliasMaximumToServer;
        private int topicAliasMaximumToClient;
        private int serverKeepAliveSeconds;
        private boolean retainAvailable = true;
        private boolean wildcardSubscriptionsAvailable = true;
        private boolean subscriptionIdentifiersAvailable = true;
        private boolean sharedSubscriptionsAvailable = true;
        private String clientId = "";
        private boolean rejoinedSession;

        private Builder() {
        }

        /**
         * Sets the highest QoS the server accepts; the default is {@link QoS#EXACTLY_ONCE}.
         *
         * @param maximumQoS the value
         * @return this builder
         */
        public Builder maximumQoS(QoS maximumQoS) {
            this.maximumQoS = maximumQoS;
            return this;
        }

        /**
         * Sets the Session Expiry Interval in force, in seconds; the default is 0.
         *
         * @param sessionExpiryIntervalSeconds the value
         * @return this builder
         */
        public Builder sessionExpiryIntervalSeconds(long sessionExpiryIntervalSeconds) {
            this.sessionExpiryIntervalSeconds = sessionExpiryIntervalSeconds;
            return this;
        }

        /**
         * Sets the server's Receive Maximum; the default is 65,535.
         *
         * @param receiveMaximumFromServer the value
         * @return this builder
         */
        public Builder receiveMaximumFromServer(int receiveMaximumFromServer) {
            this.receiveMaximumFromServer = receiveMaximumFromServer;
            return this;
        }

        /**
         * Sets the client's Receive Maximum; the default is 65,535.
         *
         * @param receiveMaximumFromClient the value
         * @return this builder
         */
        public Builder receiveMaximumFromClient(int receiveMaximumFromClient) {
            this.receiveMaximumFromClient = receiveMaximumFromClient;
            return this;
        }

        /**
         * Sets the largest packet the server accepts, in bytes; the default is 268,435,460.
         *
         * @param maximumPacketSizeToServer the value
         * @return this builder
         */
        public Builder maximumPacketSizeToServer(long maximumPacketSizeToServer) {
            this.maximumPacketSizeToServer = maximumPacketSizeToServer;
            return this;
        }

        /**
         * Sets the largest packet the client accepts, in bytes; the default is 268,435,460.
         *
         * @param maximumPacketSizeToClient the value
         * @return this builder
         */
        public Builder maximumPacketSizeToClient(long maximumPacketSizeToClient) {
            this.maximumPacketSizeToClient = maximumPacketSizeToClient;
            return this;
        }

        /**
         * Sets how many topic aliases the client may use; the default is 0.
         *
         * @param topicAliasMaximumToServer the value
         * @return this builder
         */
        public Builder topicAliasMaximumToServer(int topicAliasMaximumToServer) {
            this.topicAliasMaximumToServer = topicAliasMaximumToServer;
            return this;
        }

        /**
         * Sets how many topic aliases the server may use; the default is 0.
         *
         * @param topicAliasMaximumToClient the value
         * @return this builder
         */
        public Builder topicAliasMaximumToClient(int topicAliasMaximumToClient) {
            this.topicAliasMaximumToClient = topicAliasMaximumToClient;
            return this;
        }

        /**
         * Sets the keep alive in force, in seconds; the default is 0.
         *
         * @param serverKeepAliveSeconds the value
         * @return this builder
         */
        public Builder serverKeepAliveSeconds(int serverKeepAliveSeconds) {
            this.serverKeepAliveSeconds = serverKeepAliveSeconds;
            return this;
        }

        /**
         * Sets whether the server supports retained messages; the default is true.
         *
         * @param retainAvailable the value
         * @return this builder
         */
        public Builder retainAvailable(boolean retainAvailable) {
            this.retainAvailable = retainAvailable;
            return this;
        }

        /**
         * Sets whether the server supports wildcard subscriptions; the default is true.
         *
         * @param wildcardSubscriptionsAvailable the value
         * @return this builder
         */
        public Builder wildcardSubscriptionsAvailable(boolean wildcardSubscriptionsAvailable) {
            this.wildcardSubscriptionsAvailable = wildcardSubscriptionsAvailable;
            return this;
        }

        /**
         * Sets whether the server supports subscription identifiers; the default is true.
         *
         * @param subscriptionIdentifiersAvailable the value
         * @return this builder
         */
        public Builder subscriptionIdentifiersAvailable(boolean subscriptionIdentifiersAvailable) {
            this.subscriptionIdentifiersAvailable = subscriptionIdentifiersAvailable;
            return this;
        }

        /**
         * Sets whether the server supports shared subscriptions; the default is true.
         *
         * @param sharedSubscriptionsAvailable the value
         * @return this builder
         */
        public Builder sharedSubscriptionsAvailable(boolean sharedSubscriptionsAvailable) {
            this.sharedSubscriptionsAvailable = sharedSubscriptionsAvailable;
            return this;
        }

        /**
         * Sets the client identifier in use; the default is empty.
         *
         * @param clientId the value
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        /**
         * Sets whether the server resumed a session; the default is false.
         *
         * @param rejoinedSession the value
         * @return this builder
         */
        public Builder rejoinedSession(boolean rejoinedSession) {
            this.rejoinedSession = rejoinedSession;
            return this;
        }

        /** {@return new immutable settings with this builder's values} */
        public NegotiatedSettings build() {
            return new NegotiatedSettings(this);
        }
    }
}
