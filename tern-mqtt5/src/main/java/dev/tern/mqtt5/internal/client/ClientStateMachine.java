package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.internal.codec.MqttEncoder;
import dev.tern.mqtt5.internal.transport.TernChannelInitializer;
import dev.tern.mqtt5.internal.transport.TransportStage;
import dev.tern.mqtt5.internal.transport.Transports;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetSocketAddress;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client's lifecycle, in one place, on the client's event loop:
 * <pre>
 *            start()                 CONNACK success
 *   STOPPED ─────────▶ CONNECTING ───────────────────▶ CONNECTED
 *      ▲                 │    ▲                            │
 *      │ stop()          │    │ backoff elapsed            │ connection lost
 *      │          failure▼    │                            ▼
 *      └──────────── WAITING_TO_RECONNECT ◀────────────────┘
 *   stop() from any state closes the connection (DISCONNECT first when connected) and ends in STOPPED;
 *   close() ends in CLOSED for good.
 * </pre>
 * It emits the lifecycle events in the order documented on {@link dev.tern.mqtt5.LifecycleEvents} and
 * hands each established connection to the {@link Session}.
 */
@CallByThread("event loop")
final class ClientStateMachine {

    private static final Logger log = LoggerFactory.getLogger(ClientStateMachine.class);

    enum ClientState {
        STOPPED,
        CONNECTING,
        CONNECTED,
        WAITING_TO_RECONNECT,
        CLOSED
    }

    private final Mqtt5ClientOptions options;
    private final EventLoop loop;
    private final Session session;
    private final CallbackDispatcher dispatcher;
    private final ReconnectBackoff backoff;
    private final List<TransportStage> transportStages;
    private final Consumer<NegotiatedSettings> settingsListener;
    private final ChannelOpener opener;

    private ClientState state = ClientState.STOPPED;
    private MqttConnectionHandler connection;
    private ScheduledFuture<?> reconnectTask;
    private ScheduledFuture<?> rotationTask;
    private int attempt;
    private boolean stopping;
    private boolean everConnected;
    /** The client identifier the server assigned to an empty one, reused on reconnection. */
    private String assignedClientId;
    private long connectedAtNanos;
    private io.netty.util.concurrent.Promise<Void> closed;

    ClientStateMachine(Mqtt5ClientOptions options, EventLoop loop, Session session, CallbackDispatcher dispatcher,
            List<TransportStage> transportStages, Consumer<NegotiatedSettings> settingsListener) {
        this(options, loop, session, dispatcher, transportStages, settingsListener, null);
    }

    /**
     * With {@code opener} non-null, connections are opened by it instead of by a socket: the fuzz tests run
     * the whole client against bytes in memory, on an embedded channel, without a socket or a thread.
     */
    ClientStateMachine(Mqtt5ClientOptions options, EventLoop loop, Session session, CallbackDispatcher dispatcher,
            List<TransportStage> transportStages, Consumer<NegotiatedSettings> settingsListener,
            ChannelOpener opener) {
        this.opener = opener != null ? opener : this::openSocket;
        this.options = options;
        this.loop = loop;
        this.session = session;
        this.dispatcher = dispatcher;
        this.transportStages = transportStages;
        this.settingsListener = settingsListener;
        this.backoff = new ReconnectBackoff(options.reconnectOptions(), new SplittableRandom());
    }

    ClientState state() {
        return state;
    }

    MqttConnectionHandler connection() {
        return state == ClientState.CONNECTED ? connection : null;
    }

    void start() {
        if (state != ClientState.STOPPED) {
            return;
        }
        stopping = false;
        attempt = 0;
        backoff.reset();
        connect();
    }

    private void connect() {
        reconnectTask = null;
        state = ClientState.CONNECTING;
        attempt++;
        dispatcher.attemptingConnect(new AttemptingConnectEvent(attempt));
        ConnectPacket.Builder connectBuilder = options.connectOptions().toBuilder().cleanStart(cleanStart());
        if (options.connectOptions().clientId().isEmpty() && assignedClientId != null) {
            // The identifier the server assigned is the session's name: without it no session can be rejoined.
            connectBuilder.clientId(assignedClientId);
        }
        ConnectPacket connect = connectBuilder.build();
        MqttEncoder encoder = new MqttEncoder();
        MqttConnectionHandler handler = new MqttConnectionHandler(this, session, options, connect, encoder,
                dispatcher, !transportStages.isEmpty());
        connection = handler;
        try {
            for (TransportStage stage : transportStages) {
                stage.prepare();
            }
        } catch (Mqtt5Exception e) {
            handler.transportFailed(e);
            return;
        }
        ChannelFuture future = opener.open(new TernChannelInitializer(transportStages,
                Negotiation.decoderSettings(connect), encoder, handler));
        future.addListener(f -> {
            if (!f.isSuccess()) {
                handler.transportFailed(ConnectionFailures.classify(f.cause(), options));
            }
        });
    }

    private ChannelFuture openSocket(TernChannelInitializer initializer) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NativeTransport.socketChannelFor(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(initializer);
        if (Transports.resolvedByProxy(options)) {
            // The proxy resolves the broker's name: this machine may not even have DNS for it.
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
            return bootstrap.connect(InetSocketAddress.createUnresolved(options.host(), options.port()));
        }
        return bootstrap.connect(options.host(), options.port());
    }

    /** Opens a connection's channel, with the pipeline {@code initializer} builds. */
    interface ChannelOpener {
        ChannelFuture open(TernChannelInitializer initializer);
    }

    private boolean cleanStart() {
        ClientSessionBehavior behavior = options.sessionBehavior();
        switch (behavior) {
            case REJOIN_ALWAYS:
                return false;
            case REJOIN_POST_SUCCESS:
                return !everConnected;
            default:
                return true;
        }
    }

