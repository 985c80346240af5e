package dev.tern.mqtt5.packets;

/** Reason codes of UNSUBACK, one per topic filter, MQTT 5.0 section 3.11.3. */
public enum UnsubAckReasonCode implements ReasonCode {
    /** The subscription is deleted. */
    SUCCESS(0x00),
    /** No matching topic filter is being used by the client. */
    NO_SUBSCRIPTION_EXISTED(0x11),
    /** The unsubscribe could not be completed and the server does not wish to reveal why. */
    UNSPECIFIED_ERROR(0x80),
    /** Valid, but the server does not accept it. */
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    /** The client is not authorized to unsubscribe. */
    NOT_AUTHORIZED(0x87),
    /** The topic filter is correctly formed but not allowed. */
    TOPIC_FILTER_INVALID(0x8F),
    /** The packet identifier is already in use. */
    PACKET_IDENTIFIER_IN_USE(0x91);

    private static final UnsubAckReasonCode[] BY_CODE = new UnsubAckReasonCode[256];

    static {
        for (UnsubAckReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    UnsubAckReasonCode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /**
     * Looks up a reason code by its wire value.
     *
     * @param code the reason code byte
     * @return the reason code, or null if the specification defines none with that value on this packet
     */
    public static UnsubAckReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
