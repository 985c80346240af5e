package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PublishPacket;

import java.util.Objects;

/**
 * A decoded PUBLISH: the packet (topic already resolved from any alias, subscription identifiers
 * included) plus its packet identifier (0 for QoS 0), DUP flag and the topic alias it carried.
 */
public final class InboundPublish {

    private final PublishPacket packet;
    private final int packetId;
    private final boolean dup;
    private final int topicAlias;

    public InboundPublish(PublishPacket packet, int packetId, boolean dup, int topicAlias) {
        this.packet = packet;
        this.packetId = packetId;
        this.dup = dup;
        this.topicAlias = topicAlias;
    }

    public PublishPacket packet() {
        return packet;
    }

    public int packetId() {
        return packetId;
    }

    public boolean dup() {
        return dup;
    }

    /** The topic alias the sender used, or 0. */
    public int topicAlias() {
        return topicAlias;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InboundPublish)) {
            return false;
        }
        InboundPublish that = (InboundPublish) o;
        return packetId == that.packetId && dup == that.dup && topicAlias == that.topicAlias
                && packet.equals(that.packet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packet, packetId, dup, topicAlias);
    }

    @Override
    public String toString() {
        return "PUBLISH(id=" + packetId + (dup ? ", dup" : "") + (topicAlias != 0 ? ", alias=" + topicAlias : "")
                + ") " + packet;
    }
}
