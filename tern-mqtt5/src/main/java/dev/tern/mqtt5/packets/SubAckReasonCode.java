package dev.tern.mqtt5.packets;

/** Reason codes of SUBACK, one per subscription, MQTT 5.0 section 3.9.3. */
public enum SubAckReasonCode implements ReasonCode {
    /** The subscription is accepted with maximum QoS 0. */
    GRANTED_QOS_0(0x00),
    /** The subscription is accepted with maximum QoS 1. */
    GRANTED_QOS_1(0x01),
    /** The subscription is accepted with maximum QoS 2. */
    GRANTED_QOS_2(0x02),
    /** The subscription is not accepted and the server does not wish to reveal why. */
    UNSPECIFIED_ERROR(0x80),
    /** Valid, but the server does not accept it. */
    IMPLEMENTATION_SPECIFIC_ERROR(0x83),
    /** The client is not authorized to make this subscription. */
    NOT_AUTHORIZED(0x87),
    /** The topic filter is correctly formed but not allowed. */
    TOPIC_FILTER_INVALID(0x8F),
    /** The packet identifier is already in use. */
    PACKET_IDENTIFIER_IN_USE(0x91),
    /** An implementation or administrative limit has been exceeded. */
    QUOTA_EXCEEDED(0x97),
    /** The server does not support shared subscriptions. */
    SHARED_SUBSCRIPTIONS_NOT_SUPPORTED(0x9E),
    /** The server does not support subscription identifiers. */
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1),
    /** The server does not support wildcard subscriptions. */
    WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED(0xA2);

    private static final SubAckReasonCode[] BY_CODE = new SubAckReasonCode[256];

    static {
        for (SubAckReasonCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;

    SubAckReasonCode(int code) {
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
    public static SubAckReasonCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
