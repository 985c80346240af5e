package dev.tern.mqtt5.packets;

/**
 * An MQTT 5 control packet. Every implementation is immutable and thread-safe; build one with its
 * type's {@code builder()} and copy-and-change it with {@code toBuilder()}.
 *
 * <p>Packets carry what the user decides. What belongs to a connection (packet identifiers, the DUP
 * flag, topic aliases) is assigned by the client when the packet goes on the wire.
 */
public interface MqttPacket {

    /**
     * {@return the control packet type, which fixes the upper four bits of the fixed header (MQTT 5.0 section
     * 2.1.2)}
     */
    PacketType type();
}
