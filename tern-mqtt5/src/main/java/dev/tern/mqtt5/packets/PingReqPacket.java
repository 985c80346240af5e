package dev.tern.mqtt5.packets;

/** The PINGREQ packet, MQTT 5.0 section 3.12. It has no content; use {@link #INSTANCE}. */
public final class PingReqPacket implements MqttPacket {

    /** The only instance: a PINGREQ has no variable header and no payload. */
    public static final PingReqPacket INSTANCE = new PingReqPacket();

    private PingReqPacket() {
    }

    @Override
    public PacketType type() {
        return PacketType.PINGREQ;
    }

    @Override
    public String toString() {
        return "PingReqPacket{}";
    }
}
