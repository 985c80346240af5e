package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.MqttPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Encodes MQTT 5 messages: the Netty-free core of {@link MqttEncoder}. Each packet type has its own
 * encoder that computes the exact size first and then fills one buffer of that size.
 *
 * <p>Accepts public packets without an identifier (CONNECT, CONNACK, PINGREQ, PINGRESP, DISCONNECT,
 * AUTH), {@link OutboundPublish} and {@link IdentifiedPacket}. Stateless and thread-safe.
 */
public final class MqttPacketEncoder {

    private MqttPacketEncoder() {
    }

    /** The size of a PUBLISH on the wire, in bytes (may exceed what MQTT can carry). */
    public static long packetSize(OutboundPublish publish) {
        return PublishEncoder.packetSize(publish);
    }

    /** The size of a PUBLISH sent with its topic name and no topic alias, in bytes. */
    public static long packetSize(PublishPacket publish) {
        return PublishEncoder.packetSize(publish);
    }

    /** The size of a SUBSCRIBE on the wire, in bytes. */
    public static long packetSize(SubscribePacket subscribe) {
        return SubscribeEncoder.subscribePacketSize(subscribe);
    }

    /** The size of an UNSUBSCRIBE on the wire, in bytes. */
    public static long packetSize(UnsubscribePacket unsubscribe) {
        return SubscribeEncoder.unsubscribePacketSize(unsubscribe);
    }

    /** Whether {@link #encode} takes {@code msg}. */
    public static boolean isEncodable(Object msg) {
        return msg instanceof OutboundPublish || msg instanceof IdentifiedPacket || msg instanceof MqttPacket;
    }

    /**
     * Encodes {@code msg} into a new buffer from {@code alloc}; the caller owns it.
     *
     * @param maximumPacketSize the receiver's Maximum Packet Size
     * @throws PacketTooLargeException if the packet cannot be made to fit; nothing is allocated then
     * @throws IllegalArgumentException if {@code msg} is not an MQTT message this encoder knows
     */
    public static ByteBuf encode(ByteBufAllocator alloc, Object msg, long maximumPacketSize)
            throws PacketTooLargeException {
        if (msg instanceof OutboundPublish) {
            return PublishEncoder.encode(alloc, (OutboundPublish) msg, maximumPacketSize);
        }
        if (msg instanceof IdentifiedPacket) {
            IdentifiedPacket<?> identified = (IdentifiedPacket<?>) msg;
            switch (identified.packet().type()) {
                case PUBACK:
                case PUBREC:
                case PUBREL:
                case PUBCOMP:
                    return QosAckEncoder.encode(alloc, identified, maximumPacketSize);
                case SUBACK:
                case UNSUBACK:
                    return SubAckEncoder.encode(alloc, identified, maximumPacketSize);
                case SUBSCRIBE:
                    return SubscribeEncoder.encodeSubscribe(alloc, identified.packetId(),
                            (SubscribePacket) identified.packet(), maximumPacketSize);
                case UNSUBSCRIBE:
                    return SubscribeEncoder.encodeUnsubscribe(alloc, identified.packetId(),
                            (UnsubscribePacket) identified.packet(), maximumPacketSize);
                default:
                    throw new IllegalArgumentException(identified.packet().type() + " has no packet identifier");
            }
        }
        if (msg instanceof MqttPacket) {
            MqttPacket packet = (MqttPacket) msg;
            switch (packet.type()) {
                case CONNECT:
                    return ConnectEncoder.encode(alloc, (ConnectPacket) packet, maximumPacketSize);
                case CONNACK:
                    return ConnAckEncoder.encode(alloc, (ConnAckPacket) packet, maximumPacketSize);
                case DISCONNECT:
                    return DisconnectEncoder.encodeDisconnect(alloc, (DisconnectPacket) packet, maximumPacketSize);
                case AUTH:
                    return DisconnectEncoder.encodeAuth(alloc, (AuthPacket) packet, maximumPacketSize);
                case PINGREQ:
                case PINGRESP: {
                    ByteBuf buf = alloc.ioBuffer(2, 2);
                    buf.writeByte(packet.type().code() << 4).writeByte(0);
                    return buf;
                }
                default:
                    throw new IllegalArgumentException(
                            packet.type() + " needs a packet identifier: wrap it in an IdentifiedPacket or OutboundPublish");
            }
        }
        throw new IllegalArgumentException("not an MQTT message: " + (msg == null ? "null" : msg.getClass().getName()));
    }

}
