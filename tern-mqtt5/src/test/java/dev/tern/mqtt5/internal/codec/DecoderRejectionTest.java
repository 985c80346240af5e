package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT_ALIASES_10;
import static dev.tern.mqtt5.internal.codec.Rejections.SERVER;
import static dev.tern.mqtt5.internal.codec.Rejections.assertRejected;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.MALFORMED_PACKET;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.PACKET_TOO_LARGE;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.PROTOCOL_ERROR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Rejections that do not belong to one packet family: the fixed header (MQTT 5.0 section 2.1), the
 * Remaining Length (1.5.5), fields that overrun their packet, leftover bytes, UTF-8 strings (1.5.4),
 * properties in general (2.2.2), who may send which packet type, and the Maximum Packet Size.
 *
 * <p>Every input is written out byte by byte with its fields named. Most PUBLISHes here go to a
 * client's decoder: {@code 0x30 | flags}, Remaining Length, topic (2-byte length + bytes), packet
 * identifier if QoS &gt; 0, property length, properties, payload.
 */
class DecoderRejectionTest {

    // ---------------------------------------------------------------- fixed header (2.1)

    @Test
    void packetType0IsReservedAndMalformed() {
        assertRejected(bytes(
                0x00,       // type 0 (reserved), flags 0
                0x00),      // Remaining Length 0
                CLIENT, MALFORMED_PACKET, "type 0", "reserved");
        assertRejected(bytes(
                0x0F,       // type 0 (reserved), flags 1111
                0x00),      // Remaining Length 0
                SERVER, MALFORMED_PACKET, "type 0", "reserved");
    }

