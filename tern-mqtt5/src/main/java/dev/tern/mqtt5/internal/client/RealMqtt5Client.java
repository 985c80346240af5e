package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.OperationStatistics;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.internal.transport.Transports;
import dev.tern.mqtt5.internal.util.Checks;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@link Mqtt5Client}: moves every call onto the client's event loop, where the
 * {@link ClientStateMachine} and the {@link Session} live, and never throws from an operation.
 */
public final class RealMqtt5Client implements Mqtt5Client {

    /** What {@link #stop()} sends: a clean end, so that the server discards the Will. */
    private static final DisconnectPacket NORMAL_DISCONNECT = DisconnectPacket.builder()
            .reasonCode(dev.tern.mqtt5.packets.DisconnectReasonCode.NORMAL_DISCONNECTION).build();

    private final Mqtt5ClientOptions options;
    private final boolean sharedGroup;
    private final EventLoop loop;
    private final CallbackDispatcher dispatcher;
    private final Executor completionExecutor;
    private final Session session;
    private final ClientStateMachine machine;
    private volatile NegotiatedSettings negotiatedSettings;
    /** Operations on their way to the event loop: no task object per operation, one wake-up per batch. */
    private final LoopInbox<Operation<?>> submissions;
    private volatile boolean closed;

    public RealMqtt5Client(Mqtt5ClientOptions options) {
        this.options = Checks.notNull(options, "options");
        EventLoopGroup group = options.eventLoopGroup();
        sharedGroup = group == null;
        if (sharedGroup) {
            group = SharedEventLoopGroup.acquire();
        }
        this.loop = group.next();
        this.dispatcher = new CallbackDispatcher(options.callbackExecutor(), options.lifecycleEvents());
        this.completionExecutor = new CompletionBatcher(loop, options.completionExecutor() != null
                ? options.completionExecutor() : CompletionPool.shared());
        this.session = new Session(options, loop, dispatcher, completionExecutor);
        // Bounded like the session's queue: an application submitting faster than the loop takes its work
        // in is refused at once, so that what the client holds stays within twice maxQueuedOperations.
        this.submissions = new LoopInbox<>(loop, options.maxQueuedOperations(), session::submit, () -> { },
                op -> op.fail(new Mqtt5Exception(ErrorKind.CLIENT_CLOSED, "the client is closed")));
        this.machine = new ClientStateMachine(options, loop, session, dispatcher,
                Transports.stages(options, task -> dispatcher.execute("WebSocketHandshakeTransformer", task)),
                settings -> negotiatedSettings = settings);
    }

    @Override
    public Mqtt5ClientOptions options() {
        return options;
    }

    @Override
    public void start() {
        if (closed) {
            throw new IllegalStateException("the client is closed; create a new one");
        }
        execute(machine::start);
    }

    @Override
    public void stop() {
        stop(NORMAL_DISCONNECT);
    }

    @Override
    public void stop(DisconnectPacket disconnect) {
        checkSessionExpiry(disconnect);
        if (!closed) {
            execute(() -> machine.stop(disconnect));
        }
    }

    /**
     * A DISCONNECT may set a session expiry interval only if the CONNECT did [MQTT-3.14.2-2]; the server
     * would answer the violation as a protocol error, so it is refused here, where it can be fixed.
     */
    private void checkSessionExpiry(DisconnectPacket disconnect) {
        Long requested = disconnect == null ? null : disconnect.sessionExpiryIntervalSeconds();
        Long connected = options.connectOptions().sessionExpiryIntervalSeconds();
        if (requested != null && requested != 0 && (connected == null || connected == 0)) {
            throw new IllegalArgumentException("the DISCONNECT sets a session expiry interval (" + requested
                    + " s) but the CONNECT did not, which MQTT 5 forbids [MQTT-3.14.2-2]: set"
                    + " sessionExpiryIntervalSeconds on the connect options to keep sessions after disconnecting");
        }
    }

    @Override
    public CompletableFuture<PublishResult> publish(PublishPacket publish) {
        PublishOperation op = new PublishOperation(session, completionExecutor, Checks.notNull(publish, "publish"));
        if (!publish.subscriptionIdentifiers().isEmpty()) {
            op.fail(new Mqtt5Exception(ErrorKind.INVALID_OPERATION,
                    "a client must not send subscription identifiers in a PUBLISH [MQTT-3.3.4-6]"));
            return op;
        }
        return submit(op);
    }

    @Override
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe) {
        return subscribe(subscribe, null);
    }

    @Override
    public CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe,
            Consumer<PublishReceivedEvent> callback) {
        return submit(new SubscribeOperation(session, completionExecutor, Checks.notNull(subscribe, "subscribe"),
                callback, false));
    }

    @Override
    public CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe) {
        return submit(new UnsubscribeOperation(session, completionExecutor,
                Checks.notNull(unsubscribe, "unsubscribe")));
    }

    private <T, O extends Operation<T>> O submit(O op) {
        if (closed) {
            op.fail(new Mqtt5Exception(ErrorKind.CLIENT_CLOSED, "the client is closed"));
            return op;
        }
        if (!submissions.offer(op)) {
            op.fail(new Mqtt5Exception(ErrorKind.OFFLINE_QUEUE_FULL, options.maxQueuedOperations()
                    + " operations are already waiting for the client's event loop (maxQueuedOperations);"
                    + " this one is refused"));
        }
        return op;
    }

    @Override
    public CompletableFuture<AuthPacket> reauthenticate() {
        CompletableFuture<AuthPacket> result = new CompletableFuture<>();
        if (options.enhancedAuthenticator() == null) {
            result.completeExceptionally(new Mqtt5Exception(ErrorKind.INVALID_OPERATION,
                    "re-authentication needs an EnhancedAuthenticator in the client options"));
            return result;
        }
        execute(() -> {
            MqttConnectionHandler connection = machine.connection();
            if (connection == null) {
                result.completeExceptionally(new Mqtt5Exception(ErrorKind.NOT_CONNECTED,
                        "re-authentication needs a connection"));
                return;
            }
            connection.reauthenticate().whenComplete((auth, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(auth);
                }
            });
        });
        return result.thenApplyAsync(auth -> auth, completionExecutor); // the application's stages stay off the loop
    }

    @Override
    public boolean isConnected() {
        return negotiatedSettings != null;
    }

    @Override
    public NegotiatedSettings negotiatedSettings() {
        return negotiatedSettings;
    }

    @Override
    public OperationStatistics operationStatistics() {
        return session.statistics();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            io.netty.util.concurrent.Future<Void> done = loop.submit(machine::close).syncUninterruptibly().getNow();
            done.await(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // the application shut its event loop group down first: nothing left to close on it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.shutdown(5_000);
        if (sharedGroup) {
            SharedEventLoopGroup.release().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the client's event loop is shut down", e);
        }
    }
}
