package dev.tern.mqtt5;

import dev.tern.mqtt5.internal.client.RealMqtt5Client;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An MQTT 5 client: one logical connection to one server, kept alive from {@link #start()} to
 * {@link #stop()}, reconnecting with backoff whenever it drops.
 *
 * <h2>Operations</h2>
 * {@link #publish}, {@link #subscribe} and {@link #unsubscribe} never throw: every failure completes the
 * returned future exceptionally with a {@link Mqtt5Exception} whose {@link ErrorKind} says why. A reason
 * code of 0x80 or above from the server is not a failure of the future: it is on the returned packet.
 * Operations may be submitted at any time; while the client is not connected they wait in the offline
 * queue or fail, as {@link OfflineQueueBehavior} decides. Completing a returned future yourself
 * ({@code cancel}, {@code orTimeout}, {@code complete}) withdraws the operation: a queued one is never
 * sent; one already sent completes its protocol exchange silently, without corrupting the session.
 *
 * <h2>Threads</h2>
 * The client does its network work on one event-loop thread and never runs application code there.
 * Lifecycle events and received messages arrive one at a time, in order, on the callback executor (by
 * default a thread of this client's own, started on demand). A callback may block — even publish and
 * wait for the result — without stalling the client or deadlocking it; it only delays this client's
 * later callbacks. Futures complete on the event loop, but the stages you chain to them
 * ({@code thenApply}, {@code whenComplete}, …) run on the completion executor. Every method of this
 * interface is thread-safe.
 *
 * <p>Close the client when done: {@link #close()} stops it and releases its threads.
 */
public interface Mqtt5Client extends AutoCloseable {

    /** A client with the given options, not yet started. */
    static Mqtt5Client create(Mqtt5ClientOptions options) {
        return new RealMqtt5Client(options);
    }

    /** The options the client was created with. */
    Mqtt5ClientOptions options();

    /**
     * Starts connecting, and keeps reconnecting until {@link #stop()}. Does nothing if already started.
     *
     * @throws IllegalStateException if the client was closed
     */
    void start();

    /**
     * Stops the client: sends DISCONNECT with Normal Disconnection (so the server discards the Will),
     * closes the connection and emits Stopped. Same as {@code stop(DisconnectPacket.builder().build())}.
     */
    void stop();

    /**
     * Stops the client: sends {@code disconnect} before closing the connection (e.g. with a session expiry
     * interval, or Disconnect with Will Message), then emits Stopped; null closes the connection without a
     * DISCONNECT, as if it had dropped (the server then publishes the Will). A stopped client can be
     * started again.
     *
     * @throws IllegalArgumentException if {@code disconnect} sets a non-zero session expiry interval but
     *     the CONNECT did not set one (MQTT 5 forbids that [MQTT-3.14.2-2])
     */
    void stop(DisconnectPacket disconnect);

    /**
     * Publishes a message. Completes when written to the socket (QoS 0), on PUBACK (QoS 1), or when the
     * QoS 2 exchange ends (PUBCOMP, or a PUBREC reporting an error).
     */
    CompletableFuture<PublishResult> publish(PublishPacket publish);

    /** Subscribes; completes with the SUBACK. Matching messages go to the global publish callback. */
    CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe);

    /**
     * Subscribes, sending messages that match these filters to {@code callback} instead of the global
     * callback, for as long as the subscription lasts.
     */
    CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe, Consumer<PublishReceivedEvent> callback);

    /** Unsubscribes; completes with the UNSUBACK. */
    CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe);

    /**
     * Re-authenticates on the current connection with the {@link EnhancedAuthenticator}; completes with
     * the server's final AUTH. Fails if the client has no authenticator or is not connected.
     */
    CompletableFuture<AuthPacket> reauthenticate();

    /** Whether the client is connected (has received an affirmative CONNACK on its current connection). */
    boolean isConnected();

    /** The settings of the current connection, or null when not connected. */
    NegotiatedSettings negotiatedSettings();

    /** A snapshot of the operation counters. */
    OperationStatistics operationStatistics();

    /**
     * Stops the client if needed, fails every incomplete operation with {@link ErrorKind#CLIENT_CLOSED},
     * and releases the threads, timers and buffers the client owns. Blocks until they are released (at
     * most a few seconds). An event loop group passed in the options is left to its owner.
     */
    @Override
    void close();
}
