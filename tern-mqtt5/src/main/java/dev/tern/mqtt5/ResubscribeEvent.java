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

    /**
     * Creates an event. The client creates these; the constructor is public for tests of listeners.
     *
     * @param subscribePacket the SUBSCRIBE the client sent
     * @param subAck the server's answer, or null if {@code error} is set
     * @param error why no SUBACK came, or null if {@code subAck} is set
     */
    public ResubscribeEvent(SubscribePacket subscribePacket, SubAckPacket subAck, Mqtt5Exception error) {
        this.subscribePacket = subscribePacket;
        this.subAck = subAck;
        this.error = error;
    }

    /**
     * {@return the SUBSCRIBE the client sent, never null: remembered subscriptions that shared a subscription
     * identifier, user properties and callback}
     */
    public SubscribePacket subscribePacket() {
        return subscribePacket;
    }

    /**
     * {@return the server's answer, or null if the SUBSCRIBE failed} Check its reason codes: the server may
     * refuse a subscription it granted before.
     */
    public SubAckPacket subAck() {
        return subAck;
    }

    /** {@return why no SUBACK came, or null if one did} */
    public Mqtt5Exception error() {
        return error;
    }

    @Override
    public String toString() {
        return "ResubscribeEvent{" + subscribePacket + ", " + (subAck != null ? subAck : error) + "}";
    }
}
