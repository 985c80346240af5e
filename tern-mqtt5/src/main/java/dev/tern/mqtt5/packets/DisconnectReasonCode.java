package dev.tern.mqtt5.packets;

/** Reason codes of DISCONNECT, MQTT 5.0 section 3.14.2.1. */
public enum DisconnectReasonCode implements ReasonCode {
    /** Close the connection normally; do not send the will. */
    NORMAL_DISCONNECTION(0x00),
    /** Sent by a client: close the connection and publish the will. */
    DISCONNECT_WITH_WILL_MESSAGE(0x04),
    /** The connection is closed but the sender does not wish to reveal why. */
    UNSPECIFIED_ERROR(0x80),
    /** A received packet could not be parsed. */
    MALFORMED_PACKET(0x81),
    /** An unexpected or out-of-order packet was received. */
    PROTOCOL_ERROR(0x82),
    /** A valid packet was received but could not be processed. */
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    /** Sent by a server: the request is not authorized. */
    NOT_AUTHORIZED(0x87),
    /** Sent by a server: busy, not processing requests from this client. */
    SERVER_BUSY(0x89),
    /** Sent by a server: shutting down. */
    SERVER_SHUTTING_DOWN(0x8B),
    /** Sent by a server: no packet within 1.5 times the keep alive. */
    KEEP_ALIVE_TIMEOUT(0x8D),
    /** Sent by a server: another connection using the same client id has connected. */
    SESSION_TAKEN_OVER(0x8E),
    /** Sent by a server: the topic filter is valid but not accepted. */
    TOPIC_FILTER_INVALID(0x8F),
    /** The topic name is not malformed but not accepted. */
    TOPIC_NAME_INVALID(0x90),
    /** More QoS 1 and 2 publishes in flight than the receive maximum allows. */
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    /** A topic alias is 0 or greater than the topic alias maximum. */
    TOPIC_ALIAS_INVALID(0x94),
    /** A packet exceeded the maximum packet size. */
    PACKET_TOO_LARGE(0x95),
    /** The received data rate is too high. */
    MESSAGE_RATE_TOO_HIGH(0x96),
    /** An implementation or administrative limit has been exceeded. */
    QUOTA_EXCEEDED(0x97),
    /** The connection is closed by administrative action. */
    ADMINISTRATIVE_ACTION(0x98),
    /** A payload does not match its payload format indicator. */
    PAYLOAD_FORMAT_INVALID(0x99),
    /** Sent by a server: retain is not supported. */
    RETAIN_NOT_SUPPORTED(0x9A),
    /** Sent by a server: a QoS greater than the maximum QoS was used. */
    QOS_NOT_SUPPORTED(0x9B),
    /** Sent by a server: the client should temporarily change its server. */
    USE_ANOTHER_SERVER(0x9C),
    /** Sent by a server: the client should permanently change its server. */
    SERVER_MOVED(0x9D),
    /** Sent by a server: shared subscriptions are not supported. */
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
    /** Sent by a server: the connection rate limit has been exceeded. */
    CONNECTION_RATE_EXCEEDED(0x9F),
    /** Sent by a server: the maximum connection time has been exceeded. */
    MAXIMUM_CONNECT_TIME(0xA0),
    /** Sent by a server: subscription identifiers are not supported. */
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
    /** Sent by a server: wildcard subscriptions are not supported. */
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

    private static final DisconnectReasonCode[] BY_CODE = new DisconnectReasonCode[256];

    static {
        for (DisconnectReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    DisconnectReasonCode(int code) {
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
    public static DisconnectReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
