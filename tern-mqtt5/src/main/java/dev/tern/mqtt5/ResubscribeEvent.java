package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;

/**
 * The outcome of a SUBSCRIBE the client sent on its own to restore subscriptions after the server did
 * not resume the session. Exactly one of {@link #subAck()} and {@link #error()} is non-null.
 */
public final class ResubscribeEvent {

    private final SubscribePacket subscribePacket;
    private final SubAckPacket subAck;
    private final Mqtt5Exception error;

    public ResubscribeEvent(SubscribePacket subscribePacket, SubAckPacket subAck, Mqtt5Exception error) {
        this.subscribePacket = subscribePacket;
        this.subAck = subAck;
        this.error = error;
    }

    /** What was sent. */
    public SubscribePacket subscribePacket() {
        return subscribePacket;
    }

    /** The server's answer (check its reason codes), or null if the SUBSCRIBE failed. */
    public SubAckPacket subAck() {
        return subAck;
    }

    /** Why no SUBACK came, or null. */
    public Mqtt5Exception error() {
        return error;
    }

    @Override
    public String toString() {
        return "ResubscribeEvent{" + subscribePacket + ", " + (subAck != null ? subAck : error) + "}";
    }
}
