package dev.tern.mqtt5;

/**
 * What happens to operations while the client is not connected: those submitted while disconnected,
 * and those in flight when a connection is lost (and the session is not resumed, for publishes).
 * Operations kept wait in order and go out when the client connects; the others fail at once with
 * {@link ErrorKind#NOT_CONNECTED}.
 */
public enum OfflineQueueBehavior {
    /** Keep QoS 1 and 2 publishes; fail QoS 0 publishes, subscribes and unsubscribes. The default. */
    FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT,
    /** Keep subscribes, unsubscribes and QoS 1 and 2 publishes; fail QoS 0 publishes. */
    FAIL_QOS0_PUBLISH_ON_DISCONNECT,
    /** Keep nothing: every operation fails while the client is not connected. */
    FAIL_ALL_ON_DISCONNECT
}
