package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.PublishPacket;

/**
 * A message from the server. By default the client acknowledges it (QoS 1 and 2) after the callback
 * returns; call {@link #takeAcknowledgement()} inside the callback to acknowledge it later yourself.
 */
public final class PublishReceivedEvent {

    private final PublishPacket publishPacket;
    private final Acknowledgement acknowledgement;
    private boolean taken;

    /**
     * Creates an event. The client creates these; the constructor is public for tests of listeners.
     *
     * @param publishPacket the received message
     * @param acknowledgement the handle that sends its acknowledgement
     */
    public PublishReceivedEvent(PublishPacket publishPacket, Acknowledgement acknowledgement) {
        this.publishPacket = publishPacket;
        this.acknowledgement = acknowledgement;
    }

    /** {@return the received message, with its topic alias already resolved into the full topic} */
    public PublishPacket publishPacket() {
        return publishPacket;
    }

    /**
     * Takes over the acknowledgement of this message: the client will not send it when the callback returns,
     * but when {@link Acknowledgement#acknowledge()} is called. Call it inside the callback; after the
     * callback has returned it is too late. Until it is acknowledged the message counts against the client's
     * Receive Maximum. For QoS 0 messages the returned handle does nothing.
     *
     * @return the handle that sends the acknowledgement
     */
    public synchronized Acknowledgement takeAcknowledgement() {
        taken = true;
        return acknowledgement;
    }

    /** {@return whether the application took over the acknowledgement with {@link #takeAcknowledgement()}} */
    public synchronized boolean isAcknowledgementTaken() {
        return taken;
    }

    /** The acknowledgement itself, for the client. */
    Acknowledgement acknowledgement() {
        return acknowledgement;
    }

    @Override
    public String toString() {
        return "PublishReceivedEvent{" + publishPacket + "}";
    }
}
