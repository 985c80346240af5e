package dev.tern.mqtt5.internal.codec;

import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT_ALIASES_10;
import static dev.tern.mqtt5.internal.codec.Rejections.SERVER;
import static dev.tern.mqtt5.internal.codec.Rejections.assertRejected;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.PROTOCOL_ERROR;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.TOPIC_ALIAS_INVALID;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.TOPIC_NAME_INVALID;

/**
 * PUBLISH rejections, MQTT 5.0 section 3.3. Layout: {@code 0x30 | DUP<<3 | QoS<<1 | RETAIN}, Remaining
 * Length, topic name (2-byte length + UTF-8), packet identifier if QoS &gt; 0, property length,
 * properties, payload. {@code 0x61} is "a".
 */
class DecoderPublishRejectionTest {

    @Test
    void aQos0PublishWithTheDupFlagIsAProtocolError() {
        assertRejected(bytes(
                0x38,       // PUBLISH, DUP 1, QoS 0
                0x04,       // Remaining Length 4
                0x00, 0x01, 0x61, // topic "a"
                0x00),      // property length 0
                CLIENT, PROTOCOL_ERROR, "DUP");
        assertRejected(bytes(
                0x39,       // PUBLISH, DUP 1, QoS 0, RETAIN 1
                0x04, 0x00, 0x01, 0x61, 0x00),
                SERVER, PROTOCOL_ERROR, "DUP");
    }

    @Test
    void aQos1Or2PublishWithPacketIdentifier0IsAProtocolError() {
        assertRejected(bytes(
                0x32,       // PUBLISH QoS 1
                0x06,       // Remaining Length 6
                0x00, 0x01, 0x61, // topic "a"
                0x00, 0x00, // packet identifier 0
                0x00),      // property length 0
                CLIENT, PROTOCOL_ERROR, "PUBLISH packet identifier", "0");
        assertRejected(bytes(
                0x34,       // PUBLISH QoS 2
                0x06, 0x00, 0x01, 0x61,
                0x00, 0x00, // packet identifier 0
                0x00),
                SERVER, PROTOCOL_ERROR, "PUBLISH packet identifier", "0");
    }

