package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PublishPacket;

/**
 * A PUBLISH as it goes on the wire: the user's packet plus what the connection decides — packet
 * identifier (0 for QoS 0), DUP flag and topic alias. With {@code sendTopic} false the topic name is
 * sent empty and the server resolves the alias (section 3.3.2.3.4).
 *
 * <p>An interface so that the client's publish operation can be written as it is, with no wrapper object
 * per message; {@link #of} makes a fixed one.
 */
public interface OutboundPublish {

    PublishPacket packet();

    int packetId();

    boolean dup();

    /** The topic alias, or 0 for none. */
    int topicAlias();

    /** False when only the topic alias is sent. */
    boolean sendTopic();

    /** A publish without a topic alias. */
    static OutboundPublish of(PublishPacket packet, int packetId, boolean dup) {
        return new Fixed(packet, packetId, dup, 0, true);
    }

    static OutboundPublish of(PublishPacket packet, int packetId, boolean dup, int topicAlias, boolean sendTopic) {
        return new Fixed(packet, packetId, dup, topicAlias, sendTopic);
    }

    /** Immutable values. */
    final class Fixed implements OutboundPublish {

        private final PublishPacket packet;
        private final int packetId;
        private final boolean dup;
        private final int topicAlias;
        private final boolean sendTopic;

        private Fixed(PublishPacket packet, int packetId, boolean dup, int topicAlias, boolean sendTopic) {
            if (!sendTopic && topicAlias == 0) {
                throw new IllegalArgumentException("the topic may only be left out when a topic alias is used");
            }
            this.packet = packet;
            this.packetId = packetId;
            this.dup = dup;
            this.topicAlias = topicAlias;
            this.sendTopic = sendTopic;
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

        @Override
        public String toString() {
            return "PUBLISH(id=" + packetId + (dup ? ", dup" : "")
                    + (topicAlias != 0 ? ", alias=" + topicAlias + (sendTopic ? "" : " only") : "") + ") " + packet;
        }
    }
}
