package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;

import java.util.concurrent.Executor;

/** An UNSUBSCRIBE until its UNSUBACK. */
final class UnsubscribeOperation extends Operation<UnsubAckPacket> {

    final UnsubscribePacket packet;

    UnsubscribeOperation(Session session, Executor completionExecutor, UnsubscribePacket packet) {
        super(session, completionExecutor);
        this.packet = packet;
    }

    @Override
    PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }

    @Override
    public String toString() {
        return "UnsubscribeOperation{id=" + packetId + ", state=" + state + ", " + packet + "}";
    }
}
