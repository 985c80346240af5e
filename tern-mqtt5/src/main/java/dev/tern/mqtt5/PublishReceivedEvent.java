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

    public PublishReceivedEvent(PublishPacket publishPacket, Acknowledgement acknowledgement) {
        this.publishPacket = publishPacket;
        this.acknowledgement = acknowledgement;
    }

    /** The message. */
    public PublishPacket publishPacket() {
        return publishPacket;
    }

    /**
     * Takes over the acknowledgement of this message: the client will not send it when the callback
     * returns, but when {@link Acknowledgement#acknowledge()} is called. Call it inside the callback. For
     * QoS 0 messages the returned handle does nothing.
     */
    public synchronized Acknowledgement takeAcknowledgement() {
        taken = true;
        return acknowledgement;
    }

    /** Whether the application took over the acknowledgement. */
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
