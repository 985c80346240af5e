package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.EnhancedAuthenticator;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.internal.codec.DecodeException;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.internal.codec.MqttEncoder;
import dev.tern.mqtt5.internal.transport.TransportReadyEvent;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PingReqPacket;
import dev.tern.mqtt5.packets.PingRespPacket;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT connection, at the end of the pipeline: sends CONNECT once the transport is ready, waits for
 * CONNACK (and AUTH exchanges), then feeds decoded packets to the {@link Session} and keeps the
 * connection alive with PINGREQ. The only handler that talks to the session.
 *
 * <pre>
 *   WAITING_FOR_TRANSPORT ──transport ready──▶ CONNECTING ──CONNACK success──▶ CONNECTED
 *            │                                     │                              │
 *            └───────────── any failure ───────────┴────────── closing ──────────┴──▶ CLOSED
 * </pre>
 * Whatever ends the connection — the server, the network, a protocol violation, a timeout or the
 * application — is recorded once as the close reason and reported once to the
 * {@link ClientStateMachine} when the channel is closed. Every method runs on the channel's event loop.
 */
@CallByThread("event loop")
final class MqttConnectionHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(MqttConnectionHandler.class);

    enum Phase {
        WAITING_FOR_TRANSPORT,
        CONNECTING,
        CONNECTED,
        CLOSED
    }

    private final ClientStateMachine machine;
    private final Session session;
    private final Mqtt5ClientOptions options;
    private final ConnectPacket connect;
    private final MqttEncoder encoder;
    private final CallbackDispatcher dispatcher;
    private final boolean awaitTransportReady;

    private ChannelHandlerContext ctx;
    private Phase phase = Phase.WAITING_FOR_TRANSPORT;
    private boolean ended;
    private Mqtt5Exception closeReason;
    private ConnAckPacket failedConnAck;
    private DisconnectPacket serverDisconnect;
    /**
     * Set once the server broke the protocol or sent DISCONNECT: the close takes effect only after the
     * current read, and what the server sent behind it in the same read must not be acted on.
     */
    private boolean discardingInput;

    private ScheduledFuture<?> connAckTimeout;
    private ScheduledFuture<?> keepAliveTask;
    private ScheduledFuture<?> pingTimeout;
    private long keepAliveNanos;
    private long lastWriteNanos;

    private boolean inRead;
    private boolean flushPending;
    private boolean flushScheduled;
    private final Runnable flushTask = this::scheduledFlush;

    private CompletableFuture<AuthPacket> reauthentication;

    MqttConnectionHandler(ClientStateMachine machine, Session session, Mqtt5ClientOptions options,
            ConnectPacket connect, MqttEncoder encoder, CallbackDispatcher dispatcher, boolean awaitTransportReady) {
        this.machine = machine;
        this.session = session;
        this.options = options;
        this.connect = connect;
        this.encoder = encoder;
        this.dispatcher = dispatcher;
        this.awaitTransportReady = awaitTransportReady;
    }

    Phase phase() {
        return phase;
    }

    // ==== Netty events ==============================================================================

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!awaitTransportReady) {
            startMqtt();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof TransportReadyEvent) {
            startMqtt();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        inRead = true;
        try {
            handle(msg);
        } catch (RuntimeException e) {
            log.error("internal error while handling {}; closing the connection", msg, e);
            abort(new Mqtt5Exception(ErrorKind.INTERNAL, "internal error while handling " + msg + ": " + e, e));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        inRead = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (phase == Phase.CONNECTED && ctx.channel().isWritable()) {
            session.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecodeException) {
            DecodeException e = (DecodeException) cause;
            if (e.isUnexpected()) {
                log.error("decoder failure (a bug in Tern); disconnecting", e.getCause());
            }
            protocolViolation(e.reasonCode(), e.getMessage());
        } else if (cause instanceof PacketTooLargeException) {
            log.warn("a packet was too large for the server and was not sent: {}", cause.getMessage());
        } else {
            if (closeReason == null) {
                closeReason = ConnectionFailures.classify(cause, options);
            }
            log.debug("connection failed", cause);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end();
        ctx.fireChannelInactive();
    }

    // ==== CONNECT / CONNACK / AUTH ====================================================================

    private void startMqtt() {
        if (phase != Phase.WAITING_FOR_TRANSPORT) {
            return;
        }
        phase = Phase.CONNECTING;
        EnhancedAuthenticator authenticator = options.enhancedAuthenticator();
        if (authenticator == null) {
            sendConnect(connect);
            return;
        }
        dispatcher.execute("EnhancedAuthenticator.initialData", () -> authenticator.initialData().whenComplete(
                (data, error) -> ctx.executor().execute(() -> {
                    if (phase != Phase.CONNECTING) {
                        return;
                    }
                    if (error != null) {
                        abort(new Mqtt5Exception(ErrorKind.AUTHENTICATION,
                                "the enhanced authenticator failed to supply initial data", error));
                        return;
                    }
                    sendConnect(connect.toBuilder().authenticationMethod(authenticator.method())
                            .authenticationData(data).build());
                })));
    }

    private void sendConnect(ConnectPacket packet) {
        write(packet);
        ctx.flush();
        connAckTimeout = ctx.executor().schedule(() -> abort(new Mqtt5Exception(ErrorKind.CONNACK_TIMEOUT,
                "no CONNACK within " + options.connAckTimeout().toMillis() + " ms (connAckTimeout); the server"
                        + " may not speak MQTT 5 on this port, or is overloaded")),
                options.connAckTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void handle(Object msg) {
        if (discardingInput) {
            return;
        }
        switch (phase) {
            case CONNECTING:
                if (msg instanceof ConnAckPacket) {
                    onConnAck((ConnAckPacket) msg);
                } else if (msg instanceof AuthPacket) {
                    onAuth((AuthPacket) msg);
                } else if (msg instanceof DisconnectPacket) {
                    // Still a protocol error, but what the server said is the useful part of the report.
                    DisconnectPacket disconnect = (DisconnectPacket) msg;
                    protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "the server sent DISCONNECT ("
                            + disconnect.reasonCode() + (disconnect.reasonString() != null
                                    ? ": " + disconnect.reasonString() : "")
                            + ") before CONNACK [MQTT-3.14.0-1]");
                } else {
                    protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                            "the server sent " + describe(msg) + " before CONNACK");
                }
                return;
            case CONNECTED:
                handleConnected(msg);
                return;
            default:
                // closing: ignore what is still in the pipe
        }
    }

    private void handleConnected(Object msg) {
        if (msg instanceof InboundPublish) {
            session.onPublish((InboundPublish) msg);
        } else if (msg instanceof IdentifiedPacket) {
            IdentifiedPacket<?> identified = (IdentifiedPacket<?>) msg;
            int id = identified.packetId();
            Object packet = identified.packet();
            if (packet instanceof PubAckPacket) {
                session.onPubAck(id, (PubAckPacket) packet);
            } else if (packet instanceof PubRecPacket) {
                session.onPubRec(id, (PubRecPacket) packet);
            } else if (packet instanceof PubRelPacket) {
                session.onPubRel(id, (PubRelPacket) packet);
            } else if (packet instanceof PubCompPacket) {
                session.onPubComp(id, (PubCompPacket) packet);
            } else if (packet instanceof SubAckPacket) {
                session.onSubAck(id, (SubAckPacket) packet);
            } else if (packet instanceof UnsubAckPacket) {
                session.onUnsubAck(id, (UnsubAckPacket) packet);
            }
        } else if (msg instanceof PingRespPacket) {
            if (pingTimeout != null) {
                pingTimeout.cancel(false);
                pingTimeout = null;
            }
        } else if (msg instanceof DisconnectPacket) {
            onServerDisconnect((DisconnectPacket) msg);
        } else if (msg instanceof AuthPacket) {
            onAuth((AuthPacket) msg);
        } else if (msg instanceof ConnAckPacket) {
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "the server sent a second CONNACK");
        }
    }

    private void onConnAck(ConnAckPacket connAck) {
        cancel(connAckTimeout);
        connAckTimeout = null;
        EnhancedAuthenticator authenticator = options.enhancedAuthenticator();
        if (connAck.reasonCode().isError()) {
            failedConnAck = connAck;
            Mqtt5Exception error = new Mqtt5Exception(ErrorKind.CONNACK_REFUSED, connAck.reasonCode(),
                    "the server refused the connection: " + connAck.reasonCode()
                            + (connAck.reasonString() != null ? " (" + connAck.reasonString() + ")" : "")
                            + hint(connAck) , null);
            if (authenticator != null) {
                dispatcher.execute("EnhancedAuthenticator.onFailure", () -> authenticator.onFailure(error));
            }
            abort(error);
            return;
        }
        if (connAck.sessionPresent() && connect.cleanStart()) {
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "CONNACK has Session Present set although the client asked for a clean start [MQTT-3.2.2-2]");
            return;
        }
        String method = connAck.authenticationMethod();
        if (authenticator == null && method != null) {
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "CONNACK names the Authentication Method " + method
                    + " although the client asked for no enhanced authentication [MQTT-4.12.0-6]");
            return;
        }
        if (authenticator != null && !authenticator.method().equals(method)) {
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "CONNACK names the Authentication Method " + method
                    + ", not " + authenticator.method() + " [MQTT-4.12.0-5]");
            return;
        }
        NegotiatedSettings settings = Negotiation.settings(connect, connAck);
        encoder.peerMaximumPacketSize(settings.maximumPacketSizeToServer());
        phase = Phase.CONNECTED;
        if (authenticator != null) {
            byte[] data = connAck.authenticationData();
            dispatcher.execute("EnhancedAuthenticator.onSuccess", () -> authenticator.onSuccess(data));
        }
        startKeepAlive(settings.serverKeepAliveSeconds());
        machine.onConnected(this, connAck, settings);
    }

    private static String hint(ConnAckPacket connAck) {
        switch (connAck.reasonCode()) {
            case BAD_USER_NAME_OR_PASSWORD:
                return "; check the user name and password";
            case NOT_AUTHORIZED:
                return "; check the client's permissions (e.g. the AWS IoT policy)";
            case CLIENT_IDENTIFIER_NOT_VALID:
                return "; check the client identifier";
            case USE_ANOTHER_SERVER:
            case SERVER_MOVED:
                return connAck.serverReference() != null ? "; the server suggests " + connAck.serverReference() : "";
            default:
                return "";
        }
    }

    private void onAuth(AuthPacket auth) {
        EnhancedAuthenticator authenticator = options.enhancedAuthenticator();
        if (authenticator == null) {
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "the server sent AUTH although the client did not ask for enhanced authentication");
            return;
        }
        if (!authenticator.method().equals(auth.authenticationMethod())) {
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "the server's AUTH names the method "
                    + auth.authenticationMethod() + ", not " + authenticator.method());
            return;
        }
        if (auth.reasonCode() == AuthReasonCode.CONTINUE_AUTHENTICATION
                && phase == Phase.CONNECTED && reauthentication == null) {
            // Only the client starts a re-authentication (4.12.1): there is no exchange to continue.
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR,
                    "AUTH continues an authentication, but none is in progress");
        } else if (auth.reasonCode() == AuthReasonCode.CONTINUE_AUTHENTICATION) {
            dispatcher.execute("EnhancedAuthenticator.onContinue", () -> {
                CompletableFuture<byte[]> answer;
                try {
                    answer = authenticator.onContinue(auth);
                } catch (RuntimeException e) {
                    answer = CompletableFuture.failedFuture(e);
                }
                answer.whenComplete((data, error) -> ctx.executor().execute(() -> continueAuthentication(data, error)));
            });
        } else if (auth.reasonCode() == AuthReasonCode.SUCCESS && phase == Phase.CONNECTED && reauthentication != null) {
            CompletableFuture<AuthPacket> done = reauthentication;
            reauthentication = null;
            byte[] data = auth.authenticationData();
            dispatcher.execute("EnhancedAuthenticator.onSuccess", () -> authenticator.onSuccess(data));
            done.complete(auth);
        } else {
            protocolViolation(DisconnectReasonCode.PROTOCOL_ERROR, "unexpected AUTH with " + auth.reasonCode());
        }
    }

    private void continueAuthentication(byte[] data, Throwable error) {
        if (phase == Phase.CLOSED || ended) {
            return;
        }
        if (error != null) {
            closeReason = new Mqtt5Exception(ErrorKind.AUTHENTICATION, "the enhanced authenticator aborted", error);
            write(DisconnectPacket.of(DisconnectReasonCode.NOT_AUTHORIZED));
            ctx.writeAndFlush(ctx.voidPromise() == null ? null : io.netty.buffer.Unpooled.EMPTY_BUFFER)
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        write(AuthPacket.builder().reasonCode(AuthReasonCode.CONTINUE_AUTHENTICATION)
                .authenticationMethod(options.enhancedAuthenticator().method()).authenticationData(data).build());
        ctx.flush();
    }

    /** Starts re-authentication (section 4.12.1); completes with the server's final AUTH. */
    CompletableFuture<AuthPacket> reauthenticate() {
        CompletableFuture<AuthPacket> result = new CompletableFuture<>();
        EnhancedAuthenticator authenticator = options.enhancedAuthenticator();
        if (phase != Phase.CONNECTED) {
            result.completeExceptionally(new Mqtt5Exception(ErrorKind.NOT_CONNECTED, "not connected"));
            return result;
        }
        if (reauthentication != null) {
            result.completeExceptionally(new Mqtt5Exception(ErrorKind.INVALID_OPERATION,
                    "a re-authentication is already in progress"));
            return result;
        }
        reauthentication = result;
        dispatcher.execute("EnhancedAuthenticator.initialData", () -> authenticator.initialData().whenComplete(
                (data, error) -> ctx.executor().execute(() -> {
                    if (phase != Phase.CONNECTED) {
                        return;
                    }
                    if (error != null) {
                        reauthentication = null;
                        result.completeExceptionally(new Mqtt5Exception(ErrorKind.AUTHENTICATION,
                                "the enhanced authenticator failed to supply data", error));
                        return;
                    }
                    write(AuthPacket.builder().reasonCode(AuthReasonCode.REAUTHENTICATE)
                            .authenticationMethod(authenticator.method()).authenticationData(data).build());
                    ctx.flush();
                })));
        return result;
    }

    // ==== keep alive ================================================================================

    private void startKeepAlive(int seconds) {
        if (seconds <= 0) {
            return;
        }
        keepAliveNanos = TimeUnit.SECONDS.toNanos(seconds);
        keepAliveTask = ctx.executor().schedule(this::keepAlive, keepAliveNanos, TimeUnit.NANOSECONDS);
    }

    /** [MQTT-3.1.2-22]: send something within every keep-alive interval; PINGREQ when idle. */
    private void keepAlive() {
        if (phase != Phase.CONNECTED) {
            return;
        }
        long idle = System.nanoTime() - lastWriteNanos;
        long next = keepAliveNanos - idle;
        if (next <= 0) {
            if (pingTimeout == null) {
                write(PingReqPacket.INSTANCE);
                ctx.flush();
                pingTimeout = ctx.executor().schedule(() -> abort(new Mqtt5Exception(ErrorKind.KEEP_ALIVE_TIMEOUT,
                        "no PINGRESP within " + options.pingTimeout().toMillis() + " ms (pingTimeout); the"
                                + " connection is considered dead")),
                        options.pingTimeout().toNanos(), TimeUnit.NANOSECONDS);
            }
            next = keepAliveNanos;
        }
        keepAliveTask = ctx.executor().schedule(this::keepAlive, next, TimeUnit.NANOSECONDS);
    }

    // ==== writing ===================================================================================

    boolean isWritable() {
        return ctx.channel().isWritable();
    }

    ChannelPromise newPromise() {
        return ctx.newPromise();
    }

    void write(Object msg) {
        lastWriteNanos = System.nanoTime();
        ctx.write(msg, ctx.voidPromise());
    }

    void write(Object msg, ChannelPromise promise) {
        lastWriteNanos = System.nanoTime();
        ctx.write(msg, promise);
    }

    /** Flushes once after the current read, or once after the tasks already queued on the event loop. */
    void flushSoon() {
        if (inRead) {
            flushPending = true;
        } else if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(flushTask);
        }
    }

    private void scheduledFlush() {
        flushScheduled = false;
        ctx.flush();
    }

    // ==== ending ====================================================================================

    /** The server broke the protocol: DISCONNECT with {@code reason}, then close. */
    void protocolViolation(DisconnectReasonCode reason, String message) {
        if (closeReason != null || ended) {
            return;
        }
        discardingInput = true;
        log.debug("protocol violation by the server ({}): {}", reason, message);
        closeReason = new Mqtt5Exception(ErrorKind.PROTOCOL_VIOLATION, reason,
                "the server broke the MQTT 5 protocol: " + message, null);
        if (ctx.channel().isActive() && phase != Phase.WAITING_FOR_TRANSPORT) {
            write(DisconnectPacket.builder().reasonCode(reason).reasonString(truncate(message)).build());
            ctx.flush();
        }
        ctx.close();
    }

    private static String truncate(String message) {
        return message.length() <= 200 ? message : message.substring(0, 200);
    }

    private void onServerDisconnect(DisconnectPacket disconnect) {
        discardingInput = true; // nothing may follow a DISCONNECT [MQTT-3.14.4-1]
        serverDisconnect = disconnect;
        if (closeReason == null) {
            closeReason = new Mqtt5Exception(ErrorKind.SERVER_DISCONNECT, disconnect.reasonCode(),
                    "the server disconnected: " + disconnect.reasonCode()
                            + (disconnect.reasonString() != null ? " (" + disconnect.reasonString() + ")" : "")
                            + (disconnect.serverReference() != null
                                    ? "; it suggests the server " + disconnect.serverReference() : ""), null);
        }
        if (phase == Phase.CONNECTED && ConnectionFailures.blamesAMessage(disconnect.reasonCode())) {
            session.failPoisonMessage(disconnect.reasonCode());
        }
        ctx.close();
    }

    /** The application stops: send {@code disconnect} if connected, then close. */
    void disconnect(DisconnectPacket disconnect) {
        disconnect(disconnect, new Mqtt5Exception(ErrorKind.CLIENT_STOPPED, "the client was stopped"));
    }

    /** Sends {@code disconnect} (if connected) and closes, the connection ending for {@code reason}. */
    void disconnect(DisconnectPacket disconnect, Mqtt5Exception reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        if (phase == Phase.CONNECTED && disconnect != null && ctx.channel().isActive()) {
            lastWriteNanos = System.nanoTime();
            ctx.writeAndFlush(disconnect).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** When the credentials this connection was opened with expire, if the transport said; else null. */
    java.time.Instant credentialsValidUntil() {
        return ctx == null ? null : ctx.channel().attr(
                dev.tern.mqtt5.internal.transport.TransportStage.CREDENTIALS_VALID_UNTIL).get();
    }

    /** Closes for {@code reason} without a DISCONNECT. */
    void abort(Mqtt5Exception reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        if (ctx != null) {
            ctx.close();
        }
    }

    /** The transport never opened (connect failed): report the failure. */
    void transportFailed(Mqtt5Exception reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        Phase endedIn = phase;
        phase = Phase.CLOSED;
        cancel(connAckTimeout);
        cancel(keepAliveTask);
        cancel(pingTimeout);
        Mqtt5Exception reason = closeReason;
        if (reason == null && endedIn == Phase.WAITING_FOR_TRANSPORT && awaitTransportReady) {
            String target = options.host() + ":" + options.port();
            reason = options.tlsOptions() != null
                    ? new dev.tern.mqtt5.TlsException(dev.tern.mqtt5.TlsException.Failure.OTHER, "the connection to "
                            + target + " closed before the TLS handshake completed; check that the port speaks TLS",
                            null)
                    : new Mqtt5Exception(ErrorKind.CONNECTION_LOST, "the connection to " + target
                            + " closed while the transport (proxy or WebSocket) was being set up");
        }
        if (reason == null) {
            reason = new Mqtt5Exception(ErrorKind.CONNECTION_LOST, endedIn == Phase.CONNECTED
                    ? "the connection to " + options.host() + ":" + options.port() + " was closed without a DISCONNECT"
                    : "the connection to " + options.host() + ":" + options.port() + " closed before CONNACK");
        }
        if (reauthentication != null) {
            reauthentication.completeExceptionally(reason);
            reauthentication = null;
        }
        machine.connectionEnded(this, endedIn == Phase.CONNECTED, reason, failedConnAck, serverDisconnect);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static String describe(Object msg) {
        if (msg instanceof InboundPublish) {
            return "PUBLISH";
        }
        if (msg instanceof IdentifiedPacket) {
            return ((IdentifiedPacket<?>) msg).packet().type().name();
        }
        return msg.getClass().getSimpleName();
    }
}
