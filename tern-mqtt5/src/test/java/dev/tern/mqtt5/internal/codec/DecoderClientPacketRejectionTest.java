package dev.tern.mqtt5.internal.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static dev.tern.mqtt5.internal.codec.Rejections.SERVER;
import static dev.tern.mqtt5.internal.codec.Rejections.assertRejected;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.MALFORMED_PACKET;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.PROTOCOL_ERROR;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.TOPIC_FILTER_INVALID;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.TOPIC_NAME_INVALID;

/**
 * Rejections of the packets only a client sends, decoded by a server's decoder (the test peers):
 * CONNECT (3.1), SUBSCRIBE (3.8) and UNSUBSCRIBE (3.10).
 *
 * <p>The CONNECTs below share a shape: {@code 0x10}, Remaining Length, protocol name
 * {@code 00 04 "MQTT"}, version, connect flags, keep alive {@code 00 3C}, property length, properties,
 * client identifier {@code 00 01 "c"}, then the will (property length, properties, topic, payload),
 * user name and password as the flags say.
 */
class DecoderClientPacketRejectionTest {

    // ---------------------------------------------------------------- CONNECT (3.1)

    @Test
    void aConnectWithAProtocolNameOtherThanMqttIsMalformed() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0E,       // Remaining Length 14
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x58, // protocol name "MQTX"
                0x05,       // protocol version 5
                0x02,       // connect flags: Clean Start
                0x00, 0x3C, // keep alive 60
                0x00,       // property length 0
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, MALFORMED_PACKET, "protocol name", "MQTX");
        assertRejected(bytes(
                0x10,       // CONNECT, MQTT 3.1
                0x0F,       // Remaining Length 15
                0x00, 0x06, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, // protocol name "MQIsdp"
                0x03,       // protocol version 3
                0x02,       // connect flags: Clean Session
                0x00, 0x3C, // keep alive 60
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, MALFORMED_PACKET, "protocol name", "MQIsdp");
    }

    @Test
    void aConnectWithAProtocolVersionOtherThan5IsAProtocolError() {
        assertRejected(bytes(
                0x10,       // CONNECT, MQTT 3.1.1
                0x0D,       // Remaining Length 13
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x04,       // protocol version 4
                0x02,       // connect flags: Clean Session
                0x00, 0x3C, // keep alive 60 (MQTT 3.1.1 has no properties)
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, PROTOCOL_ERROR, "version 4");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0E,       // Remaining Length 14
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x06,       // protocol version 6
                0x02, 0x00, 0x3C, 0x00, 0x00, 0x01, 0x63),
                SERVER, PROTOCOL_ERROR, "version 6");
    }

    @Test
    void connectFlagsBit0IsReservedAndMalformed() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0E,       // Remaining Length 14
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05,       // protocol version 5
                0x03,       // connect flags: Clean Start + reserved bit 0
                0x00, 0x3C, // keep alive 60
                0x00,       // property length 0
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, MALFORMED_PACKET, "bit 0", "reserved");
    }

    @Test
    void willQosOrWillRetainWithoutTheWillFlagIsMalformed() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0E,       // Remaining Length 14
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05,       // protocol version 5
                0x0A,       // connect flags: Will QoS 1 (0x08) + Clean Start, Will Flag 0
                0x00, 0x3C, // keep alive 60
                0x00,       // property length 0
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, MALFORMED_PACKET, "Will QoS or Will Retain", "Will Flag");
        assertRejected(bytes(0x10, 0x0E, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x22,       // connect flags: Will Retain (0x20) + Clean Start, Will Flag 0
                0x00, 0x3C, 0x00, 0x00, 0x01, 0x63),
                SERVER, MALFORMED_PACKET, "Will QoS or Will Retain", "Will Flag");
    }

    @Test
    void willQos3IsMalformed() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x15,       // Remaining Length 21
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05,       // protocol version 5
                0x1E,       // connect flags: Will QoS 3 (0x18) + Will Flag (0x04) + Clean Start (0x02)
                0x00, 0x3C, // keep alive 60
                0x00,       // property length 0
                0x00, 0x01, 0x63, // client identifier "c"
                0x00,       // will property length 0
                0x00, 0x01, 0x77, // will topic "w"
                0x00, 0x01, 0x78), // will payload "x"
                SERVER, MALFORMED_PACKET, "Will QoS", "3");
    }

    @Test
    void aConnectOrWillPropertyAppearingTwiceIsAProtocolError() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x14,       // Remaining Length 20
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3C,
                0x06,       // property length 6
                0x21, 0x00, 0x0A, // Receive Maximum 10
                0x21, 0x00, 0x0A, // Receive Maximum 10 again
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, PROTOCOL_ERROR, "Receive Maximum", "more than once");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x1F,       // Remaining Length 31
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x06,       // connect flags: Will Flag + Clean Start
                0x00, 0x3C,
                0x00,       // property length 0
                0x00, 0x01, 0x63, // client identifier "c"
                0x0A,       // will property length 10
                0x18, 0x00, 0x00, 0x00, 0x01, // Will Delay Interval 1
                0x18, 0x00, 0x00, 0x00, 0x02, // Will Delay Interval 2
                0x00, 0x01, 0x77, // will topic "w"
                0x00, 0x01, 0x78), // will payload "x"
                SERVER, PROTOCOL_ERROR, "Will Delay Interval", "more than once");
    }

    @Test
    void aWillPayloadFormatIndicatorOtherThan0Or1IsAProtocolError() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x17,       // Remaining Length 23
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x06,       // connect flags: Will Flag + Clean Start
                0x00, 0x3C,
                0x00,       // property length 0
                0x00, 0x01, 0x63, // client identifier "c"
                0x02,       // will property length 2
                0x01, 0x02, // Payload Format Indicator 2
                0x00, 0x01, 0x77, // will topic "w"
                0x00, 0x01, 0x78), // will payload "x"
                SERVER, PROTOCOL_ERROR, "Payload Format Indicator", "0 or 1");
    }

    @Test
    void aPropertyNotAllowedInWillPropertiesIsMalformed() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x18,       // Remaining Length 24
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x06,       // connect flags: Will Flag + Clean Start
                0x00, 0x3C,
                0x00,       // property length 0
                0x00, 0x01, 0x63, // client identifier "c"
                0x03,       // will property length 3
                0x23, 0x00, 0x01, // Topic Alias: not a will property
                0x00, 0x01, 0x77, // will topic "w"
                0x00, 0x01, 0x78), // will payload "x"
                SERVER, MALFORMED_PACKET, "Topic Alias", "not allowed on CONNECT will");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x12,       // Remaining Length 18
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3C,
                0x04,       // property length 4
                0x1F, 0x00, 0x01, 0x78, // Reason String: not a CONNECT property
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, MALFORMED_PACKET, "Reason String", "not allowed on CONNECT");
    }

    @Test
    void aWildcardOrEmptyWillTopicIsTopicNameInvalid() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x17,       // Remaining Length 23
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x06,       // connect flags: Will Flag + Clean Start
                0x00, 0x3C,
                0x00,       // property length 0
                0x00, 0x01, 0x63, // client identifier "c"
                0x00,       // will property length 0
                0x00, 0x03, 0x77, 0x2F, 0x23, // will topic "w/#"
                0x00, 0x01, 0x78), // will payload "x"
                SERVER, TOPIC_NAME_INVALID, "will topic", "wildcard");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x14,       // Remaining Length 20
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x06,       // connect flags: Will Flag + Clean Start
                0x00, 0x3C,
                0x00,       // property length 0
                0x00, 0x01, 0x63, // client identifier "c"
                0x00,       // will property length 0
                0x00, 0x00, // will topic ""
                0x00, 0x01, 0x78), // will payload "x"
                SERVER, TOPIC_NAME_INVALID, "will topic", "empty");
    }

    @Test
    void aWildcardInAWillResponseTopicIsTopicNameInvalid() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x1A,       // Remaining Length 26
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x06,       // connect flags: Will Flag + Clean Start
                0x00, 0x3C,
                0x00,       // property length 0
                0x00, 0x01, 0x63, // client identifier "c"
                0x05,       // will property length 5
                0x08, 0x00, 0x02, 0x72, 0x2B, // Response Topic "r+"
                0x00, 0x01, 0x77, // will topic "w"
                0x00, 0x01, 0x78), // will payload "x"
                SERVER, TOPIC_NAME_INVALID, "Response Topic", "wildcard");
    }

    @Test
    void aConnectWhoseFlagsPromiseMissingFieldsOrThatHasExtraBytesIsMalformed() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0E,       // Remaining Length 14
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05,
                0x82,       // connect flags: User Name + Clean Start...
                0x00, 0x3C, 0x00,
                0x00, 0x01, 0x63), // ...but the packet ends after the client identifier
                SERVER, MALFORMED_PACKET, "user name", "past the end");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0F,       // Remaining Length 15
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3C, 0x00,
                0x00, 0x01, 0x63, // client identifier "c"
                0x00),      // a byte no flag accounts for
                SERVER, MALFORMED_PACKET, "CONNECT", "bytes after");
    }

    // ---------------------------------------------------------------- SUBSCRIBE (3.8)

    @Test
    void aSubscribeWithoutAnyTopicFilterIsAProtocolError() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x03,       // Remaining Length 3
                0x00, 0x01, // packet identifier 1
                0x00),      // property length 0, then no payload
                SERVER, PROTOCOL_ERROR, "SUBSCRIBE", "at least one topic filter");
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x05,       // Remaining Length 5
                0x00, 0x01, // packet identifier 1
                0x02,       // property length 2
                0x0B, 0x01), // Subscription Identifier 1, then no payload
                SERVER, PROTOCOL_ERROR, "SUBSCRIBE", "at least one topic filter");
    }

    @Test
    void aSubscribeOrUnsubscribeWithPacketIdentifier0IsAProtocolError() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x07,       // Remaining Length 7
                0x00, 0x00, // packet identifier 0
                0x00,       // property length 0
                0x00, 0x01, 0x61, // topic filter "a"
                0x01),      // subscription options: QoS 1
                SERVER, PROTOCOL_ERROR, "SUBSCRIBE packet identifier", "0");
        assertRejected(bytes(
                0xA2,       // UNSUBSCRIBE
                0x06,       // Remaining Length 6
                0x00, 0x00, // packet identifier 0
                0x00,       // property length 0
                0x00, 0x01, 0x61), // topic filter "a"
                SERVER, PROTOCOL_ERROR, "UNSUBSCRIBE packet identifier", "0");
    }

    @Test
    void aSubscribeSubscriptionIdentifierOf0IsAProtocolError() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x09,       // Remaining Length 9
                0x00, 0x01, // packet identifier 1
                0x02,       // property length 2
                0x0B, 0x00, // Subscription Identifier 0
                0x00, 0x01, 0x61, // topic filter "a"
                0x00),      // subscription options
                SERVER, PROTOCOL_ERROR, "Subscription Identifier", "0");
    }

    @Test
    void subscriptionOptionsQos3IsAProtocolError() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x61, // topic filter "a"
                0x03),      // subscription options: Maximum QoS 3 ("a Protocol Error", 3.8.3.1)
                SERVER, PROTOCOL_ERROR, "QoS", "3");
    }

    @Test
    void subscriptionOptionsBits7And6AreReservedAndMalformed() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x61, // topic filter "a"
                0x40),      // subscription options: reserved bit 6
                SERVER, MALFORMED_PACKET, "reserved");
        assertRejected(bytes(0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61,
                0x81),      // subscription options: reserved bit 7, QoS 1
                SERVER, MALFORMED_PACKET, "reserved");
    }

    @Test
    void retainHandling3IsAProtocolError() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x61, // topic filter "a"
                0x30),      // subscription options: Retain Handling 3 (bits 5-4)
                SERVER, PROTOCOL_ERROR, "Retain Handling");
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x10,       // Remaining Length 16
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x0A, // topic filter length 10
                0x24, 0x73, 0x68, 0x61, 0x72, 0x65, 0x2F, 0x67, 0x2F, 0x61, // "$share/g/a"
                0x04),      // subscription options: No Local
                SERVER, PROTOCOL_ERROR, "No Local", "shared");
    }

    @Test
    void aSubscribeWithoutSubscriptionOptionsAfterItsFilterIsMalformed() {
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x06,       // Remaining Length 6
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x61), // topic filter "a", then no options byte
                SERVER, MALFORMED_PACKET, "subscription options", "past the end");
    }

    @Test
    void anInvalidTopicFilterInSubscribeIsTopicFilterInvalid() {
        String[] invalid = {
            "",            // empty
            "a/#/b",       // '#' not last
            "#/a",         // '#' not last
            "a#",          // '#' not a whole level
            "a/b#",        // '#' not a whole level
            "a+",          // '+' not a whole level
            "+a/b",        // '+' not a whole level
            "a/+b",        // '+' not a whole level
            "$share/g",    // shared without a filter
            "$share/g/",   // shared with an empty filter
            "$share//a",   // empty share name
            "$share/g+/a", // wildcard in the share name
            "$share/g#/a", // wildcard in the share name
            "$share/g/a#", // invalid filter after the share name
        };
        for (String filter : invalid) {
            assertRejected(subscribe(filter), SERVER, TOPIC_FILTER_INVALID, "topic filter '" + filter + "'");
        }
    }

    // ---------------------------------------------------------------- UNSUBSCRIBE (3.10)

    @Test
    void anUnsubscribeWithoutAnyTopicFilterIsAProtocolError() {
        assertRejected(bytes(
                0xA2,       // UNSUBSCRIBE
                0x03,       // Remaining Length 3
                0x00, 0x01, // packet identifier 1
                0x00),      // property length 0, then no payload
                SERVER, PROTOCOL_ERROR, "UNSUBSCRIBE", "at least one topic filter");
    }

    @Test
    void anInvalidTopicFilterInUnsubscribeIsTopicFilterInvalid() {
        assertRejected(bytes(
                0xA2,       // UNSUBSCRIBE
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x02, 0x61, 0x2B), // topic filter "a+"
                SERVER, TOPIC_FILTER_INVALID, "topic filter 'a+'");
        assertRejected(bytes(
                0xA2,       // UNSUBSCRIBE
                0x08,       // Remaining Length 8
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x61, // topic filter "a" (valid)
                0x00, 0x00), // topic filter "" (invalid)
                SERVER, TOPIC_FILTER_INVALID, "topic filter ''");
    }

    @Test
    void aSubscriptionIdentifierOnUnsubscribeIsMalformed() {
        assertRejected(bytes(
                0xA2,       // UNSUBSCRIBE
                0x08,       // Remaining Length 8
                0x00, 0x01, // packet identifier 1
                0x02,       // property length 2
                0x0B, 0x01, // Subscription Identifier: a SUBSCRIBE property only
                0x00, 0x01, 0x61), // topic filter "a"
                SERVER, MALFORMED_PACKET, "Subscription Identifier", "not allowed on UNSUBSCRIBE");
    }

    /**
     * SUBSCRIBE, packet identifier 1, no properties, one {@code filter} with options 0 (QoS 0). The
     * filters are ASCII and short, so the Remaining Length fits one byte.
     */
    private static byte[] subscribe(String filter) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + 1 + 2 + f.length + 1;
        return concat(
                bytes(0x82, remaining,          // SUBSCRIBE, Remaining Length
                        0x00, 0x01,             // packet identifier 1
                        0x00,                   // property length 0
                        0x00, f.length),        // topic filter length
                f,                              // topic filter
                bytes(0x00));                   // subscription options
    }
}
