package dev.tern.mqtt5;

/**
 * Receives the client's five lifecycle events. Every method has an empty default; implement the ones
 * you need.
 *
 * <h2>Order</h2>
 * For one client, events arrive one at a time, in the order they happened, on the client's callback
 * executor (never on the network thread by default). Between a {@code start()} and the matching
 * {@code stop()}:
 * <pre>
 *   AttemptingConnect → ( ConnectionFailure → AttemptingConnect )* → ConnectionSuccess → Disconnection
 *                     → AttemptingConnect → …
 * </pre>
 * <ul>
 *   <li>Every AttemptingConnect is followed by exactly one ConnectionSuccess or ConnectionFailure (or, if
 *       {@code stop()} interrupts the attempt, a ConnectionFailure of kind {@link ErrorKind#CLIENT_STOPPED}).</li>
 *   <li>Every ConnectionSuccess is followed by exactly one Disconnection.</li>
 *   <li>Stopped comes last, once per {@code stop()} of a started client, after the Disconnection or
 *       ConnectionFailure of the connection it ended.</li>
 * </ul>
 *
 * <p>Listeners should be quick; a slow listener delays this client's later events and received messages,
 * but never its network I/O.
 */
public interface LifecycleEvents {

    /**
     * The client begins a connection attempt: name resolution, then the transport, then CONNECT.
     *
     * @param event the attempt number
     */
    default void onAttemptingConnect(AttemptingConnectEvent event) {
    }

    /**
     * A connection attempt succeeded with an affirmative CONNACK.
     *
     * @param event the CONNACK and the negotiated settings
     */
    default void onConnectionSuccess(ConnectionSuccessEvent event) {
    }

    /**
     * A connection attempt failed between name resolution and CONNACK. Unless the client is stopping, the
     * next attempt follows after the {@link ReconnectOptions} backoff.
     *
     * @param event why it failed, and the failing CONNACK if one arrived
     */
    default void onConnectionFailure(ConnectionFailureEvent event) {
    }

    /**
     * An established connection ended. Unless the client is stopping, it reconnects after the backoff (at
     * once for a rotated connection).
     *
     * @param event why it ended, and the server's DISCONNECT if it sent one
     */
    default void onDisconnection(DisconnectionEvent event) {
    }

    /**
     * The client stopped after {@code stop()} and will not reconnect until started again. The last event of a
     * start–stop cycle.
     *
     * @param event {@link StoppedEvent#INSTANCE}
     */
    default void onStopped(StoppedEvent event) {
    }
}
