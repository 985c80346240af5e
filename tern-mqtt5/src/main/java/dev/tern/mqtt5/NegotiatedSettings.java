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

    /** For the client (at CONNACK) and for tests. */
    public static Builder builder() {
        return new Builder();
    }

    /** The highest QoS the server accepts from this client. */
    public QoS maximumQoS() {
        return maximumQoS;
    }

    /** The session expiry in force, in seconds (the server may have changed the client's). */
    public long sessionExpiryIntervalSeconds() {
        return sessionExpiryIntervalSeconds;
    }

    /** How many QoS 1 and 2 publishes the client may have in flight to the server. */
    public int receiveMaximumFromServer() {
        return receiveMaximumFromServer;
    }

    /** How many QoS 1 and 2 publishes the server may have in flight to the client. */
    public int receiveMaximumFromClient() {
        return receiveMaximumFromClient;
    }

    /** The largest packet the server accepts, in bytes. */
    public long maximumPacketSizeToServer() {
        return maximumPacketSizeToServer;
    }

    /** The largest packet the client accepts, in bytes. */
    public long maximumPacketSizeToClient() {
        return maximumPacketSizeToClient;
    }

    /** How many topic aliases the client may use towards the server. */
    public int topicAliasMaximumToServer() {
        return topicAliasMaximumToServer;
    }

    /** How many topic aliases the server may use towards the client. */
    public int topicAliasMaximumToClient() {
        return topicAliasMaximumToClient;
    }

    /** The keep alive in force, in seconds: the server's if it sent one, else the client's. */
    public int serverKeepAliveSeconds() {
        return serverKeepAliveSeconds;
    }

    public boolean retainAvailable() {
        return retainAvailable;
    }

    public boolean wildcardSubscriptionsAvailable() {
        return wildcardSubscriptionsAvailable;
    }

    public boolean subscriptionIdentifiersAvailable() {
        return subscriptionIdentifiersAvailable;
    }

    public boolean sharedSubscriptionsAvailable() {
        return sharedSubscriptionsAvailable;
    }

    /** The client identifier in use: the client's own, or the one the server assigned. */
    public String clientId() {
        return clientId;
    }

    /** Whether the server resumed an existing session (CONNACK Session Present). */
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

    /** Builds {@link NegotiatedSettings}. */
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

        public Builder maximumQoS(QoS maximumQoS) {
            this.maximumQoS = maximumQoS;
            return this;
        }

        public Builder sessionExpiryIntervalSeconds(long sessionExpiryIntervalSeconds) {
            this.sessionExpiryIntervalSeconds = sessionExpiryIntervalSeconds;
            return this;
        }

        public Builder receiveMaximumFromServer(int receiveMaximumFromServer) {
            this.receiveMaximumFromServer = receiveMaximumFromServer;
            return this;
        }

        public Builder receiveMaximumFromClient(int receiveMaximumFromClient) {
            this.receiveMaximumFromClient = receiveMaximumFromClient;
            return this;
        }

        public Builder maximumPacketSizeToServer(long maximumPacketSizeToServer) {
            this.maximumPacketSizeToServer = maximumPacketSizeToServer;
            return this;
        }

        public Builder maximumPacketSizeToClient(long maximumPacketSizeToClient) {
            this.maximumPacketSizeToClient = maximumPacketSizeToClient;
            return this;
        }

        public Builder topicAliasMaximumToServer(int topicAliasMaximumToServer) {
            this.topicAliasMaximumToServer = topicAliasMaximumToServer;
            return this;
        }

        public Builder topicAliasMaximumToClient(int topicAliasMaximumToClient) {
            this.topicAliasMaximumToClient = topicAliasMaximumToClient;
            return this;
        }

        public Builder serverKeepAliveSeconds(int serverKeepAliveSeconds) {
            this.serverKeepAliveSeconds = serverKeepAliveSeconds;
            return this;
        }

        public Builder retainAvailable(boolean retainAvailable) {
            this.retainAvailable = retainAvailable;
            return this;
        }

        public Builder wildcardSubscriptionsAvailable(boolean wildcardSubscriptionsAvailable) {
            this.wildcardSubscriptionsAvailable = wildcardSubscriptionsAvailable;
            return this;
        }

        public Builder subscriptionIdentifiersAvailable(boolean subscriptionIdentifiersAvailable) {
            this.subscriptionIdentifiersAvailable = subscriptionIdentifiersAvailable;
            return this;
        }

        public Builder sharedSubscriptionsAvailable(boolean sharedSubscriptionsAvailable) {
            this.sharedSubscriptionsAvailable = sharedSubscriptionsAvailable;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder rejoinedSession(boolean rejoinedSession) {
            this.rejoinedSession = rejoinedSession;
            return this;
        }

        public NegotiatedSettings build() {
            return new NegotiatedSettings(this);
        }
    }
}
