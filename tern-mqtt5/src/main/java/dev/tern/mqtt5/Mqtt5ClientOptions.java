package dev.tern.mqtt5;

import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.Socks5ProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.mqtt5.transport.WebSocketOptions;
import io.netty.channel.EventLoopGroup;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Everything a {@link Mqtt5Client} is configured with. Immutable once built; a client keeps the options
 * it was created with for its whole life.
 *
 * <pre>{@code
 * Mqtt5ClientOptions options = Mqtt5ClientOptions.builder("broker.example", 1883)
 *         .connectOptions(ConnectPacket.builder().clientId("sensor-1").keepAliveIntervalSeconds(60).build())
 *         .sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
 *         .lifecycleEvents(myLifecycleEvents)
 *         .onPublishReceived(event -> handle(event.publishPacket()))
 *         .build();
 * }</pre>
 */
public final class Mqtt5ClientOptions {

    private static final LifecycleEvents NO_LIFECYCLE_EVENTS = new LifecycleEvents() {
    };

    private final String host;
    private final int port;
    private final ConnectPacket connectOptions;
    private final ClientSessionBehavior sessionBehavior;
    private final OfflineQueueBehavior offlineQueueBehavior;
    private final int maxQueuedOperations;
    private final ReconnectOptions reconnectOptions;
    private final Duration connectTimeout;
    private final Duration connAckTimeout;
    private final Duration pingTimeout;
    private final Duration ackTimeout;
    private final LifecycleEvents lifecycleEvents;
    private final Consumer<PublishReceivedEvent> onPublishReceived;
    private final Consumer<ResubscribeEvent> onResubscribe;
    private final boolean resubscribeOnSessionLoss;
    private final Duration maxConnectionAge;
    private final TopicAliasingOptions topicAliasing;
    private final EnhancedAuthenticator enhancedAuthenticator;
    private final Executor callbackExecutor;
    private final Executor completionExecutor;
    private final EventLoopGroup eventLoopGroup;
    private final TlsOptions tlsOptions;
    private final WebSocketOptions webSocketOptions;
    private final HttpProxyOptions httpProxyOptions;
    private final Socks5ProxyOptions socks5ProxyOptions;

    private Mqtt5ClientOptions(Builder b) {
        host = b.host;
        port = b.port;
        connectOptions = b.connectOptions;
        sessionBehavior = b.sessionBehavior;
        offlineQueueBehavior = b.offlineQueueBehavior;
        maxQueuedOperations = b.maxQueuedOperations;
        reconnectOptions = b.reconnectOptions;
        connectTimeout = b.connectTimeout;
        connAckTimeout = b.connAckTimeout;
        pingTimeout = b.pingTimeout;
        ackTimeout = b.ackTimeout;
        lifecycleEvents = b.lifecycleEvents;
        onPublishReceived = b.onPublishReceived;
        onResubscribe = b.onResubscribe;
        resubscribeOnSessionLoss = b.resubscribeOnSessionLoss;
        maxConnectionAge = b.maxConnectionAge;
        topicAliasing = b.topicAliasing;
        enhancedAuthenticator = b.enhancedAuthenticator;
        callbackExecutor = b.callbackExecutor;
        completionExecutor = b.completionExecutor;
        eventLoopGroup = b.eventLoopGroup;
        tlsOptions = b.tlsOptions;
        webSocketOptions = b.webSocketOptions;
        httpProxyOptions = b.httpProxyOptions;
        socks5ProxyOptions = b.socks5ProxyOptions;
    }

