package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.MqttPacket;

import java.util.Objects;

/**
 * A packet and the Packet Identifier it travels with: PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE,
 * SUBACK, UNSUBSCRIBE and UNSUBACK. The identifier is the connection's business, so the public
 * packets leave it out and the codec pairs them here.
 */
public final class IdentifiedPacket<P extends MqttPacket> {

    private final int packetId;
    private final P packet;

    public IdentifiedPacket(int packetId, P packet) {
        this.packetId = packetId;
        this.packet = packet;
    }

    public int packetId() {
        return packetId;
    }

    public P packet() {
        return packet;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IdentifiedPacket)) {
            return false;
        }
        IdentifiedPacket<?> that = (IdentifiedPacket<?>) o;
        return packetId == that.packetId && packet.equals(that.packet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packetId, packet);
    }

    @Override
    public String toString() {
        return packet.type() + "(id=" + packetId + ") " + packet;
    }
}
