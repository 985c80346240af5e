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

    /**
     * Starts options for a server at {@code host}:{@code port}, with every other option at its default.
     *
     * @param host the server's host name or IP address; with a proxy, the proxy resolves it
     * @param port the server's port: 1883 for MQTT over TCP, 8883 for MQTT over TLS, commonly 443 or 80 for
     *     WebSocket
     * @return a new builder
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is empty or {@code port} is not in 1 to 65,535
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** {@return a builder holding these options; changing it does not change these options} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the server's host name or IP address} */
    public String host() {
        return host;
    }

    /** {@return the server's port} */
    public int port() {
        return port;
    }

    /**
     * {@return the CONNECT the client sends on every connection attempt} Its Clean Start flag is replaced
     * according to {@link #sessionBehavior()}, and an {@link #enhancedAuthenticator()} adds the
     * authentication method and data.
     */
    public ConnectPacket connectOptions() {
        return connectOptions;
    }

    /** {@return whether the client asks the server to resume its session when it connects} */
    public ClientSessionBehavior sessionBehavior() {
        return sessionBehavior;
    }

    /** {@return which operations wait, and which fail, while the client is not connected} */
    public OfflineQueueBehavior offlineQueueBehavior() {
        return offlineQueueBehavior;
    }

    /**
     * {@return the most operations that may wait to be sent, offline or behind the server's Receive Maximum}
     * More fail with {@link ErrorKind#OFFLINE_QUEUE_FULL}.
     */
    public int maxQueuedOperations() {
        return maxQueuedOperations;
    }

    /** {@return the backoff between connection attempts} */
    public ReconnectOptions reconnectOptions() {
        return reconnectOptions;
    }

    /**
     * {@return how long the TCP connection may take to open, and each of the proxy tunnel and WebSocket
     * upgrade to complete} The TLS handshake has its own {@link TlsOptions#handshakeTimeout()}.
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return how long the client waits for the CONNACK once its CONNECT is sent} */
    public Duration connAckTimeout() {
        return connAckTimeout;
    }

    /**
     * {@return how long the client waits for a PINGRESP after a PINGREQ before it considers the connection
     * dead}
     */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    /**
     * {@return how long a sent operation may wait for its acknowledgement before its future fails, or null
     * for no limit}
     */
    public Duration ackTimeout() {
        return ackTimeout;
    }

    /**
     * {@return the listener of lifecycle events, never null} Without one set, events go to a listener that
     * ignores them.
     */
    public LifecycleEvents lifecycleEvents() {
        return lifecycleEvents;
    }

    /**
     * {@return the callback for received messages that no per-subscription callback takes, or null} Without a
     * callback such messages are acknowledged and dropped.
     */
    public Consumer<PublishReceivedEvent> onPublishReceived() {
        return onPublishReceived;
    }

    /**
     * {@return the callback for the outcome of each SUBSCRIBE the client sends on its own to restore
     * subscriptions, or null}
     */
    public Consumer<ResubscribeEvent> onResubscribe() {
        return onResubscribe;
    }

    /**
     * {@return whether the client subscribes again to everything the server granted when a connection does
     * not resume the session}
     */
    public boolean resubscribeOnSessionLoss() {
        return resubscribeOnSessionLoss;
    }

    /** {@return how the client uses topic aliases on the messages it sends} */
    public TopicAliasingOptions topicAliasing() {
        return topicAliasing;
    }

    /**
     * {@return how long a connection may stay up before the client replaces it with a fresh one, or null (the
     * default) for no limit} See {@link Builder#maxConnectionAge(Duration)}.
     */
    public Duration maxConnectionAge() {
        return maxConnectionAge;
    }

    /** {@return the enhanced authentication method, or null for none} */
    public EnhancedAuthenticator enhancedAuthenticator() {
        return enhancedAuthenticator;
    }

    /**
     * {@return the executor of lifecycle events, received-message callbacks and authenticator calls, or null
     * for a thread of the client's own}
     */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /**
     * {@return the executor of the stages chained to the futures operations return, or null for Tern's shared
     * completion threads (daemon, as many as cores and at least two, ended when idle)}
     */
    public Executor completionExecutor() {
        return completionExecutor;
    }

    /** {@return the event loop group the client connects on, or null for Tern's shared one} */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** {@return the TLS settings, or null for a connection without TLS} */
    public TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /**
     * {@return the WebSocket settings, or null for MQTT over TCP} With {@link #tlsOptions()} set the
     * WebSocket runs over TLS ({@code wss}).
     */
    public WebSocketOptions webSocketOptions() {
        return webSocketOptions;
    }

    /** {@return the HTTP proxy to tunnel through, or null} */
    public HttpProxyOptions httpProxyOptions() {
        return httpProxyOptions;
    }

    /** {@return the SOCKS5 proxy to tunnel through, or null} */
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

    /**
     * Builds {@link Mqtt5ClientOptions}. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field.
     */
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

        /**
         * Sets the server's host name or IP address. With a proxy, the proxy resolves the name, so this
         * machine needs no DNS for it.
         *
         * @param host the host; not empty
         * @return this builder
         * @throws NullPointerException if {@code host} is null
         * @throws IllegalArgumentException if {@code host} is empty
         */
        public Builder host(String host) {
            Checks.notNull(host, "host");
            if (host.isEmpty()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            this.host = host;
            return this;
        }

        /**
         * Sets the server's port.
         *
         * @param port 1 to 65,535
         * @return this builder
         * @throws IllegalArgumentException if {@code port} is out of range
         */
        public Builder port(int port) {
            this.port = Checks.range(port, 1, 65_535, "port");
            return this;
        }

        /**
         * Sets the CONNECT the client sends on every connection attempt: client identifier, keep alive,
         * credentials, will and properties. Its Clean Start flag is replaced according to the session
         * behaviour. The default is {@code ConnectPacket.builder().build()}: a server-assigned client
         * identifier, keep alive 60 s, no credentials.
         *
         * @param connectOptions the CONNECT
         * @return this builder
         * @throws NullPointerException if {@code connectOptions} is null
         */
        public Builder connectOptions(ConnectPacket connectOptions) {
            this.connectOptions = Checks.notNull(connectOptions, "connectOptions");
            return this;
        }

        /**
         * Sets whether the client asks the server to resume its session when it connects. The default is
         * {@link ClientSessionBehavior#CLEAN}.
         *
         * @param sessionBehavior the behaviour
         * @return this builder
         * @throws NullPointerException if {@code sessionBehavior} is null
         */
        public Builder sessionBehavior(ClientSessionBehavior sessionBehavior) {
            this.sessionBehavior = Checks.notNull(sessionBehavior, "sessionBehavior");
            return this;
        }

        /**
         * Sets which operations wait, and which fail, while the client is not connected. The default is
         * {@link OfflineQueueBehavior#FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT}.
         *
         * @param offlineQueueBehavior the behaviour
         * @return this builder
         * @throws NullPointerException if {@code offlineQueueBehavior} is null
         */
        public Builder offlineQueueBehavior(OfflineQueueBehavior offlineQueueBehavior) {
            this.offlineQueueBehavior = Checks.notNull(offlineQueueBehavior, "offlineQueueBehavior");
            return this;
        }

        /**
         * Sets the most operations that may wait to be sent, whether the client is offline, the server's
         * Receive Maximum holds them back or the connection cannot take more bytes (a server that stops
         * reading). Operations submitted beyond it fail with {@link ErrorKind#OFFLINE_QUEUE_FULL}. The same
         * bound applies to operations handed to the client faster than its event loop takes them in, which
         * fail at once on the calling thread: whatever the application does, the client holds at most
         * twice this many operations. The default is 100,000.
         *
         * @param maxQueuedOperations at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code maxQueuedOperations} is below 1
         */
        public Builder maxQueuedOperations(int maxQueuedOperations) {
            this.maxQueuedOperations = Checks.range(maxQueuedOperations, 1, Integer.MAX_VALUE, "maxQueuedOperations");
            return this;
        }

        /**
         * Sets the backoff between connection attempts. The default is {@link ReconnectOptions#defaults()}.
         *
         * @param reconnectOptions the backoff
         * @return this builder
         * @throws NullPointerException if {@code reconnectOptions} is null
         */
        public Builder reconnectOptions(ReconnectOptions reconnectOptions) {
            this.reconnectOptions = Checks.notNull(reconnectOptions, "reconnectOptions");
            return this;
        }

        /**
         * Sets how long the TCP connection may take to open, and each of the proxy tunnel and the WebSocket
         * upgrade (transformer included) to complete; the TLS handshake has its own
         * {@link TlsOptions.Builder#handshakeTimeout(Duration)}. An attempt that exceeds it fails, and the
         * client tries again after its backoff. The default is 10 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long the client waits for the CONNACK once its CONNECT is sent, enhanced authentication
         * included. An attempt that exceeds it fails with {@link ErrorKind#CONNACK_TIMEOUT}. The default is
         * 20 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder connAckTimeout(Duration timeout) {
            this.connAckTimeout = positive(timeout, "connAckTimeout");
            return this;
        }

        /**
         * Sets how long the client waits for a PINGRESP after it sent a PINGREQ. Without one in time it
         * closes the connection with {@link ErrorKind#KEEP_ALIVE_TIMEOUT} and reconnects. The client sends a
         * PINGREQ when it has sent nothing for the keep-alive interval; with keep alive 0 it sends none. The
         * default is 30 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = positive(timeout, "pingTimeout");
            return this;
        }

        /**
         * Rotates connections: once a connection has been up this long, the client sends DISCONNECT (Normal
         * Disconnection, so no will is published) and connects again at once, rejoining the session under the
         * session behaviour. For servers that cut connections after a fixed time (AWS IoT Core ends WebSocket
         * connections after 24 hours) or credentials that expire: a planned, clean reconnection instead of a
         * dropped one. A WebSocket handshake transformer can also give each connection a deadline
         * ({@link dev.tern.mqtt5.transport.WebSocketHandshakeRequest.Builder#validUntil}); the earlier of the
         * two applies. The {@link DisconnectionEvent} carries {@link ErrorKind#CONNECTION_ROTATED}. The
         * default is none.
         *
         * @param age a positive duration, or null for no limit
         * @return this builder
         * @throws IllegalArgumentException if {@code age} is zero or negative
         */
        public Builder maxConnectionAge(Duration age) {
            this.maxConnectionAge = age == null ? null : positive(age, "maxConnectionAge");
            return this;
        }

        /**
         * Sets how long a sent operation may wait for its acknowledgement (PUBACK, PUBCOMP, SUBACK,
         * UNSUBACK). When it runs out the future fails with {@link ErrorKind#ACK_TIMEOUT}; the protocol
         * exchange itself goes on silently, so the session stays consistent. The default is none: wait as
         * long as the session lasts.
         *
         * @param timeout a positive duration, or null for no limit
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = timeout == null ? null : positive(timeout, "ackTimeout");
            return this;
        }

        /**
         * Sets the listener of lifecycle events. The default ignores them.
         *
         * @param lifecycleEvents the listener
         * @return this builder
         * @throws NullPointerException if {@code lifecycleEvents} is null
         */
        public Builder lifecycleEvents(LifecycleEvents lifecycleEvents) {
            this.lifecycleEvents = Checks.notNull(lifecycleEvents, "lifecycleEvents");
            return this;
        }

        /**
         * Sets the callback for received messages that no per-subscription callback takes (see
         * {@link Mqtt5Client#subscribe(dev.tern.mqtt5.packets.SubscribePacket, Consumer)}). It runs on the
         * callback executor, one message at a time, in order. Without one such messages are acknowledged and
         * dropped. The default is none.
         *
         * @param onPublishReceived the callback, or null for none
         * @return this builder
         */
        public Builder onPublishReceived(Consumer<PublishReceivedEvent> onPublishReceived) {
            this.onPublishReceived = onPublishReceived;
            return this;
        }

        /**
         * Sets the callback for the outcome of each SUBSCRIBE the client sends on its own to restore
         * subscriptions (see {@link #resubscribeOnSessionLoss(boolean)}). The default is none.
         *
         * @param onResubscribe the callback, or null for none
         * @return this builder
         */
        public Builder onResubscribe(Consumer<ResubscribeEvent> onResubscribe) {
            this.onResubscribe = onResubscribe;
            return this;
        }

        /**
         * Sets whether the client subscribes again when a connection does not resume the session (CONNACK
         * Session Present 0 after an earlier connection): it resends every subscription the server granted
         * and that was not unsubscribed, with its options, identifier and callback, before any other queued
         * operation. The default is true.
         *
         * @param resubscribe true to restore subscriptions
         * @return this builder
         */
        public Builder resubscribeOnSessionLoss(boolean resubscribe) {
            this.resubscribeOnSessionLoss = resubscribe;
            return this;
        }

        /**
         * Sets how the client uses topic aliases on the messages it sends. The default is
         * {@link TopicAliasingOptions#disabled()}.
         *
         * @param topicAliasing the aliasing options
         * @return this builder
         * @throws NullPointerException if {@code topicAliasing} is null
         */
        public Builder topicAliasing(TopicAliasingOptions topicAliasing) {
            this.topicAliasing = Checks.notNull(topicAliasing, "topicAliasing");
            return this;
        }

        /**
         * Sets the enhanced authentication method (MQTT 5.0 section 4.12). It supplies the CONNECT's
         * authentication method and data on every connection attempt, so the CONNECT options must not set
         * them. The default is none.
         *
         * @param authenticator the authenticator, or null for none
         * @return this builder
         */
        public Builder enhancedAuthenticator(EnhancedAuthenticator authenticator) {
            this.enhancedAuthenticator = authenticator;
            return this;
        }

        /**
         * Sets the executor of application code: lifecycle events, received-message callbacks and
         * authenticator calls. The client hands it one task at a time, so callbacks stay in order even on a
         * pool; an exception a callback throws is logged and does not reach the client. The client never
         * shuts it down. The default is none: daemon threads Tern shares between clients, one taken while a
         * client has callbacks to run (callbacks may block; the pool grows while all are busy and idle threads
         * end after a few seconds), so an idle client holds no thread.
         *
         * @param executor the executor, or null for Tern's shared callback threads
         * @return this builder
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /**
         * Sets the executor of the stages chained to the futures operations return ({@code thenApply}, {@code
         * whenComplete}, …), so that application code never runs on the network thread. The client never
         * shuts it down. The default is a few daemon threads Tern shares between clients (as many as cores,
         * at least two, ended when idle) — not the common fork-join pool, which {@code CompletableFuture}
         * replaces with a thread per task on one- and two-core machines. Stages of operations that complete
         * together (one read of acknowledgements) reach the executor as one task and run one after another,
         * in completion order: a stage that blocks delays the others of its batch, not the network thread.
         *
         * @param executor the executor, or null for Tern's shared completion threads
         * @return this builder
         */
        public Builder completionExecutor(Executor executor) {
            this.completionExecutor = executor;
            return this;
        }

        /**
         * Sets the Netty event loop group to connect on. The client takes one event loop from it for its
         * whole life and registers its socket channels there: an {@code EpollEventLoopGroup} gets epoll
         * channels, any other group NIO ones (so it must be a {@code NioEventLoopGroup} or compatible). The owner
         * shuts it down, after closing the client. The default is none: Tern's shared group of daemon threads
         * (one per core, at most 8; native epoll on Linux when it loads, else NIO), started with the first
         * client and shut down two seconds after the last one closes.
         *
         * @param group the group, or null for Tern's shared one
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        /**
         * Sets TLS to the server: MQTT over TLS, or {@code wss} with WebSocket options. The default is none:
         * no TLS.
         *
         * @param tlsOptions the TLS settings, or null for none
         * @return this builder
         */
        public Builder tlsOptions(TlsOptions tlsOptions) {
            this.tlsOptions = tlsOptions;
            return this;
        }

        /**
         * Sets MQTT over WebSocket (over TLS if TLS options are set). The default is none: MQTT over TCP.
         *
         * @param webSocketOptions the WebSocket settings, or null for none
         * @return this builder
         */
        public Builder webSocketOptions(WebSocketOptions webSocketOptions) {
            this.webSocketOptions = webSocketOptions;
            return this;
        }

        /**
         * Sets an HTTP proxy to tunnel through with CONNECT. Cannot be combined with a SOCKS5 proxy. The
         * default is none.
         *
         * @param httpProxyOptions the proxy, or null for none
         * @return this builder
         */
        public Builder httpProxyOptions(HttpProxyOptions httpProxyOptions) {
            this.httpProxyOptions = httpProxyOptions;
            return this;
        }

        /**
         * Sets a SOCKS5 proxy to tunnel through. Cannot be combined with an HTTP proxy. The default is none.
         *
         * @param socks5ProxyOptions the proxy, or null for none
         * @return this builder
         */
        public Builder socks5ProxyOptions(Socks5ProxyOptions socks5ProxyOptions) {
            this.socks5ProxyOptions = socks5ProxyOptions;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return new immutable options with this builder's values
         * @throws IllegalStateException if both an HTTP and a SOCKS5 proxy are set, or if the CONNECT options
         *     set an authentication method while an enhanced authenticator is set (the authenticator supplies
         *     it)
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
