package dev.tern.mqtt5.packets;

/** Quality of Service levels, MQTT 5.0 section 4.3. */
public enum QoS {
    /** At most once delivery: fire and forget. */
    AT_MOST_ONCE(0),
    /** At least once delivery: acknowledged by PUBACK, may be duplicated. */
    AT_LEAST_ONCE(1),
    /** Exactly once delivery: the PUBREC / PUBREL / PUBCOMP flow. */
    EXACTLY_ONCE(2);

    private static final QoS[] BY_CODE = values();

    private final int code;

    QoS(int code) {
        this.code = code;
    }

    /** {@return the value on the wire: 0, 1 or 2} */
    public int code() {
        return code;
    }

    /**
     * Looks up a QoS by its wire value.
     *
     * @param code the value on the wire
     * @return the QoS, or null if {@code code} is not 0, 1 or 2
     */
    public static QoS fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