    @Test
    void anEmptyTopicNameWithoutATopicAliasIsAProtocolError() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x03,       // Remaining Length 3
                0x00, 0x00, // topic name "" (length 0)
                0x00),      // property length 0: no Topic Alias
                CLIENT_ALIASES_10, PROTOCOL_ERROR, "empty topic", "no Topic Alias");
    }

    @Test
    void aTopicAliasWithAnEmptyTopicAndNoMappingYetIsAProtocolError() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x06,       // Remaining Length 6
                0x00, 0x00, // topic name ""
                0x03,       // property length 3
                0x23, 0x00, 0x01), // Topic Alias 1, never mapped on this connection
                CLIENT_ALIASES_10, PROTOCOL_ERROR, "Topic Alias 1", "no mapping");
        // Mapping alias 1 does not map alias 2.
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x09,       // Remaining Length 9
                0x00, 0x03, 0x61, 0x2F, 0x62, // topic "a/b"
                0x03,       // property length 3
                0x23, 0x00, 0x01, // Topic Alias 1: maps 1 → "a/b"
                0x30,       // PUBLISH QoS 0
                0x06,       // Remaining Length 6
                0x00, 0x00, // topic name ""
                0x03,       // property length 3
                0x23, 0x00, 0x02), // Topic Alias 2: no mapping
                CLIENT_ALIASES_10, PROTOCOL_ERROR, "Topic Alias 2", "no mapping");
        // The same on a server's decoder.
        assertRejected(bytes(0x30, 0x06, 0x00, 0x00, 0x03, 0x23, 0x00, 0x05),
                SERVER, PROTOCOL_ERROR, "Topic Alias 5", "no mapping");
    }

    @Test
    void aClientPublishWithASubscriptionIdentifierIsAProtocolError() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0, sent by a client
                0x06,       // Remaining Length 6
                0x00, 0x01, 0x61, // topic "a"
                0x02,       // property length 2
                0x0B, 0x01), // Subscription Identifier 1
                SERVER, PROTOCOL_ERROR, "client", "Subscription Identifier");
    }

    @Test
    void aSubscriptionIdentifierOf0IsAProtocolError() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0, sent by the server
                0x06,       // Remaining Length 6
                0x00, 0x01, 0x61, // topic "a"
                0x02,       // property length 2
                0x0B, 0x00), // Subscription Identifier 0
                CLIENT, PROTOCOL_ERROR, "Subscription Identifier", "0");
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x08,       // Remaining Length 8
                0x00, 0x01, 0x61, // topic "a"
                0x04,       // property length 4
                0x0B, 0x07, // Subscription Identifier 7 (fine)
                0x0B, 0x00), // Subscription Identifier 0
                CLIENT, PROTOCOL_ERROR, "Subscription Identifier", "0");
    }

    @Test
    void aPayloadFormatIndicatorOtherThan0Or1IsAProtocolError() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x06,       // Remaining Length 6
                0x00, 0x01, 0x61, // topic "a"
                0x02,       // property length 2
                0x01, 0x02), // Payload Format Indicator 2
                CLIENT, PROTOCOL_ERROR, "Payload Format Indicator", "0 or 1");
        assertRejected(bytes(0x30, 0x06, 0x00, 0x01, 0x61, 0x02,
                0x01, 0xFF), // Payload Format Indicator 255
                SERVER, PROTOCOL_ERROR, "Payload Format Indicator", "0 or 1");
    }

    @Test
    void aWildcardInAPublishTopicNameIsTopicNameInvalid() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x06,       // Remaining Length 6
                0x00, 0x03, 0x61, 0x2F, 0x2B, // topic "a/+"
                0x00),      // property length 0
                CLIENT, TOPIC_NAME_INVALID, "wildcard");
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x04,       // Remaining Length 4
                0x00, 0x01, 0x23, // topic "#"
                0x00),      // property length 0
                CLIENT, TOPIC_NAME_INVALID, "wildcard");
        assertRejected(bytes(
                0x32,       // PUBLISH QoS 1
                0x08,       // Remaining Length 8
                0x00, 0x03, 0x61, 0x2B, 0x62, // topic "a+b": a wildcard character inside a level counts too
                0x00, 0x01, // packet identifier 1
                0x00),      // property length 0
                SERVER, TOPIC_NAME_INVALID, "wildcard");
    }

    @Test
    void aWildcardInAResponseTopicIsTopicNameInvalid() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x0A,       // Remaining Length 10
                0x00, 0x01, 0x61, // topic "a"
                0x06,       // property length 6
                0x08, 0x00, 0x03, 0x72, 0x2F, 0x23), // Response Topic "r/#"
                CLIENT, TOPIC_NAME_INVALID, "Response Topic", "wildcard");
        assertRejected(bytes(0x30, 0x08, 0x00, 0x01, 0x61, 0x04,
                0x08, 0x00, 0x01, 0x2B), // Response Topic "+"
                SERVER, TOPIC_NAME_INVALID, "Response Topic", "wildcard");
    }

    @Test
    void anEmptyResponseTopicIsTopicNameInvalid() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x07,       // Remaining Length 7
                0x00, 0x01, 0x61, // topic "a"
                0x03,       // property length 3
                0x08, 0x00, 0x00), // Response Topic ""
                CLIENT, TOPIC_NAME_INVALID, "Response Topic", "empty");
    }

    @Test
    void aTopicAliasOf0IsTopicAliasInvalid() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x07,       // Remaining Length 7
                0x00, 0x01, 0x61, // topic "a"
                0x03,       // property length 3
                0x23, 0x00, 0x00), // Topic Alias 0
                CLIENT_ALIASES_10, TOPIC_ALIAS_INVALID, "Topic Alias", "0");
        assertRejected(bytes(0x30, 0x07, 0x00, 0x01, 0x61, 0x03,
                0x23, 0x00, 0x00), // Topic Alias 0
                SERVER, TOPIC_ALIAS_INVALID, "Topic Alias", "0");
    }

    @Test
    void aTopicAliasAboveTheTopicAliasMaximumIsTopicAliasInvalid() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x07,       // Remaining Length 7
                0x00, 0x01, 0x61, // topic "a"
                0x03,       // property length 3
                0x23, 0x00, 0x0B), // Topic Alias 11; the client allowed 10
                CLIENT_ALIASES_10, TOPIC_ALIAS_INVALID, "11", "Topic Alias Maximum 10");
        // A client that announced no Topic Alias Maximum accepts no alias at all.
        assertRejected(bytes(0x30, 0x07, 0x00, 0x01, 0x61, 0x03,
                0x23, 0x00, 0x01), // Topic Alias 1; the client allowed 0
                CLIENT, TOPIC_ALIAS_INVALID, "Topic Alias Maximum 0");
        assertRejected(bytes(0x30, 0x07, 0x00, 0x01, 0x61, 0x03,
                0x23, 0xFF, 0xFF), // Topic Alias 65535; the server allowed 10
                SERVER, TOPIC_ALIAS_INVALID, "65535", "Topic Alias Maximum 10");
    }
}