    /** Options for a server at {@code host}:{@code port} (1883 is MQTT's plain TCP port). */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The CONNECT the client sends (its Clean Start is decided by {@link #sessionBehavior()}). */
    public ConnectPacket connectOptions() {
        return connectOptions;
    }

    public ClientSessionBehavior sessionBehavior() {
        return sessionBehavior;
    }

    public OfflineQueueBehavior offlineQueueBehavior() {
        return offlineQueueBehavior;
    }

    /** The most operations that may wait to be sent; more fail with {@link ErrorKind#OFFLINE_QUEUE_FULL}. */
    public int maxQueuedOperations() {
        return maxQueuedOperations;
    }

    public ReconnectOptions reconnectOptions() {
        return reconnectOptions;
    }

    /** How long a connection attempt may take to open its transport (TCP, and TLS etc. later). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long the client waits for the CONNACK once its CONNECT is sent. */
    public Duration connAckTimeout() {
        return connAckTimeout;
    }

    /** How long the client waits for a PINGRESP before it considers the connection dead. */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    /** How long an operation may wait for its acknowledgement once sent; null for no limit. */
    public Duration ackTimeout() {
        return ackTimeout;
    }

    public LifecycleEvents lifecycleEvents() {
        return lifecycleEvents;
    }

    /** Receives messages that no per-subscription callback takes; null to drop them. */
    public Consumer<PublishReceivedEvent> onPublishReceived() {
        return onPublishReceived;
    }

    public Consumer<ResubscribeEvent> onResubscribe() {
        return onResubscribe;
    }

    /** Whether the client restores its subscriptions when the server did not resume the session. */
    public boolean resubscribeOnSessionLoss() {
        return resubscribeOnSessionLoss;
    }

    public TopicAliasingOptions topicAliasing() {
        return topicAliasing;
    }

    /**
     * How long a connection may stay up before the client replaces it with a fresh one, or null (the
     * default) for no limit. See {@link Builder#maxConnectionAge(Duration)}.
     */
    public Duration maxConnectionAge() {
        return maxConnectionAge;
    }

    /** The enhanced authentication method, or null. */
    public EnhancedAuthenticator enhancedAuthenticator() {
        return enhancedAuthenticator;
    }

    /** Runs lifecycle events and received-message callbacks, in order; null for the client's own thread. */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /**
     * Runs dependent stages of the futures operations return; null for Tern's shared completion threads
     * (daemon, as many as cores and at least two, ended when idle).
     */
    public Executor completionExecutor() {
        return completionExecutor;
    }

    /** The event loop group to connect on (the user closes it); null for Tern's shared one. */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** TLS to the broker, or null for plain TCP. */
    public TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /** MQTT over WebSocket (over TLS if {@link #tlsOptions()} is set), or null for MQTT over TCP. */
    public WebSocketOptions webSocketOptions() {
        return webSocketOptions;
    }

    /** An HTTP proxy to tunnel through, or null. */
    public HttpProxyOptions httpProxyOptions() {
        return httpProxyOptions;
    }

    /** A SOCKS5 proxy to tunnel through, or null. */
    public Socks5ProxyOptions socks5ProxyOptions() {
        return socks5ProxyOptions;
    }

    @Override
    public String toString() {
        return "Mqtt5ClientOptions{" + host + ":" + port + ", " + connectOptions + ", " + sessionBehavior + ", "
                + offlineQueueBehavior + ", " + reconnectOptions + ", " + topicAliasing
                + (tlsOptions != null ? ", " + tlsOptions : "") + (webSocketOptions != null ? ", " + webSocketOptions : "")
                + (httpProxyOptions != null ? ", " + httpProxyOptions : "")
                + (socks5ProxyOptions != null ? ", " + socks5ProxyOptions : "") + "}";
    }

    /** Builds {@link Mqtt5ClientOptions}. Not thread-safe. */
    public static final class Builder {
        private String host;
        private int port;
        private ConnectPacket connectOptions = ConnectPacket.builder().build();
        private ClientSessionBehavior sessionBehavior = ClientSessionBehavior.CLEAN;
        private OfflineQueueBehavior offlineQueueBehavior = OfflineQueueBehavior.FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT;
        private int maxQueuedOperations = 100_000;
        private ReconnectOptions reconnectOptions = ReconnectOptions.defaults();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration connAckTimeout = Duration.ofSeconds(20);
        private Duration pingTimeout = Duration.ofSeconds(30);
        private Duration ackTimeout;
        private LifecycleEvents lifecycleEvents = NO_LIFECYCLE_EVENTS;
        private Consumer<PublishReceivedEvent> onPublishReceived;
        private Consumer<ResubscribeEvent> onResubscribe;
        private boolean resubscribeOnSessionLoss = true;
        private Duration maxConnectionAge;
        private TopicAliasingOptions topicAliasing = TopicAliasingOptions.disabled();
        private EnhancedAuthenticator enhancedAuthenticator;
        private Executor callbackExecutor;
        private Executor completionExecutor;
        private EventLoopGroup eventLoopGroup;
        private TlsOptions tlsOptions;
        private WebSocketOptions webSocketOptions;
        private HttpProxyOptions httpProxyOptions;
        private Socks5ProxyOptions socks5ProxyOptions;

        private Builder(String host, int port) {
            host(host);
            port(port);
        }

        private Builder(Mqtt5ClientOptions o) {
            host = o.host;
            port = o.port;
            connectOptions = o.connectOptions;
            sessionBehavior = o.sessionBehavior;
            offlineQueueBehavior = o.offlineQueueBehavior;
            maxQueuedOperations = o.maxQueuedOperations;
            reconnectOptions = o.reconnectOptions;
            connectTimeout = o.connectTimeout;
            connAckTimeout = o.connAckTimeout;
            pingTimeout = o.pingTimeout;
            ackTimeout = o.ackTimeout;
            lifecycleEvents = o.lifecycleEvents;
            onPublishReceived = o.onPublishReceived;
            onResubscribe = o.onResubscribe;
            resubscribeOnSessionLoss = o.resubscribeOnSessionLoss;
            maxConnectionAge = o.maxConnectionAge;
            topicAliasing = o.topicAliasing;
            enhancedAuthenticator = o.enhancedAuthenticator;
            callbackExecutor = o.callbackExecutor;
            completionExecutor = o.completionExecutor;
            eventLoopGroup = o.eventLoopGroup;
            tlsOptions = o.tlsOptions;
            webSocketOptions = o.webSocketOptions;
            httpProxyOptions = o.httpProxyOptions;
            socks5ProxyOptions = o.socks5ProxyOptions;
        }

        public Builder host(String host) {
            Checks.notNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = Checks.range(port, 1, 65_535, "port");
            return this;
        }

        public Builder connectOptions(ConnectPacket connectOptions) {
            this.connectOptions = Checks.notNull(connectOptions, "connectOptions");
            return this;
        }

        public Builder sessionBehavior(ClientSessionBehavior sessionBehavior) {
            this.sessionBehavior = Checks.notNull(sessionBehavior, "sessionBehavior");
            return this;
        }

        public Builder offlineQueueBehavior(OfflineQueueBehavior offlineQueueBehavior) {
            this.offlineQueueBehavior = Checks.notNull(offlineQueueBehavior, "offlineQueueBehavior");
            return this;
        }

        /** At least 1; the default is 100,000. */
        public Builder maxQueuedOperations(int maxQueuedOperations) {
            this.maxQueuedOperations = Checks.range(maxQueuedOperations, 1, Integer.MAX_VALUE, "maxQueuedOperations");
            return this;
        }

        public Builder reconnectOptions(ReconnectOptions reconnectOptions) {
            this.reconnectOptions = Checks.notNull(reconnectOptions, "reconnectOptions");
            return this;
        }

        /** Default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Default 20 s. */
        public Builder connAckTimeout(Duration timeout) {
            this.connAckTimeout = positive(timeout, "connAckTimeout");
            return this;
        }

        /** Default 30 s. */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = positive(timeout, "pingTimeout");
            return this;
        }

        /**
         * Rotates connections: once a connection has been up this long, the client sends DISCONNECT (Normal
         * Disconnection, so no Will is published) and connects again at once, rejoining the session under
         * the session behaviour. For servers that cut connections after a fixed time (AWS IoT Core ends
         * WebSocket connections after 24 hours) or credentials that expire: a planned, clean reconnection
         * instead of a dropped one. A WebSocket handshake transformer can also give each connection a
         * deadline ({@link dev.tern.mqtt5.transport.WebSocketHandshakeRequest.Builder#validUntil}); the
         * earlier of the two applies. The {@link DisconnectionEvent} carries
         * {@link ErrorKind#CONNECTION_ROTATED}. Null (the default) for no limit.
         */
        public Builder maxConnectionAge(Duration age) {
            this.maxConnectionAge = age == null ? null : positive(age, "maxConnectionAge");
            return this;
        }

        /** Null (the default) for no limit. */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = timeout == null ? null : positive(timeout, "ackTimeout");
            return this;
        }

        public Builder lifecycleEvents(LifecycleEvents lifecycleEvents) {
            this.lifecycleEvents = Checks.notNull(lifecycleEvents, "lifecycleEvents");
            return this;
        }

        public Builder onPublishReceived(Consumer<PublishReceivedEvent> onPublishReceived) {
            this.onPublishReceived = onPublishReceived;
            return this;
        }

        public Builder onResubscribe(Consumer<ResubscribeEvent> onResubscribe) {
            this.onResubscribe = onResubscribe;
            return this;
        }

        /** Default true. */
        public Builder resubscribeOnSessionLoss(boolean resubscribe) {
            this.resubscribeOnSessionLoss = resubscribe;
            return this;
        }

        public Builder topicAliasing(TopicAliasingOptions topicAliasing) {
            this.topicAliasing = Checks.notNull(topicAliasing, "topicAliasing");
            return this;
        }

        public Builder enhancedAuthenticator(EnhancedAuthenticator authenticator) {
            this.enhancedAuthenticator = authenticator;
            return this;
        }

        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        public Builder completionExecutor(Executor executor) {
            this.completionExecutor = executor;
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        /** TLS to the broker (MQTT over TLS, or {@code wss} with WebSocket options); null for plain TCP. */
        public Builder tlsOptions(TlsOptions tlsOptions) {
            this.tlsOptions = tlsOptions;
            return this;
        }

        /** MQTT over WebSocket; null for MQTT over TCP. */
        public Builder webSocketOptions(WebSocketOptions webSocketOptions) {
            this.webSocketOptions = webSocketOptions;
            return this;
        }

        /** Tunnel through an HTTP proxy; null for none. */
        public Builder httpProxyOptions(HttpProxyOptions httpProxyOptions) {
            this.httpProxyOptions = httpProxyOptions;
            return this;
        }

        /** Tunnel through a SOCKS5 proxy; null for none. */
        public Builder socks5ProxyOptions(Socks5ProxyOptions socks5ProxyOptions) {
            this.socks5ProxyOptions = socks5ProxyOptions;
            return this;
        }

        /**
         * @throws IllegalStateException if both an HTTP and a SOCKS5 proxy are set, or if the CONNECT asks
         *     for an authentication method while an enhanced
         *     authenticator is set (the authenticator supplies it)
         */
        public Mqtt5ClientOptions build() {
            if (httpProxyOptions != null && socks5ProxyOptions != null) {
                throw new IllegalStateException("set an HTTP proxy or a SOCKS5 proxy, not both");
            }
            if (enhancedAuthenticator != null && connectOptions.authenticationMethod() != null) {
                throw new IllegalStateException("set the authentication method either in connectOptions or through"
                        + " the enhancedAuthenticator, not both");
            }
            return new Mqtt5ClientOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Checks.notNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
