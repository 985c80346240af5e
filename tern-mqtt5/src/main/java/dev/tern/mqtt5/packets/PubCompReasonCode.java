package dev.tern.mqtt5.packets;

/** Reason codes of PUBCOMP, MQTT 5.0 section 3.7.2.1. */
public enum PubCompReasonCode implements ReasonCode {
    /** The packet identifier is released; the publication is complete. */
    SUCCESS(0x00),
    /** The packet identifier is not known. */
    PACKET_IDENTIFIER_NOT_FOUND(0x92);

    private static final PubCompReasonCode[] BY_CODE = new PubCompReasonCode[256];

    static {
        for (PubCompReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    PubCompReasonCode(int code) {
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
    public static PubCompReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
