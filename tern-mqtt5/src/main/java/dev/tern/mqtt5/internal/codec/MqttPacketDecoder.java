package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.PingReqPacket;
import dev.tern.mqtt5.packets.PingRespPacket;
import io.netty.buffer.ByteBuf;

/**
 * Frames and decodes MQTT 5 packets from a byte stream: the Netty-free core of {@link MqttDecoder}.
 *
 * <p>Incremental: {@link #decode} returns null until a whole packet is buffered, and any split of the
 * stream decodes to the same packets. Strict: every rule of the specification a receiver can check on
 * one packet is checked, and a violation is a {@link DecodeException} naming the reason code for the
 * DISCONNECT. Safe: the fixed header is checked as soon as it arrives and an oversize packet is
 * refused before anything is allocated for it; after that, every length field is bounded by the bytes
 * actually present, so no input makes the decoder allocate more than its own size. No unchecked
 * exception leaves {@link #decode}.
 *
 * <p>Per connection (it holds the inbound topic alias mapping), used on one thread.
 *
 * @see <a href="https://docs.oasis-open.org/mqtt/mqtt/v5.0/os/mqtt-v5.0-os.html">MQTT 5.0</a>
 */
public final class MqttPacketDecoder {

    private final DecoderSettings settings;
    private final boolean clientSide;
    private final PacketReader reader = new PacketReader();
    private final PublishDecoder publishDecoder;

    public MqttPacketDecoder(DecoderSettings settings) {
        this.settings = settings;
        this.clientSide = settings.side() == DecoderSettings.Side.CLIENT;
        this.publishDecoder = new PublishDecoder(settings.topicAliasMaximum(), !clientSide);
    }

    public DecoderSettings settings() {
        return settings;
    }

    /**
     * Decodes the next packet from {@code in}.
     *
     * @return the packet — a public packet, an {@link InboundPublish} or an {@link IdentifiedPacket} —
     *     or null if {@code in} does not yet hold a whole packet (nothing is consumed then)
     * @throws DecodeException if the stream breaks the protocol; the connection must be closed
     */
    public Object decode(ByteBuf in) throws DecodeException {
        try {
            return decodeChecked(in);
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DecodeException.unexpected(e);
        }
    }

    private Object decodeChecked(ByteBuf in) throws DecodeException {
        int start = in.readerIndex();
        int end = in.writerIndex();
        if (start >= end) {
            return null;
        }
        int header = in.getUnsignedByte(start);
        PacketType type = checkFixedHeader(header);
        long packed = VariableByteInteger.peek(in, start + 1, end);
        if (packed == VariableByteInteger.INCOMPLETE) {
            return null;
        }
        if (packed == VariableByteInteger.MALFORMED) {
            throw DecodeException.malformed(
                    "Remaining Length is not a valid variable byte integer (more than 4 bytes or not minimal)");
        }
        int remainingLength = (int) (packed >>> 3);
        int headerLength = 1 + (int) (packed & 7);
        long packetSize = (long) headerLength + remainingLength;
        if (packetSize > settings.maximumPacketSize()) {
            throw new DecodeException(DisconnectReasonCode.PACKET_TOO_LARGE, type + " of " + packetSize
                    + " bytes exceeds the Maximum Packet Size of " + settings.maximumPacketSize());
        }
        if (end - start < packetSize) {
            return null;
        }
        int packetEnd = (int) (start + packetSize);
        in.readerIndex(start + headerLength);
        reader.reset(in, packetEnd);
        Object packet;
        try {
            packet = decodeBody(type, header & 0x0F, reader);
            if (reader.hasRemaining()) {
                throw DecodeException.malformed(type + " has " + reader.remaining() + " unexpected bytes at its end");
            }
        } catch (DecodeException | RuntimeException e) {
            in.readerIndex(start);
            throw e;
        }
        in.readerIndex(packetEnd);
        return packet;
    }

    /** Type and flags (PUBLISH's QoS and DUP too), checked from the first byte alone (section 2.1). */
    private PacketType checkFixedHeader(int header) throws DecodeException {
        PacketType type = PacketType.fromCode(header >> 4);
        if (type == null) {
            throw DecodeException.malformed("packet type 0 is reserved");
        }
        if (!acceptable(type)) {
            throw DecodeException.protocolError(
                    "a " + (clientSide ? "server" : "client") + " must not send " + type);
        }
        int flags = header & 0x0F;
        if (type == PacketType.PUBLISH) {
            if ((flags & 0b0110) == 0b0110) {
                throw DecodeException.malformed("PUBLISH QoS bits are 3, which is not a QoS [MQTT-3.3.1-4]");
            }
            if ((flags & 0b1110) == 0b1000) {
                throw DecodeException.protocolError(
                        "PUBLISH with QoS 0 must not have the DUP flag set [MQTT-3.3.1-2]");
            }
        } else {
            int expected = type == PacketType.PUBREL || type == PacketType.SUBSCRIBE
                    || type == PacketType.UNSUBSCRIBE ? 0b0010 : 0;
            if (flags != expected) {
                throw DecodeException.malformed(type + " fixed header flags must be " + expected + ", were " + flags
                        + " [MQTT-2.1.3-1]");
            }
        }
        return type;
    }

    private boolean acceptable(PacketType type) {
        switch (type) {
            case CONNECT:
            case SUBSCRIBE:
            case UNSUBSCRIBE:
            case PINGREQ:
                return !clientSide;
            case CONNACK:
            case SUBACK:
            case UNSUBACK:
            case PINGRESP:
                return clientSide;
            default:
                return true;
        }
    }

    private Object decodeBody(PacketType type, int flags, PacketReader r) throws DecodeException {
        switch (type) {
            case PUBLISH:
                return publishDecoder.decode(flags, r);
            case PUBACK:
            case PUBREC:
            case PUBREL:
            case PUBCOMP:
                return QosAckDecoder.decode(type, r, settings.problemInformationRequested());
            case SUBACK:
            case UNSUBACK:
                return SubAckDecoder.decode(type, r, settings.problemInformationRequested());
            case CONNACK:
                return ConnAckDecoder.decode(r);
            case DISCONNECT:
                return DisconnectDecoder.decode(r, clientSide);
            case AUTH:
                return AuthDecoder.decode(r, settings.problemInformationRequested(), clientSide);
            case PINGRESP:
                return PingRespPacket.INSTANCE; // any byte left is reported by the caller
            case PINGREQ:
                return PingReqPacket.INSTANCE;
            case CONNECT:
                return ConnectDecoder.decode(r);
            case SUBSCRIBE:
                return SubscribeDecoder.decodeSubscribe(r);
            case UNSUBSCRIBE:
                return SubscribeDecoder.decodeUnsubscribe(r);
            default:
                throw new IllegalStateException("unhandled packet type " + type);
        }
    }
}
