package dev.tern.mqtt5.packets;

/** The MQTT control packet types, MQTT 5.0 section 2.1.2. */
public enum PacketType {
    /** Client to server: connection request (1), section 3.1. */
    CONNECT(1),
    /** Server to client: connect acknowledgment (2), section 3.2. */
    CONNACK(2),
    /** Either direction: an application message (3), section 3.3. */
    PUBLISH(3),
    /** Either direction: QoS 1 publish acknowledgment (4), section 3.4. */
    PUBACK(4),
    /** Either direction: QoS 2 publish received, part 1 (5), section 3.5. */
    PUBREC(5),
    /** Either direction: QoS 2 publish release, part 2 (6), section 3.6. */
    PUBREL(6),
    /** Either direction: QoS 2 publish complete, part 3 (7), section 3.7. */
    PUBCOMP(7),
    /** Client to server: subscribe request (8), section 3.8. */
    SUBSCRIBE(8),
    /** Server to client: subscribe acknowledgment (9), section 3.9. */
    SUBACK(9),
    /** Client to server: unsubscribe request (10), section 3.10. */
    UNSUBSCRIBE(10),
    /** Server to client: unsubscribe acknowledgment (11), section 3.11. */
    UNSUBACK(11),
    /** Client to server: ping request, the keep-alive probe (12), section 3.12. */
    PINGREQ(12),
    /** Server to client: ping response (13), section 3.13. */
    PINGRESP(13),
    /** Either direction: disconnect notification (14), section 3.14. */
    DISCONNECT(14),
    /** Either direction: enhanced authentication exchange (15), section 3.15. */
    AUTH(15);

    private static final PacketType[] BY_CODE = new PacketType[16];

    static {
        for (PacketType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** {@return the value of the fixed header's upper four bits, 1 to 15} */
    public int code() {
        return code;
    }

    /**
     * Looks up a type by its wire value.
     *
     * @param code the fixed header's upper four bits
     * @return the type, or null for 0 (reserved) and values outside 1..15
     */
    public static PacketType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
