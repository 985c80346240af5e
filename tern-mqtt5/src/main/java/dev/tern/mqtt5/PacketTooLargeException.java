package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.PacketType;

/**
 * A packet is larger than the receiver accepts: the Maximum Packet Size the server announced in its
 * CONNACK, or the 268,435,460 bytes MQTT can express at all. The packet was not sent.
 */
public final class PacketTooLargeException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** The packet that was not sent; see {@link #packetType()}. */
    private final PacketType packetType;
    /** Its size in bytes; see {@link #packetSize()}. */
    private final long packetSize;
    /** The limit in bytes; see {@link #maximumPacketSize()}. */
    private final long maximumPacketSize;

    /**
     * Creates an exception of kind {@link ErrorKind#PACKET_TOO_LARGE} with a message built from the sizes.
     *
     * @param packetType the packet that was not sent
     * @param packetSize its size on the wire, in bytes
     * @param maximumPacketSize the limit it exceeded, in bytes
     */
    public PacketTooLargeException(PacketType packetType, long packetSize, long maximumPacketSize) {
        super(ErrorKind.PACKET_TOO_LARGE, packetType + " of " + packetSize + " bytes exceeds the maximum packet size of " + maximumPacketSize
                + " bytes; send a smaller payload or fewer properties");
        this.packetType = packetType;
        this.packetSize = packetSize;
        this.maximumPacketSize = maximumPacketSize;
    }

    /** {@return the type of the packet that was not sent} */
    public PacketType packetType() {
        return packetType;
    }

    /** {@return the size the packet would have had on the wire, in bytes, fixed header included} */
    public long packetSize() {
        return packetSize;
    }

    /** {@return the limit it exceeded, in bytes: the server's Maximum Packet Size, or 268,435,460} */
    public long maximumPacketSize() {
        return maximumPacketSize;
    }
}
