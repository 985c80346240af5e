package dev.tern.mqtt5.packets;

/** The PINGRESP packet, MQTT 5.0 section 3.13. It has no content; use {@link #INSTANCE}. */
public final class PingRespPacket implements MqttPacket {

    /** The only instance: a PINGRESP has no variable header and no payload. */
    public static final PingRespPacket INSTANCE = new PingRespPacket();

    private PingRespPacket() {
    }

    @Override
    public PacketType type() {
        return PacketType.PINGRESP;
    }

    @Override
    public String toString() {
        return "PingRespPacket{}";
    }
}
