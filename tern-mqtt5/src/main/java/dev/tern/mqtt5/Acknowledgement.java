package dev.tern.mqtt5;

/**
 * The acknowledgement (PUBACK for QoS 1, PUBREC for QoS 2) of one received message, taken over by the
 * application with {@link PublishReceivedEvent#takeAcknowledgement()}. Thread-safe; calling
 * {@link #acknowledge()} more than once has no further effect.
 *
 * <p>Until it is acknowledged the message counts against the client's Receive Maximum, so the server
 * sends at most that many unacknowledged messages. If the connection ends first, the acknowledgement is
 * dropped: with a resumed session the server sends the message again (QoS 1) or waits for it (QoS 2).
 */
public interface Acknowledgement {

    /**
     * Sends the acknowledgement: PUBACK for QoS 1, PUBREC for QoS 2. Returns at once; callable from any
     * thread. If the connection that received the message has ended, see above: nothing may be sent.
     */
    void acknowledge();

    /** {@return whether {@link #acknowledge()} has been called} */
    boolean isAcknowledged();
}