    /** The handler got an affirmative CONNACK. */
    void onConnected(MqttConnectionHandler handler, ConnAckPacket connAck, NegotiatedSettings settings) {
        if (handler != connection || state != ClientState.CONNECTING) {
            return;
        }
        state = ClientState.CONNECTED;
        everConnected = true;
        if (connAck.assignedClientIdentifier() != null) {
            assignedClientId = connAck.assignedClientIdentifier();
        }
        attempt = 0;
        connectedAtNanos = System.nanoTime();
        settingsListener.accept(settings);
        dispatcher.connectionSuccess(new ConnectionSuccessEvent(connAck, settings));
        session.connected(handler, settings, connAck.sessionPresent());
        if (stopping) {
            handler.disconnect(null); // stop() raced the CONNACK
            return;
        }
        scheduleRotation(handler);
    }

    /** Plans the connection's replacement: at the maximum age, or shortly before its credentials expire. */
    private void scheduleRotation(MqttConnectionHandler handler) {
        long delay = options.maxConnectionAge() != null ? options.maxConnectionAge().toNanos() : Long.MAX_VALUE;
        java.time.Instant validUntil = handler.credentialsValidUntil();
        if (validUntil != null) {
            long remaining = java.time.Duration.between(java.time.Instant.now(), validUntil).toNanos();
            if (remaining > 0) {
                // Early enough to reconnect before the server notices; never a tight loop.
                long lead = Math.min(TimeUnit.MINUTES.toNanos(1), remaining / 2);
                delay = Math.min(delay, Math.max(remaining - lead, TimeUnit.SECONDS.toNanos(1)));
            }
        }
        if (delay != Long.MAX_VALUE) {
            rotationTask = loop.schedule(() -> rotate(handler), delay, TimeUnit.NANOSECONDS);
        }
    }

    private void rotate(MqttConnectionHandler handler) {
        rotationTask = null;
        if (handler != connection || state != ClientState.CONNECTED || stopping) {
            return;
        }
        log.debug("rotating the connection to {}:{}", options.host(), options.port());
        handler.disconnect(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION).build(),
                new Mqtt5Exception(ErrorKind.CONNECTION_ROTATED, "the client replaced the connection with a fresh one"
                        + " (maximum connection age or expiring credentials)"));
    }

    /** The handler's connection is over, for whatever reason; reported exactly once per connection. */
    void connectionEnded(MqttConnectionHandler handler, boolean wasConnected, Mqtt5Exception error,
            ConnAckPacket connAck, DisconnectPacket serverDisconnect) {
        if (handler != connection) {
            return;
        }
        connection = null;
        if (rotationTask != null) {
            rotationTask.cancel(false);
            rotationTask = null;
        }
        if (stopping && error.kind() != ErrorKind.CLIENT_STOPPED) {
            error = new Mqtt5Exception(ErrorKind.CLIENT_STOPPED, "the client was stopped (" + error.getMessage() + ")",
                    error);
        }
        if (wasConnected) {
            settingsListener.accept(null);
            session.disconnected(error.kind(), error.getMessage());
            dispatcher.disconnection(new DisconnectionEvent(error, serverDisconnect));
            if (System.nanoTime() - connectedAtNanos >= options.reconnectOptions().resetAfter().toNanos()) {
                backoff.reset();
            }
        } else {
            session.reconnectionFailed(error.kind(), error.getMessage());
            dispatcher.connectionFailure(new ConnectionFailureEvent(error, connAck));
        }
        if (stopping) {
            if (state != ClientState.CLOSED) {
                state = ClientState.STOPPED;
            }
            dispatcher.stopped();
            completeClose();
            return;
        }
        if (state == ClientState.CLOSED) {
            completeClose();
            return;
        }
        if (error.kind() == ErrorKind.CONNECTION_ROTATED) {
            backoff.reset();
            state = ClientState.WAITING_TO_RECONNECT;
            reconnectTask = loop.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
            return;
        }
        long delay = backoff.nextDelayMillis(ConnectionFailures.isSevere(error));
        log.debug("reconnecting to {}:{} in {} ms after {}", options.host(), options.port(), delay, error.kind());
        state = ClientState.WAITING_TO_RECONNECT;
        reconnectTask = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    void stop(DisconnectPacket disconnect) {
        switch (state) {
            case CONNECTED:
                stopping = true;
                connection.disconnect(disconnect);
                return;
            case CONNECTING:
                stopping = true;
                connection.abort(new Mqtt5Exception(ErrorKind.CLIENT_STOPPED,
                        "the client was stopped while connecting"));
                return;
            case WAITING_TO_RECONNECT:
                reconnectTask.cancel(false);
                reconnectTask = null;
                state = ClientState.STOPPED;
                dispatcher.stopped();
                return;
            default:
                // STOPPED or CLOSED: nothing to stop
        }
    }

    /**
     * Stops and marks the client closed; the session fails what is left. The returned promise completes
     * once the connection (if any) has ended and its events are dispatched.
     */
    io.netty.util.concurrent.Future<Void> close() {
        if (closed == null) {
            closed = loop.newPromise();
            stop(null);
            if (reconnectTask != null) {
                reconnectTask.cancel(false);
                reconnectTask = null;
            }
            state = ClientState.CLOSED;
            session.close();
            if (connection == null) {
                closed.trySuccess(null);
            }
        }
        return closed;
    }

    private void completeClose() {
        if (closed != null) {
            closed.trySuccess(null);
        }
    }

    boolean isClosed() {
        return state == ClientState.CLOSED;
    }
}
