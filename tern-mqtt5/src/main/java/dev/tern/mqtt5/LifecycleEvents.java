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

    /** The client begins a connection attempt. */
    default void onAttemptingConnect(AttemptingConnectEvent event) {
    }

    /** A connection attempt succeeded with an affirmative CONNACK. */
    default void onConnectionSuccess(ConnectionSuccessEvent event) {
    }

    /** A connection attempt failed between name resolution and CONNACK. */
    default void onConnectionFailure(ConnectionFailureEvent event) {
    }

    /** An established connection ended. */
    default void onDisconnection(DisconnectionEvent event) {
    }

    /** The client stopped after {@code stop()}. */
    default void onStopped(StoppedEvent event) {
    }
}
