package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.internal.codec.OutboundPublish;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

import java.util.concurrent.Executor;

/**
 * A publish: QoS 0 until written, QoS 1 until PUBACK, QoS 2 until PUBCOMP (or a failed PUBREC). A QoS 0
 * publish listens to its own write, so that the hot path allocates no listener per message.
 */
final class PublishOperation extends Operation<PublishResult> implements OutboundPublish, ChannelFutureListener {

    final PublishPacket packet;
    // How it goes on the wire this time; the operation itself is written to the pipeline (no wrapper).
    @CallByThread("event loop")
    boolean dup;
    @CallByThread("event loop")
    int topicAlias;
    @CallByThread("event loop")
    boolean sendTopic = true;
    /** QoS 2: the PUBREC, kept to complete the result with the PUBCOMP. */
    @CallByThread("event loop")
    PubRecPacket pubRec;
    /** Sent before on a connection of this session: a resend carries DUP. */
    @CallByThread("event loop")
    boolean sentBefore;

    PublishOperation(Session session, Executor completionExecutor, PublishPacket packet) {
        super(session, completionExecutor);
        this.packet = packet;
    }

    @Override
    PacketType type() {
        return PacketType.PUBLISH;
    }

    @Override
    boolean usesSendQuota() {
        return packet.qos() != QoS.AT_MOST_ONCE;
    }

    @Override
    public PublishPacket packet() {
        return packet;
    }

    @Override
    public int packetId() {
        return packetId;
    }

    @Override
    public boolean dup() {
        return dup;
    }

    @Override
    public int topicAlias() {
        return topicAlias;
    }

    @Override
    public boolean sendTopic() {
        return sendTopic;
    }

    @CallByThread("event loop")
    @Override
    public void operationComplete(ChannelFuture written) {
        session.qos0Written(this, written);
    }

    @Override
    public String toString() {
        return "PublishOperation{id=" + packetId + ", state=" + state + ", " + packet + "}";
    }
}
