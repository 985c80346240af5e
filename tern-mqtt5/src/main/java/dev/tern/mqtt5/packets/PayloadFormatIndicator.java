package dev.tern.mqtt5.packets;

/** The Payload Format Indicator property, MQTT 5.0 section 3.3.2.3.2. */
public enum PayloadFormatIndicator {
    /** The payload is unspecified bytes (0). */
    UNSPECIFIED_BYTES(0),
    /** The payload is UTF-8 encoded character data (1). */
    UTF_8(1);

    private final int code;

    PayloadFormatIndicator(int code) {
        this.code = code;
    }

    /** {@return the property's byte on the wire: 0 or 1} */
    public int code() {
        return code;
    }

    /**
     * Looks up an indicator by its wire value.
     *
     * @param code the property's byte
     * @return the indicator, or null if {@code code} is neither 0 nor 1
     */
    public static PayloadFormatIndicator fromCode(int code) {
        return code == 0 ? UNSPECIFIED_BYTES : code == 1 ? UTF_8 : null;
    }
}
