package dev.tern.mqtt5.aws;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.StoppedEvent;

/**
 * The client's six callbacks in one object, as the guide's {@code withCallbacks} takes them: received
 * messages and the five lifecycle events. Every method is an empty default; implement what you need.
 * They run on the client's callback thread, one at a time, in order — never on the network thread — and
 * may block.
 */
public interface Mqtt5ClientCallbacks {

    /**
     * A message arrived that no per-subscription callback takes. The client acknowledges it when this
     * returns, unless the callback takes over the acknowledgement.
     *
     * @param event the message and its acknowledgement
     */
    default void onPublishReceived(PublishReceivedEvent event) {
    }

    /**
     * The client begins a connection attempt.
     *
     * @param event the attempt number
     * @see dev.tern.mqtt5.LifecycleEvents#onAttemptingConnect
     */
    default void onAttemptingConnect(AttemptingConnectEvent event) {
    }

    /**
     * A connection attempt succeeded with an affirmative CONNACK.
     *
     * @param event the CONNACK and the negotiated settings
     * @see dev.tern.mqtt5.LifecycleEvents#onConnectionSuccess
     */
    default void onConnectionSuccess(ConnectionSuccessEvent event) {
    }

    /**
     * A connection attempt failed between name resolution and CONNACK; the client tries again after its
     * backoff.
     *
     * @param event why it failed, and the failing CONNACK if one arrived
     * @see dev.tern.mqtt5.LifecycleEvents#onConnectionFailure
     */
    default void onConnectionFailure(ConnectionFailureEvent event) {
    }

    /**
     * An established connection ended; unless the client is stopping, it reconnects.
     *
     * @param event why it ended, and the server's DISCONNECT if it sent one
     * @see dev.tern.mqtt5.LifecycleEvents#onDisconnection
     */
    default void onDisconnection(DisconnectionEvent event) {
    }

    /**
     * The client stopped after {@code stop()}.
     *
     * @param event {@link StoppedEvent#INSTANCE}
     * @see dev.tern.mqtt5.LifecycleEvents#onStopped
     */
    default void onStopped(StoppedEvent event) {
    }
}
