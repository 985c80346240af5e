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

    /**
     * Creates a client. It does not connect until {@link #start()}. Unless the options name an event loop
     * group, the client takes a share of Tern's own group, which starts with the first client and ends with
     * the last one closed.
     *
     * @param options the configuration, kept for the client's whole life
     * @return a new, unstarted client
     * @throws NullPointerException if {@code options} is null
     */
    static Mqtt5Client create(Mqtt5ClientOptions options) {
        return new RealMqtt5Client(options);
    }

    /** {@return the options the client was created with} */
    Mqtt5ClientOptions options();

    /**
     * Starts connecting, and keeps reconnecting after every failure or lost connection until {@link #stop()}.
     * Returns at once; {@link LifecycleEvents} report the progress. Does nothing if the client is already
     * started.
     *
     * @throws IllegalStateException if the client was closed
     */
    void start();

    /**
     * Stops the client: sends DISCONNECT with Normal Disconnection (so the server discards the will), closes
     * the connection and emits Stopped. Same as {@code stop(DisconnectPacket.builder().build())}; see
     * {@link #stop(DisconnectPacket)}.
     */
    void stop();

    /**
     * Stops the client and ends its reconnection. If it is connected it sends {@code disconnect} (for example
     * with a new Session Expiry Interval, or with Disconnect with Will Message) and closes the connection; a
     * connection attempt in progress is abandoned without a DISCONNECT. Then it emits Stopped. Returns at
     * once; operations still waiting follow the {@link OfflineQueueBehavior}. A stopped client can be started
     * again. Does nothing if the client is not started or already closed.
     *
     * @param disconnect the DISCONNECT to send, or null to close the connection without one, as if it had
     *     dropped: the server then publishes the will
     * @throws IllegalArgumentException if {@code disconnect} sets a non-zero Session Expiry Interval but the
     *     CONNECT did not set one, which MQTT 5 forbids [MQTT-3.14.2-2]
     */
    void stop(DisconnectPacket disconnect);

    /**
     * Publishes a message. The future completes when the packet is written to the socket (QoS 0), when the
     * PUBACK arrives (QoS 1), or when the QoS 2 exchange ends (PUBCOMP, or a PUBREC with an error). A reason
     * code of 0x80 or above from the server completes it normally: check {@link PublishResult#isSuccess()}.
     *
     * <p>It completes exceptionally with a {@link Mqtt5Exception} when the message could not be delivered,
     * for example {@link ErrorKind#NOT_CONNECTED} or {@link ErrorKind#OFFLINE_QUEUE_FULL} (see
     * {@link OfflineQueueBehavior}), {@link ErrorKind#UNSUPPORTED_BY_SERVER} (QoS above the server's maximum,
     * retain not available), {@link PacketTooLargeException}, {@link ErrorKind#INVALID_OPERATION}
     * (subscription identifiers), {@link ErrorKind#ACK_TIMEOUT}, {@link ErrorKind#SESSION_LOST}, or
     * {@link ErrorKind#CLIENT_CLOSED}.
     *
     * @param publish the message
     * @return the future of the outcome
     * @throws NullPointerException if {@code publish} is null
     */
    CompletableFuture<PublishResult> publish(PublishPacket publish);

    /**
     * Subscribes. Messages that match go to the {@link Mqtt5ClientOptions#onPublishReceived()} callback,
     * unless a subscription made with {@link #subscribe(SubscribePacket, Consumer)} matches them too. The
     * client remembers the granted subscriptions, to restore them if the server loses the session (see
     * {@link Mqtt5ClientOptions#resubscribeOnSessionLoss()}).
     *
     * <p>The future completes with the SUBACK, whose reason codes say which subscriptions the server granted
     * and at what QoS; refusals do not fail it. It completes exceptionally as {@link #publish} describes,
     * with {@link ErrorKind#UNSUPPORTED_BY_SERVER} if the server announced it does not support a feature
     * asked for (wildcard or shared subscriptions, subscription identifiers).
     *
     * @param subscribe the subscriptions
     * @return the future of the SUBACK
     * @throws NullPointerException if {@code subscribe} is null
     */
    CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe);

    /**
     * Subscribes, and routes the messages that match these topic filters to {@code callback} instead of the
     * global callback, for as long as the subscriptions last (including their restoration after a lost
     * session). A message that matches the filters of several callbacks goes to each of them once.
     * Subscribing to the same filter again replaces its callback. Otherwise as
     * {@link #subscribe(SubscribePacket)}.
     *
     * @param subscribe the subscriptions
     * @param callback receives the matching messages on the callback executor; null for the global callback
     * @return the future of the SUBACK
     * @throws NullPointerException if {@code subscribe} is null
     */
    CompletableFuture<SubAckPacket> subscribe(SubscribePacket subscribe, Consumer<PublishReceivedEvent> callback);

    /**
     * Unsubscribes. The future completes with the UNSUBACK, whose reason codes say which topic filters were
     * removed; refusals do not fail it. The client forgets the removed subscriptions and their callbacks. It
     * completes exceptionally as {@link #publish} describes.
     *
     * @param unsubscribe the topic filters, exactly as subscribed
     * @return the future of the UNSUBACK
     * @throws NullPointerException if {@code unsubscribe} is null
     */
    CompletableFuture<UnsubAckPacket> unsubscribe(UnsubscribePacket unsubscribe);

    /**
     * Re-authenticates on the current connection (MQTT 5.0 section 4.12.1): sends AUTH with Re-authenticate
     * and the {@link EnhancedAuthenticator}'s initial data, and runs the exchange through it. Operations
     * carry on meanwhile.
     *
     * @return the future of the server's final AUTH (reason code Success); it completes exceptionally with
     *     {@link ErrorKind#INVALID_OPERATION} if the options have no authenticator or a re-authentication is
     *     already running, {@link ErrorKind#NOT_CONNECTED} if there is no connection,
     *     {@link ErrorKind#AUTHENTICATION} if the authenticator fails, or with the error that ends the
     *     connection if the server refuses
     */
    CompletableFuture<AuthPacket> reauthenticate();

    /**
     * {@return whether the client is connected: its current connection has received an affirmative CONNACK
     * and has not ended} The answer may be stale by the time it is used; {@link LifecycleEvents} report
     * changes as they happen.
     */
    boolean isConnected();

    /** {@return the settings of the current connection, or null when not connected} */
    NegotiatedSettings negotiatedSettings();

    /** {@return a snapshot of the operation counters: operations waiting, in flight, and their sizes} */
    OperationStatistics operationStatistics();

    /**
     * Stops the client if needed, fails every incomplete operation with {@link ErrorKind#CLIENT_CLOSED}, and
     * releases the connection, timers and buffers the client holds. Blocks until they are released, at most a
     * few seconds. Threads Tern shares between clients end a few seconds after the last client is closed
     * (they are daemons). An event loop group or executor passed in the options is left to its owner. A
     * closed client cannot be started again; closing it again does nothing.
     */
    @Override
    void close();
}
