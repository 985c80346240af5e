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

    default void onPublishReceived(PublishReceivedEvent event) {
    }

    default void onAttemptingConnect(AttemptingConnectEvent event) {
    }

    default void onConnectionSuccess(ConnectionSuccessEvent event) {
    }

    default void onConnectionFailure(ConnectionFailureEvent event) {
    }

    default void onDisconnection(DisconnectionEvent event) {
    }

    default void onStopped(StoppedEvent event) {
    }
}
