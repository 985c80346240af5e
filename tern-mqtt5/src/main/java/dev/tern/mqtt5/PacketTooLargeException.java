package dev.tern.mqtt5;

import dev.tern.mqtt5.packets.PacketType;

/**
 * A packet is larger than the receiver accepts: the Maximum Packet Size the server announced in its
 * CONNACK, or the 268,435,460 bytes MQTT can express at all. The packet was not sent.
 */
public final class PacketTooLargeException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    private final PacketType packetType;
    private final long packetSize;
    private final long maximumPacketSize;

    public PacketTooLargeException(PacketType packetType, long packetSize, long maximumPacketSize) {
        super(ErrorKind.PACKET_TOO_LARGE, packetType + " of " + packetSize + " bytes exceeds the maximum packet size of " + maximumPacketSize
                + " bytes; send a smaller payload or fewer properties");
        this.packetType = packetType;
        this.packetSize = packetSize;
        this.maximumPacketSize = maximumPacketSize;
    }

    public PacketType packetType() {
        return packetType;
    }

    /** The size the packet would have had on the wire, in bytes. */
    public long packetSize() {
        return packetSize;
    }

    /** The limit it exceeded, in bytes. */
    public long maximumPacketSize() {
        return maximumPacketSize;
    }
}
