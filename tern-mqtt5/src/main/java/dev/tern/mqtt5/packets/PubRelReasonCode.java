package dev.tern.mqtt5.packets;

/** Reason codes of PUBREL, MQTT 5.0 section 3.6.2.1. */
public enum PubRelReasonCode implements ReasonCode {
    /** The message is released. */
    SUCCESS(0x00),
    /** The packet identifier is not known. */
    PACKET_IDENTIFIER_NOT_FOUND(0x92);

    private static final PubRelReasonCode[] BY_CODE = new PubRelReasonCode[256];

    static {
        for (PubRelReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    PubRelReasonCode(int code) {
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
    public static PubRelReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
