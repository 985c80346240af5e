package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** A SUBSCRIBE until its SUBACK. */
final class SubscribeOperation extends Operation<SubAckPacket> {

    final SubscribePacket packet;
    /** Messages matching these filters go here instead of the global callback; may be null. */
    final Consumer<PublishReceivedEvent> callback;
    /** Sent by the client itself to restore a lost session's subscriptions. */
    final boolean resubscribe;

    SubscribeOperation(Session session, Executor completionExecutor, SubscribePacket packet,
            Consumer<PublishReceivedEvent> callback, boolean resubscribe) {
        super(session, completionExecutor);
        this.packet = packet;
        this.callback = callback;
        this.resubscribe = resubscribe;
    }

    @Override
    PacketType type() {
        return PacketType.SUBSCRIBE;
    }

    @Override
    public String toString() {
        return "SubscribeOperation{id=" + packetId + ", state=" + state + ", " + packet + "}";
    }
}
