package dev.tern.mqtt5.internal.codec;

/** Property identifiers, MQTT 5.0 section 2.2.2.2. */
final class Properties {

    static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    static final int CONTENT_TYPE = 0x03;
    static final int RESPONSE_TOPIC = 0x08;
    static final int CORRELATION_DATA = 0x09;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    static final int SESSION_EXPIRY_INTERVAL = 0x11;
    static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    static final int SERVER_KEEP_ALIVE = 0x13;
    static final int AUTHENTICATION_METHOD = 0x15;
    static final int AUTHENTICATION_DATA = 0x16;
    static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    static final int WILL_DELAY_INTERVAL = 0x18;
    static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    static final int RESPONSE_INFORMATION = 0x1A;
    static final int SERVER_REFERENCE = 0x1C;
    static final int REASON_STRING = 0x1F;
    static final int RECEIVE_MAXIMUM = 0x21;
    static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    static final int TOPIC_ALIAS = 0x23;
    static final int MAXIMUM_QOS = 0x24;
    static final int RETAIN_AVAILABLE = 0x25;
    static final int USER_PROPERTY = 0x26;
    static final int MAXIMUM_PACKET_SIZE = 0x27;
    static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    private static final String[] NAMES = new String[0x2B];

    static {
        NAMES[PAYLOAD_FORMAT_INDICATOR] = "Payload Format Indicator";
        NAMES[MESSAGE_EXPIRY_INTERVAL] = "Message Expiry Interval";
        NAMES[CONTENT_TYPE] = "Content Type";
        NAMES[RESPONSE_TOPIC] = "Response Topic";
        NAMES[CORRELATION_DATA] = "Correlation Data";
        NAMES[SUBSCRIPTION_IDENTIFIER] = "Subscription Identifier";
        NAMES[SESSION_EXPIRY_INTERVAL] = "Session Expiry Interval";
        NAMES[ASSIGNED_CLIENT_IDENTIFIER] = "Assigned Client Identifier";
        NAMES[SERVER_KEEP_ALIVE] = "Server Keep Alive";
        NAMES[AUTHENTICATION_METHOD] = "Authentication Method";
        NAMES[AUTHENTICATION_DATA] = "Authentication Data";
        NAMES[REQUEST_PROBLEM_INFORMATION] = "Request Problem Information";
        NAMES[WILL_DELAY_INTERVAL] = "Will Delay Interval";
        NAMES[REQUEST_RESPONSE_INFORMATION] = "Request Response Information";
        NAMES[RESPONSE_INFORMATION] = "Response Information";
        NAMES[SERVER_REFERENCE] = "Server Reference";
        NAMES[REASON_STRING] = "Reason String";
        NAMES[RECEIVE_MAXIMUM] = "Receive Maximum";
        NAMES[TOPIC_ALIAS_MAXIMUM] = "Topic Alias Maximum";
        NAMES[TOPIC_ALIAS] = "Topic Alias";
        NAMES[MAXIMUM_QOS] = "Maximum QoS";
        NAMES[RETAIN_AVAILABLE] = "Retain Available";
        NAMES[USER_PROPERTY] = "User Property";
        NAMES[MAXIMUM_PACKET_SIZE] = "Maximum Packet Size";
        NAMES[WILDCARD_SUBSCRIPTION_AVAILABLE] = "Wildcard Subscription Available";
        NAMES[SUBSCRIPTION_IDENTIFIER_AVAILABLE] = "Subscription Identifier Available";
        NAMES[SHARED_SUBSCRIPTION_AVAILABLE] = "Shared Subscription Available";
    }

    private Properties() {
    }

    static boolean isKnown(int id) {
        return id >= 0 && id < NAMES.length && NAMES[id] != null;
    }

    static String name(int id) {
        return isKnown(id) ? NAMES[id] : "property 0x" + Integer.toHexString(id);
    }
}