    @Test
    void aNonPublishPacketWithWrongFixedHeaderFlagsIsMalformed() {
        assertRejected(bytes(
                0x41,       // PUBACK, flags 0001 (must be 0000)
                0x02,       // Remaining Length 2
                0x00, 0x01), // packet identifier 1
                CLIENT, MALFORMED_PACKET, "PUBACK", "flags");
        assertRejected(bytes(
                0x60,       // PUBREL, flags 0000 (must be 0010)
                0x02,       // Remaining Length 2
                0x00, 0x01), // packet identifier 1
                CLIENT, MALFORMED_PACKET, "PUBREL", "flags");
        assertRejected(bytes(
                0x28,       // CONNACK, flags 1000
                0x03,       // Remaining Length 3
                0x00,       // acknowledge flags
                0x00,       // reason code Success
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "CONNACK", "flags");
        assertRejected(bytes(
                0xD2,       // PINGRESP, flags 0010
                0x00),      // Remaining Length 0
                CLIENT, MALFORMED_PACKET, "PINGRESP", "flags");
        assertRejected(bytes(
                0x80,       // SUBSCRIBE, flags 0000 (must be 0010)
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x61, // topic filter "a"
                0x00),      // subscription options
                SERVER, MALFORMED_PACKET, "SUBSCRIBE", "flags");
        assertRejected(bytes(
                0xA3,       // UNSUBSCRIBE, flags 0011 (must be 0010)
                0x06,       // Remaining Length 6
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x61), // topic filter "a"
                SERVER, MALFORMED_PACKET, "UNSUBSCRIBE", "flags");
        assertRejected(bytes(
                0xE8,       // DISCONNECT, flags 1000
                0x00),      // Remaining Length 0
                CLIENT, MALFORMED_PACKET, "DISCONNECT", "flags");
        assertRejected(bytes(
                0xF1,       // AUTH, flags 0001
                0x00),      // Remaining Length 0
                SERVER, MALFORMED_PACKET, "AUTH", "flags");
    }

    @Test
    void everyWrongFlagValueOfEveryNonPublishTypeIsMalformed() {
        for (PacketType type : PacketType.values()) {
            if (type == PacketType.PUBLISH) {
                continue;
            }
            int expected = type == PacketType.PUBREL || type == PacketType.SUBSCRIBE
                    || type == PacketType.UNSUBSCRIBE ? 0b0010 : 0b0000;
            boolean fromServer = type != PacketType.CONNECT && type != PacketType.SUBSCRIBE
                    && type != PacketType.UNSUBSCRIBE && type != PacketType.PINGREQ;
            for (int flags = 0; flags < 16; flags++) {
                if (flags == expected) {
                    continue;
                }
                // The first byte alone is enough: the type and flags are checked as it arrives.
                assertRejected(bytes(type.code() << 4 | flags), fromServer ? CLIENT : SERVER,
                        MALFORMED_PACKET, type.name(), "flags");
            }
        }
    }

    @Test
    void aPublishWithQos3IsMalformed() {
        assertRejected(bytes(
                0x36,       // PUBLISH, flags 0110: QoS bits 11
                0x06,       // Remaining Length 6
                0x00, 0x01, 0x61, // topic "a"
                0x00, 0x01, // packet identifier 1
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "QoS");
        assertRejected(bytes(
                0x3F,       // PUBLISH, DUP, QoS bits 11, RETAIN
                0x06, 0x00, 0x01, 0x61, 0x00, 0x01, 0x00),
                SERVER, MALFORMED_PACKET, "QoS");
    }

    // ---------------------------------------------------------------- Remaining Length (1.5.5, 2.1.4)

    @Test
    void aRemainingLengthOfMoreThanFourBytesIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x80, 0x80, 0x80, 0x80, 0x01), // Remaining Length in 5 bytes
                CLIENT, MALFORMED_PACKET, "Remaining Length");
        // A fourth byte with its continuation bit set already makes it malformed: no fifth byte needed.
        assertRejected(bytes(
                0xD0,       // PINGRESP
                0xFF, 0xFF, 0xFF, 0xFF), // four bytes, the last one still says "more follows"
                CLIENT, MALFORMED_PACKET, "Remaining Length");
    }

    @Test
    void aRemainingLengthNotInItsShortestFormIsMalformed() {
        assertRejected(bytes(
                0xD0,       // PINGRESP
                0x80, 0x00), // Remaining Length 0 in two bytes
                CLIENT, MALFORMED_PACKET, "Remaining Length");
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x84, 0x00, // Remaining Length 4 in two bytes
                0x00, 0x01, 0x61, // topic "a"
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "Remaining Length");
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x84, 0x80, 0x80, 0x00, // Remaining Length 4 in four bytes
                0x00, 0x01, 0x61, // topic "a"
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "Remaining Length");
    }

    // ---------------------------------------------------------------- fields past the end, leftovers

    @Test
    void aStringRunningPastTheEndOfThePacketIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x04,       // Remaining Length 4
                0x00, 0x05, // topic length 5...
                0x61, 0x62), // ...but only 2 bytes left
                CLIENT, MALFORMED_PACKET, "topic", "past the end");
        // The string may not borrow bytes from the next packet in the buffer either.
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x04,       // Remaining Length 4
                0x00, 0x03, // topic length 3, 2 bytes left in this packet
                0x61, 0x62,
                0xD0, 0x00), // a PINGRESP after it
                CLIENT, MALFORMED_PACKET, "topic", "past the end");
    }

    @Test
    void aFixedSizeFieldRunningPastTheEndOfThePacketIsMalformed() {
        assertRejected(bytes(
                0x40,       // PUBACK
                0x01,       // Remaining Length 1
                0x00),      // half a packet identifier
                CLIENT, MALFORMED_PACKET, "packet identifier", "past the end");
        assertRejected(bytes(
                0x20,       // CONNACK
                0x01,       // Remaining Length 1
                0x00),      // acknowledge flags, then nothing
                CLIENT, MALFORMED_PACKET, "CONNACK", "past the end");
    }

    @Test
    void binaryDataRunningPastTheEndOfItsPropertiesIsMalformed() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x0B,       // Remaining Length 11
                0x00,       // acknowledge flags
                0x00,       // reason code Success
                0x08,       // property length 8
                0x15, 0x00, 0x01, 0x6D, // Authentication Method "m"
                0x16, 0x00, 0x10, 0xAA), // Authentication Data of 16 bytes, 1 present
                CLIENT, MALFORMED_PACKET, "Authentication Data", "past the end");
    }

    @Test
    void aPropertyLengthLargerThanThePacketIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x05,       // Remaining Length 5
                0x00, 0x01, 0x61, // topic "a"
                0x05,       // property length 5, only 1 byte left
                0x01),
                CLIENT, MALFORMED_PACKET, "property length");
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x08,       // Remaining Length 8
                0x00, 0x01, 0x61, // topic "a"
                0xFF, 0xFF, 0xFF, 0x7F, // property length 268,435,455
                0x00),
                CLIENT, MALFORMED_PACKET, "property length");
    }

    @Test
    void aPropertyValueRunningPastThePropertyLengthIsMalformed() {
        // The packet has enough bytes, but the property length ends in the middle of a property.
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x09,       // Remaining Length 9
                0x00, 0x01, 0x61, // topic "a"
                0x02,       // property length 2
                0x02, 0x00, // Message Expiry Interval: needs 4 bytes, 1 inside the properties
                0x00, 0x00, 0x05), // payload (would complete the integer if the limit were ignored)
                CLIENT, MALFORMED_PACKET, "Message Expiry Interval", "past the end");
    }

    @Test
    void bytesLeftOverAfterAPacketsContentAreMalformed() {
        assertRejected(bytes(
                0xD0,       // PINGRESP
                0x01,       // Remaining Length 1 (must be 0)
                0x00),
                CLIENT, MALFORMED_PACKET, "PINGRESP", "bytes");
        assertRejected(bytes(
                0x40,       // PUBACK
                0x05,       // Remaining Length 5
                0x00, 0x01, // packet identifier 1
                0x00,       // reason code Success
                0x00,       // property length 0
                0xFF),      // one byte too many
                CLIENT, MALFORMED_PACKET, "PUBACK", "bytes");
        assertRejected(bytes(
                0x20,       // CONNACK
                0x04,       // Remaining Length 4
                0x00,       // acknowledge flags
                0x00,       // reason code Success
                0x00,       // property length 0
                0x00),      // one byte too many
                CLIENT, MALFORMED_PACKET, "CONNACK", "bytes");
        assertRejected(bytes(
                0xE0,       // DISCONNECT
                0x03,       // Remaining Length 3
                0x00,       // reason code Normal disconnection
                0x00,       // property length 0
                0x00),      // one byte too many
                CLIENT, MALFORMED_PACKET, "DISCONNECT", "bytes");
        assertRejected(bytes(
                0xF0,       // AUTH
                0x03,       // Remaining Length 3
                0x00,       // reason code Success
                0x00,       // property length 0
                0x00),      // one byte too many
                CLIENT, MALFORMED_PACKET, "AUTH", "bytes");
        assertRejected(bytes(
                0xC0,       // PINGREQ
                0x01,       // Remaining Length 1 (must be 0)
                0x00),
                SERVER, MALFORMED_PACKET, "PINGREQ", "bytes");
    }

    // ---------------------------------------------------------------- UTF-8 strings (1.5.4)

    @Test
    void aStringContainingUPlus0000IsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x06,       // Remaining Length 6
                0x00, 0x03, // topic length 3
                0x61, 0x00, 0x62, // "a", U+0000, "b"
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "UTF-8");
    }

    @Test
    void aStringContainingAnEncodedSurrogateIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x06,       // Remaining Length 6
                0x00, 0x03, // topic length 3
                0xED, 0xA0, 0x80, // U+D800, the first high surrogate
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(
                0x30, 0x06, 0x00, 0x03,
                0xED, 0xBF, 0xBF, // U+DFFF, the last low surrogate
                0x00),
                CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(
                0x30, 0x09, 0x00, 0x06,
                0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, // a surrogate pair encoded as two 3-byte forms (CESU-8)
                0x00),
                CLIENT, MALFORMED_PACKET, "UTF-8");
    }

    @Test
    void anOverlongUtf8EncodingIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x05,       // Remaining Length 5
                0x00, 0x02, // topic length 2
                0xC0, 0x80, // U+0000 in two bytes
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x05, 0x00, 0x02,
                0xC1, 0xBF, // U+007F in two bytes
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x06, 0x00, 0x03,
                0xE0, 0x9F, 0xBF, // U+07FF in three bytes
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x07, 0x00, 0x04,
                0xF0, 0x8F, 0xBF, 0xBF, // U+FFFF in four bytes
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
    }

    @Test
    void aCodePointAboveUPlus10FFFFIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x07,       // Remaining Length 7
                0x00, 0x04, // topic length 4
                0xF4, 0x90, 0x80, 0x80, // U+110000
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x07, 0x00, 0x04,
                0xF5, 0x80, 0x80, 0x80, // lead byte F5: beyond U+10FFFF
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x04, 0x00, 0x01,
                0xFF,       // never valid in UTF-8
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
    }

    @Test
    void aTruncatedUtf8SequenceIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x05,       // Remaining Length 5
                0x00, 0x02, // topic length 2
                0xE2, 0x82, // the first two of the three bytes of U+20AC
                0x00),      // property length 0 (must not be taken as the third byte)
                CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x06, 0x00, 0x03,
                0xF0, 0x9F, 0x98, // three of the four bytes of U+1F600
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x05, 0x00, 0x02,
                0x61, 0xC3, // "a", then a 2-byte lead at the end of the string
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x06, 0x00, 0x03,
                0xE2, 0x82, 0x41, // lead and one continuation, then "A" instead of a continuation
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
    }

    @Test
    void aStrayContinuationByteIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x04,       // Remaining Length 4
                0x00, 0x01, // topic length 1
                0x80,       // a continuation byte without a lead
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "UTF-8");
        assertRejected(bytes(0x30, 0x07, 0x00, 0x04,
                0xC3, 0xA9, 0xA9, 0x61, // "é", then one continuation byte too many, then "a"
                0x00), CLIENT, MALFORMED_PACKET, "UTF-8");
    }

    @Test
    void invalidUtf8IsMalformedInEveryKindOfStringField() {
        assertRejected(bytes(
                0xE0,       // DISCONNECT
                0x07,       // Remaining Length 7
                0x00,       // reason code Normal disconnection
                0x05,       // property length 5
                0x1F, 0x00, 0x02, 0x6F, 0x00), // Reason String "o", U+0000
                CLIENT, MALFORMED_PACKET, "Reason String", "UTF-8");
        assertRejected(bytes(
                0x20,       // CONNACK
                0x09,       // Remaining Length 9
                0x00, 0x00, // acknowledge flags, reason code Success
                0x06,       // property length 6
                0x12, 0x00, 0x03, 0xED, 0xA0, 0x80), // Assigned Client Identifier U+D800
                CLIENT, MALFORMED_PACKET, "Assigned Client Identifier", "UTF-8");
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x0C,       // Remaining Length 12
                0x00, 0x01, 0x61, // topic "a"
                0x08,       // property length 8
                0x26, 0x00, 0x01, 0x6B, // User Property name "k"
                0x00, 0x02, 0xC0, 0xAF), // User Property value: overlong "/"
                CLIENT, MALFORMED_PACKET, "User Property value", "UTF-8");
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, 0x80, // topic filter: a stray continuation byte
                0x00),      // subscription options
                SERVER, MALFORMED_PACKET, "topic filter", "UTF-8");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0E,       // Remaining Length 14
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05,       // protocol version 5
                0x02,       // connect flags: Clean Start
                0x00, 0x3C, // keep alive 60
                0x00,       // property length 0
                0x00, 0x01, 0xF8), // client identifier: byte F8
                SERVER, MALFORMED_PACKET, "client identifier", "UTF-8");
    }

    // ---------------------------------------------------------------- properties (2.2.2)

    @Test
    void anUnknownPropertyIdentifierIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x06,       // Remaining Length 6
                0x00, 0x01, 0x61, // topic "a"
                0x02,       // property length 2
                0x04, 0x00), // property 0x04: not defined
                CLIENT, MALFORMED_PACKET, "unknown property", "0x4");
        assertRejected(bytes(
                0x40,       // PUBACK
                0x05,       // Remaining Length 5
                0x00, 0x01, // packet identifier 1
                0x00,       // reason code Success
                0x01,       // property length 1
                0x00),      // property 0x00: not defined
                CLIENT, MALFORMED_PACKET, "unknown property", "0x0");
        assertRejected(bytes(
                0x20,       // CONNACK
                0x05,       // Remaining Length 5
                0x00, 0x00, // acknowledge flags, reason code Success
                0x02,       // property length 2
                0x80, 0x01), // property identifier 128 (a two-byte variable byte integer)
                CLIENT, MALFORMED_PACKET, "unknown property", "0x80");
    }

    @Test
    void aPropertyIdentifierNotInShortestFormIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x07,       // Remaining Length 7
                0x00, 0x01, 0x61, // topic "a"
                0x03,       // property length 3
                0x81, 0x00, // property identifier 1 in two bytes
                0x00),      // (Payload Format Indicator value)
                CLIENT, MALFORMED_PACKET, "property identifier", "variable byte integer");
    }

    @Test
    void aPropertyNotAllowedOnThePacketTypeIsMalformed() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x09,       // Remaining Length 9
                0x00, 0x01, 0x61, // topic "a"
                0x05,       // property length 5
                0x11, 0x00, 0x00, 0x00, 0x0A), // Session Expiry Interval: a CONNECT/CONNACK/DISCONNECT property
                CLIENT, MALFORMED_PACKET, "Session Expiry Interval", "not allowed on PUBLISH");
        assertRejected(bytes(
                0x40,       // PUBACK
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x00,       // reason code Success
                0x03,       // property length 3
                0x23, 0x00, 0x01), // Topic Alias: a PUBLISH property
                CLIENT, MALFORMED_PACKET, "Topic Alias", "not allowed on PUBACK");
        assertRejected(bytes(
                0x20,       // CONNACK
                0x05,       // Remaining Length 5
                0x00, 0x00, // acknowledge flags, reason code Success
                0x02,       // property length 2
                0x17, 0x01), // Request Problem Information: a CONNECT property
                CLIENT, MALFORMED_PACKET, "Request Problem Information", "not allowed on CONNACK");
        assertRejected(bytes(
                0xE0,       // DISCONNECT
                0x05,       // Remaining Length 5
                0x00,       // reason code Normal disconnection
                0x03,       // property length 3
                0x21, 0x00, 0x0A), // Receive Maximum
                CLIENT, MALFORMED_PACKET, "Receive Maximum", "not allowed on DISCONNECT");
        assertRejected(bytes(
                0x90,       // SUBACK
                0x06,       // Remaining Length 6
                0x00, 0x01, // packet identifier 1
                0x02,       // property length 2
                0x01, 0x00, // Payload Format Indicator
                0x00),      // reason code Granted QoS 0
                CLIENT, MALFORMED_PACKET, "Payload Format Indicator", "not allowed on SUBACK");
        assertRejected(bytes(
                0xF0,       // AUTH
                0x08,       // Remaining Length 8
                0x18,       // reason code Continue authentication
                0x06,       // property length 6
                0x15, 0x00, 0x01, 0x6D, // Authentication Method "m"
                0x24, 0x01), // Maximum QoS
                CLIENT, MALFORMED_PACKET, "Maximum QoS", "not allowed on AUTH");
    }

    @Test
    void aPropertyAppearingTwiceIsAProtocolError() {
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x0E,       // Remaining Length 14
                0x00, 0x01, 0x61, // topic "a"
                0x0A,       // property length 10
                0x02, 0x00, 0x00, 0x00, 0x01, // Message Expiry Interval 1
                0x02, 0x00, 0x00, 0x00, 0x02), // Message Expiry Interval 2
                CLIENT, PROTOCOL_ERROR, "Message Expiry Interval", "more than once");
        assertRejected(bytes(
                0x20,       // CONNACK
                0x0B,       // Remaining Length 11
                0x00, 0x00, // acknowledge flags, reason code Success
                0x08,       // property length 8
                0x1F, 0x00, 0x01, 0x78, // Reason String "x"
                0x1F, 0x00, 0x01, 0x79), // Reason String "y"
                CLIENT, PROTOCOL_ERROR, "Reason String", "more than once");
        assertRejected(bytes(
                0x40,       // PUBACK
                0x0C,       // Remaining Length 12
                0x00, 0x01, // packet identifier 1
                0x00,       // reason code Success
                0x08,       // property length 8
                0x1F, 0x00, 0x01, 0x78, // Reason String "x"
                0x1F, 0x00, 0x01, 0x78), // Reason String "x" again
                CLIENT, PROTOCOL_ERROR, "Reason String", "more than once");
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x0A,       // Remaining Length 10
                0x00, 0x01, 0x61, // topic "a"
                0x06,       // property length 6
                0x23, 0x00, 0x01, // Topic Alias 1
                0x23, 0x00, 0x02), // Topic Alias 2
                CLIENT_ALIASES_10, PROTOCOL_ERROR, "Topic Alias", "more than once");
        assertRejected(bytes(
                0xE0,       // DISCONNECT
                0x0C,       // Remaining Length 12
                0x00,       // reason code Normal disconnection
                0x0A,       // property length 10
                0x1C, 0x00, 0x02, 0x73, 0x31, // Server Reference "s1"
                0x1C, 0x00, 0x02, 0x73, 0x32), // Server Reference "s2"
                CLIENT, PROTOCOL_ERROR, "Server Reference", "more than once");
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x0B,       // Remaining Length 11
                0x00, 0x01, // packet identifier 1
                0x04,       // property length 4
                0x0B, 0x01, // Subscription Identifier 1
                0x0B, 0x02, // Subscription Identifier 2: only a server's PUBLISH may repeat it
                0x00, 0x01, 0x61, // topic filter "a"
                0x00),      // subscription options
                SERVER, PROTOCOL_ERROR, "Subscription Identifier", "more than once");
    }

    // ---------------------------------------------------------------- who may send what (Table 2-1)

    @Test
    void aServerSendingAPacketOnlyAClientMaySendIsAProtocolError() {
        assertRejected(bytes(
                0x10,       // CONNECT
                0x0E,       // Remaining Length 14
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05, 0x02, // version 5, Clean Start
                0x00, 0x3C, // keep alive 60
                0x00,       // property length 0
                0x00, 0x01, 0x63), // client identifier "c"
                CLIENT, PROTOCOL_ERROR, "server must not send CONNECT");
        assertRejected(bytes(
                0x82,       // SUBSCRIBE
                0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x00),
                CLIENT, PROTOCOL_ERROR, "server must not send SUBSCRIBE");
        assertRejected(bytes(
                0xA2,       // UNSUBSCRIBE
                0x06, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61),
                CLIENT, PROTOCOL_ERROR, "server must not send UNSUBSCRIBE");
        assertRejected(bytes(
                0xC0,       // PINGREQ
                0x00),      // Remaining Length 0
                CLIENT, PROTOCOL_ERROR, "server must not send PINGREQ");
    }

    @Test
    void aClientSendingAPacketOnlyAServerMaySendIsAProtocolError() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x03,       // Remaining Length 3
                0x00, 0x00, 0x00), // flags, Success, property length 0
                SERVER, PROTOCOL_ERROR, "client must not send CONNACK");
        assertRejected(bytes(
                0x90,       // SUBACK
                0x04, 0x00, 0x01, 0x00, 0x00),
                SERVER, PROTOCOL_ERROR, "client must not send SUBACK");
        assertRejected(bytes(
                0xB0,       // UNSUBACK
                0x04, 0x00, 0x01, 0x00, 0x00),
                SERVER, PROTOCOL_ERROR, "client must not send UNSUBACK");
        assertRejected(bytes(
                0xD0,       // PINGRESP
                0x00),      // Remaining Length 0
                SERVER, PROTOCOL_ERROR, "client must not send PINGRESP");
    }

    // ---------------------------------------------------------------- Maximum Packet Size (3.1.2.11.4)

    @Test
    void aPacketLargerThanTheMaximumPacketSizeIsRefusedAsSoonAsItsLengthArrives() throws DecodeException {
        DecoderSettings max100 = DecoderSettings.client(100, 0, true);
        // Only the fixed header has arrived: PUBLISH, Remaining Length 99 → 101 bytes in all.
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0x63),      // Remaining Length 99: 1 + 1 + 99 = 101 > 100
                max100, PACKET_TOO_LARGE, "Maximum Packet Size");
        // A 4-byte Remaining Length of 268,435,455 is refused before a single byte of the body.
        assertRejected(bytes(
                0x30,       // PUBLISH QoS 0
                0xFF, 0xFF, 0xFF, 0x7F), // Remaining Length 268,435,455
                DecoderSettings.client(1_000_000, 0, true), PACKET_TOO_LARGE, "Maximum Packet Size");
        // The same on a server's decoder, for a CONNECT claiming 200 MiB.
        assertRejected(bytes(
                0x10,       // CONNECT
                0x80, 0x80, 0x80, 0x64), // Remaining Length 209,715,200 (100 * 128^3)
                DecoderSettings.server(65_536, 0), PACKET_TOO_LARGE, "Maximum Packet Size");

        // And it is raised by the call that completes the Remaining Length, not later.
        MqttPacketDecoder decoder = new MqttPacketDecoder(DecoderSettings.client(1_000_000, 0, true));
        ByteBuf in = Unpooled.buffer(8);
        try {
            in.writeByte(0x30).writeByte(0xFF).writeByte(0xFF).writeByte(0xFF);
            assertThat(decoder.decode(in)).as("three of four length bytes").isNull();
            assertThat(in.readerIndex()).isZero();
            in.writeByte(0x7F);
            try {
                decoder.decode(in);
                fail("the fourth length byte completes a 268 MB length: must be refused now");
            } catch (DecodeException e) {
                assertThat(e.isUnexpected()).isFalse();
                assertThat(e.reasonCode()).isEqualTo(PACKET_TOO_LARGE);
            }
        } finally {
            in.release();
        }
    }

    @Test
    void theMaximumPacketSizeCountsTheFixedHeader() {
        // 1 + 1 + 99 = 101 bytes against a maximum of 100: too large although the body is 99.
        byte[] packet = new byte[101];
        packet[0] = 0x30;  // PUBLISH QoS 0
        packet[1] = 99;    // Remaining Length 99
        packet[2] = 0x00;  // topic length 1
        packet[3] = 0x01;
        packet[4] = 0x61;  // "a"
        packet[5] = 0x00;  // property length 0, then 94 bytes of payload
        assertRejected(packet, DecoderSettings.client(100, 0, true), PACKET_TOO_LARGE, "101");
    }
}
