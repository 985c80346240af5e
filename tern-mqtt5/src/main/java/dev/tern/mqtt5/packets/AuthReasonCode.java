package dev.tern.mqtt5.packets;

/** Reason codes of AUTH, MQTT 5.0 section 3.15.2.1. */
public enum AuthReasonCode implements ReasonCode {
    /** Authentication is successful. */
    SUCCESS(0x00),
    /** Continue the authentication with another step. */
    CONTINUE_AUTHENTICATION(0x18),
    /** Initiate a re-authentication. */
    REAUTHENTICATE(0x19);

    private static final AuthReasonCode[] BY_CODE = new AuthReasonCode[256];

    static {
        for (AuthReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    AuthReasonCode(int code) {
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
    public static AuthReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
