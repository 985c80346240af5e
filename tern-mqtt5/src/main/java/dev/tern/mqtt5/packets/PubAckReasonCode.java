package dev.tern.mqtt5.packets;

/** Reason codes of PUBACK, MQTT 5.0 section 3.4.2.1. */
public enum PubAckReasonCode implements ReasonCode {
    /** The message is accepted. */
    SUCCESS(0x00),
    /** The message is accepted but there are no subscribers. */
    NO_MATCHING_SUBSCRIBERS(0x10),
    /** The receiver does not accept the publish and does not wish to reveal why. */
    UNSPECIFIED_ERROR(0x80),
    /** Valid, but the receiver is not willing to accept it. */
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    /** The publish is not authorized. */
    NOT_AUTHORIZED(0x87),
    /** The topic name is not malformed but not accepted. */
    TOPIC_NAME_INVALID(0x90),
    /** The packet identifier is already in use. */
    PACKET_IDENTIFIER_IN_USE(0x91),
    /** An implementation or administrative limit has been exceeded. */
    QUOTA_EXCEEDED(0x97),
    /** The payload does not match the payload format indicator. */
    PAYLOAD_FORMAT_INVALID(0x99);

    private static final PubAckReasonCode[] BY_CODE = new PubAckReasonCode[256];

    static {
        for (PubAckReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    PubAckReasonCode(int code) {
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
    public static PubAckReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
