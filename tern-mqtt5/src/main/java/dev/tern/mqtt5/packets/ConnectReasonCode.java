package dev.tern.mqtt5.packets;

/** Reason codes of CONNACK, MQTT 5.0 section 3.2.2.2. */
public enum ConnectReasonCode implements ReasonCode {
    /** Success: the connection is accepted. */
    SUCCESS(0x00),
    /** The server does not wish to reveal the reason, or none of the other codes apply. */
    UNSPECIFIED_ERROR(0x80),
    /** Data in the CONNECT could not be parsed. */
    MALFORMED_PACKET(0x81),
    /** The CONNECT does not conform to the specification. */
    PROTOCOL_ERROR(0x82),
    /** Valid, but not accepted by this server. */
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    /** The server does not support MQTT 5. */
    UNSUPPORTED_PROTOCOL_VERSION(0x84),
    /** The client identifier is valid but not allowed. */
    CLIENT_IDENTIFIER_NOT_VALID(0x85),
    /** The server does not accept the user name or password. */
    BAD_USER_NAME_OR_PASSWORD(0x86),
    /** The client is not authorized to connect. */
    NOT_AUTHORIZED(0x87),
    /** The server is not available. */
    SERVER_UNAVAILABLE(0x88),
    /** The server is busy; try again later. */
    SERVER_BUSY(0x89),
    /** This client has been banned. */
    BANNED(0x8A),
    /** The authentication method is not supported or does not match the one in use. */
    BAD_AUTHENTICATION_METHOD(0x8C),
    /** The will topic name is not malformed but not accepted. */
    TOPIC_NAME_INVALID(0x90),
    /** The CONNECT exceeded the maximum permissible size. */
    PACKET_TOO_LARGE(0x95),
    /** An implementation or administrative limit has been exceeded. */
    QUOTA_EXCEEDED(0x97),
    /** The will payload does not match its payload format indicator. */
    PAYLOAD_FORMAT_INVALID(0x99),
    /** The will is retained but the server does not support retain. */
    RETAIN_NOT_SUPPORTED(0x9A),
    /** The server does not support the will's QoS. */
    QOS_NOT_SUPPORTED(0x9B),
    /** The client should temporarily use another server. */
    USE_ANOTHER_SERVER(0x9C),
    /** The client should permanently use another server. */
    SERVER_MOVED(0x9D),
    /** The connection rate limit has been exceeded. */
    CONNECTION_RATE_EXCEEDED(0x9F);

    private static final ConnectReasonCode[] BY_CODE = new ConnectReasonCode[256];

    static {
        for (ConnectReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    ConnectReasonCode(int code) {
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
    public static ConnectReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
