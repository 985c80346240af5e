package dev.tern.mqtt5.internal.codec;

import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT_NO_PROBLEM_INFO;
import static dev.tern.mqtt5.internal.codec.Rejections.SERVER;
import static dev.tern.mqtt5.internal.codec.Rejections.assertRejected;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.MALFORMED_PACKET;
import static dev.tern.mqtt5.packets.DisconnectReasonCode.PROTOCOL_ERROR;

/**
 * Rejections of the packets a server sends and of the acknowledgements and control packets both sides
 * send: CONNACK (3.2), PUBACK/PUBREC/PUBREL/PUBCOMP (3.4-3.7), SUBACK (3.9), UNSUBACK (3.11),
 * DISCONNECT (3.14) and AUTH (3.15).
 */
class DecoderServerPacketRejectionTest {

    // ---------------------------------------------------------------- CONNACK (3.2)

    @Test
    void connackAcknowledgeFlagsBits7To1AreReservedAndMalformed() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x03,       // Remaining Length 3
                0x02,       // acknowledge flags: bit 1 set
                0x00,       // reason code Success
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "acknowledge flags", "reserved");
        assertRejected(bytes(0x20, 0x03,
                0x81,       // acknowledge flags: bit 7 and Session Present
                0x00, 0x00),
                CLIENT, MALFORMED_PACKET, "acknowledge flags", "reserved");
    }

    @Test
    void aConnackReasonCodeNotDefinedForConnackIsMalformed() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x03,       // Remaining Length 3
                0x00,       // acknowledge flags
                0x04,       // reason code 0x04: not a CONNACK code
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "0x4", "CONNACK reason code");
        assertRejected(bytes(0x20, 0x03, 0x00,
                0x8D,       // 0x8D Keep Alive timeout: a DISCONNECT code, not a CONNACK code
                0x00),
                CLIENT, MALFORMED_PACKET, "0x8d", "CONNACK reason code");
    }

    @Test
    void aConnackWithSessionPresentAndAnErrorReasonCodeIsAProtocolError() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x03,       // Remaining Length 3
                0x01,       // acknowledge flags: Session Present
                0x80,       // reason code Unspecified error
                0x00),      // property length 0
                CLIENT, PROTOCOL_ERROR, "Session Present");
        assertRejected(bytes(0x20, 0x03, 0x01,
                0x87,       // Not authorized
                0x00),
                CLIENT, PROTOCOL_ERROR, "Session Present");
    }

    @Test
    void aConnackInTheMqtt311LayoutIsMalformedAndSaysSo() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x02,       // Remaining Length 2: no property length
                0x00,       // acknowledge flags
                0x00),      // return code 0
                CLIENT, MALFORMED_PACKET, "3.1.1");
    }

    @Test
    void aBooleanPropertyOtherThan0Or1IsAProtocolError() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x05,       // Remaining Length 5
                0x00, 0x00, // acknowledge flags, reason code Success
                0x02,       // property length 2
                0x25, 0x02), // Retain Available 2
                CLIENT, PROTOCOL_ERROR, "Retain Available", "0 or 1");
        assertRejected(bytes(0x20, 0x05, 0x00, 0x00, 0x02,
                0x28, 0xFF), // Wildcard Subscription Available 255
                CLIENT, PROTOCOL_ERROR, "Wildcard Subscription Available", "0 or 1");
        assertRejected(bytes(0x20, 0x05, 0x00, 0x00, 0x02,
                0x29, 0x02), // Subscription Identifier Available 2
                CLIENT, PROTOCOL_ERROR, "Subscription Identifier Available", "0 or 1");
        assertRejected(bytes(0x20, 0x05, 0x00, 0x00, 0x02,
                0x2A, 0x80), // Shared Subscription Available 128
                CLIENT, PROTOCOL_ERROR, "Shared Subscription Available", "0 or 1");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x10,       // Remaining Length 16
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05,       // protocol version 5
                0x02,       // connect flags: Clean Start
                0x00, 0x3C, // keep alive 60
                0x02,       // property length 2
                0x17, 0x02, // Request Problem Information 2
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, PROTOCOL_ERROR, "Request Problem Information", "0 or 1");
        assertRejected(bytes(0x10, 0x10, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3C, 0x02,
                0x19, 0x02, // Request Response Information 2
                0x00, 0x01, 0x63),
                SERVER, PROTOCOL_ERROR, "Request Response Information", "0 or 1");
    }

    @Test
    void aReceiveMaximumOf0IsAProtocolError() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x06,       // Remaining Length 6
                0x00, 0x00, // acknowledge flags, reason code Success
                0x03,       // property length 3
                0x21, 0x00, 0x00), // Receive Maximum 0
                CLIENT, PROTOCOL_ERROR, "Receive Maximum", "0");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x11,       // Remaining Length 17
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05, 0x02, // version 5, Clean Start
                0x00, 0x3C, // keep alive 60
                0x03,       // property length 3
                0x21, 0x00, 0x00, // Receive Maximum 0
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, PROTOCOL_ERROR, "Receive Maximum", "0");
    }

    @Test
    void aMaximumPacketSizeOf0IsAProtocolError() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x08,       // Remaining Length 8
                0x00, 0x00, // acknowledge flags, reason code Success
                0x05,       // property length 5
                0x27, 0x00, 0x00, 0x00, 0x00), // Maximum Packet Size 0
                CLIENT, PROTOCOL_ERROR, "Maximum Packet Size", "0");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x13,       // Remaining Length 19
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3C,
                0x05,       // property length 5
                0x27, 0x00, 0x00, 0x00, 0x00, // Maximum Packet Size 0
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, PROTOCOL_ERROR, "Maximum Packet Size", "0");
    }

    @Test
    void aMaximumQosOtherThan0Or1IsAProtocolError() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x05,       // Remaining Length 5
                0x00, 0x00, // acknowledge flags, reason code Success
                0x02,       // property length 2
                0x24, 0x02), // Maximum QoS 2 (absent means 2; sending 2 is an error)
                CLIENT, PROTOCOL_ERROR, "Maximum QoS", "0 or 1");
    }

    @Test
    void authenticationDataWithoutAnAuthenticationMethodIsAProtocolError() {
        assertRejected(bytes(
                0x20,       // CONNACK
                0x07,       // Remaining Length 7
                0x00, 0x00, // acknowledge flags, reason code Success
                0x04,       // property length 4
                0x16, 0x00, 0x01, 0xAA), // Authentication Data, 1 byte; no Authentication Method
                CLIENT, PROTOCOL_ERROR, "Authentication Data", "Authentication Method");
        assertRejected(bytes(
                0x10,       // CONNECT
                0x12,       // Remaining Length 18
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3C,
                0x04,       // property length 4
                0x16, 0x00, 0x01, 0xAA, // Authentication Data; no Authentication Method
                0x00, 0x01, 0x63), // client identifier "c"
                SERVER, PROTOCOL_ERROR, "Authentication Data", "Authentication Method");
    }

    // ---------------------------------------------------------------- PUBACK, PUBREC, PUBREL, PUBCOMP

    @Test
    void anAcknowledgementWithPacketIdentifier0IsAProtocolError() {
        assertRejected(bytes(
                0x40,       // PUBACK
                0x02,       // Remaining Length 2
                0x00, 0x00), // packet identifier 0
                CLIENT, PROTOCOL_ERROR, "PUBACK packet identifier", "0");
        assertRejected(bytes(0x50, 0x02, 0x00, 0x00), // PUBREC, packet identifier 0
                SERVER, PROTOCOL_ERROR, "PUBREC packet identifier", "0");
        assertRejected(bytes(0x62, 0x02, 0x00, 0x00), // PUBREL, packet identifier 0
                CLIENT, PROTOCOL_ERROR, "PUBREL packet identifier", "0");
        assertRejected(bytes(0x70, 0x02, 0x00, 0x00), // PUBCOMP, packet identifier 0
                SERVER, PROTOCOL_ERROR, "PUBCOMP packet identifier", "0");
        assertRejected(bytes(
                0x90,       // SUBACK
                0x04,       // Remaining Length 4
                0x00, 0x00, // packet identifier 0
                0x00,       // property length 0
                0x00),      // reason code Granted QoS 0
                CLIENT, PROTOCOL_ERROR, "SUBACK packet identifier", "0");
        assertRejected(bytes(0xB0, 0x04, 0x00, 0x00, 0x00, 0x00), // UNSUBACK, packet identifier 0
                CLIENT, PROTOCOL_ERROR, "UNSUBACK packet identifier", "0");
    }

    @Test
    void aPubackPubrecPubrelOrPubcompReasonCodeNotDefinedForItsTypeIsMalformed() {
        assertRejected(bytes(
                0x40,       // PUBACK
                0x03,       // Remaining Length 3: reason code, no property length
                0x00, 0x01, // packet identifier 1
                0x05),      // reason code 0x05: defined nowhere
                CLIENT, MALFORMED_PACKET, "0x5", "PUBACK reason code");
        assertRejected(bytes(0x40, 0x03, 0x00, 0x01,
                0x92),      // Packet Identifier not found: a PUBREL/PUBCOMP code
                CLIENT, MALFORMED_PACKET, "0x92", "PUBACK reason code");
        assertRejected(bytes(0x50, 0x03, 0x00, 0x01,
                0x92),      // PUBREC: Packet Identifier not found is not a PUBREC code
                CLIENT, MALFORMED_PACKET, "0x92", "PUBREC reason code");
        assertRejected(bytes(0x62, 0x03, 0x00, 0x01,
                0x10),      // PUBREL: No matching subscribers is a PUBACK/PUBREC code
                CLIENT, MALFORMED_PACKET, "0x10", "PUBREL reason code");
        assertRejected(bytes(0x70, 0x03, 0x00, 0x01,
                0x80),      // PUBCOMP: only 0x00 and 0x92 exist
                SERVER, MALFORMED_PACKET, "0x80", "PUBCOMP reason code");
        assertRejected(bytes(
                0x40,       // PUBACK
                0x04,       // Remaining Length 4
                0x00, 0x01, // packet identifier 1
                0x81,       // reason code 0x81: not a PUBACK code
                0x00),      // property length 0
                CLIENT, MALFORMED_PACKET, "0x81", "PUBACK reason code");
    }

    @Test
    void problemInformationOnAQosAcknowledgementAfterRequestProblemInformation0IsAProtocolError() {
        assertRejected(bytes(
                0x40,       // PUBACK
                0x08,       // Remaining Length 8
                0x00, 0x01, // packet identifier 1
                0x00,       // reason code Success
                0x04,       // property length 4
                0x1F, 0x00, 0x01, 0x78), // Reason String "x"
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "PUBACK", "Request Problem Information");
        assertRejected(bytes(
                0x50,       // PUBREC
                0x0A,       // Remaining Length 10
                0x00, 0x01, // packet identifier 1
                0x10,       // reason code No matching subscribers
                0x06,       // property length 6
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x00), // User Property "k" = ""
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "PUBREC", "Request Problem Information");
        assertRejected(bytes(
                0x62,       // PUBREL
                0x0A, 0x00, 0x01,
                0x92,       // reason code Packet Identifier not found
                0x06, 0x26, 0x00, 0x01, 0x6B, 0x00, 0x00), // User Property "k" = ""
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "PUBREL", "Request Problem Information");
        assertRejected(bytes(
                0x70,       // PUBCOMP
                0x08, 0x00, 0x01,
                0x00,       // reason code Success
                0x04, 0x1F, 0x00, 0x01, 0x78), // Reason String "x"
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "PUBCOMP", "Request Problem Information");
    }

    // ---------------------------------------------------------------- SUBACK, UNSUBACK

    @Test
    void aSubackOrUnsubackWithoutAnyReasonCodeIsAProtocolError() {
        assertRejected(bytes(
                0x90,       // SUBACK
                0x03,       // Remaining Length 3
                0x00, 0x01, // packet identifier 1
                0x00),      // property length 0, and no reason code
                CLIENT, PROTOCOL_ERROR, "SUBACK", "at least one reason code");
        assertRejected(bytes(
                0x90,       // SUBACK
                0x07,       // Remaining Length 7
                0x00, 0x01, // packet identifier 1
                0x04,       // property length 4
                0x1F, 0x00, 0x01, 0x78), // Reason String "x", and no reason code
                CLIENT, PROTOCOL_ERROR, "SUBACK", "at least one reason code");
        assertRejected(bytes(
                0xB0,       // UNSUBACK
                0x03,       // Remaining Length 3
                0x00, 0x01, // packet identifier 1
                0x00),      // property length 0, and no reason code
                CLIENT, PROTOCOL_ERROR, "UNSUBACK", "at least one reason code");
    }

    @Test
    void aSubackOrUnsubackReasonCodeNotDefinedForItsTypeIsMalformed() {
        assertRejected(bytes(
                0x90,       // SUBACK
                0x04,       // Remaining Length 4
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x03),      // reason code 0x03 (a "Granted QoS 3" does not exist)
                CLIENT, MALFORMED_PACKET, "0x3", "SUBACK reason code");
        assertRejected(bytes(
                0x90,       // SUBACK
                0x06,       // Remaining Length 6
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x00, 0x01, // Granted QoS 0, Granted QoS 1
                0x11),      // No subscription existed: an UNSUBACK code
                CLIENT, MALFORMED_PACKET, "0x11", "SUBACK reason code");
        assertRejected(bytes(
                0xB0,       // UNSUBACK
                0x04,       // Remaining Length 4
                0x00, 0x01, // packet identifier 1
                0x00,       // property length 0
                0x02),      // Granted QoS 2: a SUBACK code
                CLIENT, MALFORMED_PACKET, "0x2", "UNSUBACK reason code");
    }

    @Test
    void problemInformationOnASubackOrUnsubackAfterRequestProblemInformation0IsAProtocolError() {
        assertRejected(bytes(
                0x90,       // SUBACK
                0x08,       // Remaining Length 8
                0x00, 0x01, // packet identifier 1
                0x04,       // property length 4
                0x1F, 0x00, 0x01, 0x78, // Reason String "x"
                0x00),      // reason code Granted QoS 0
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "SUBACK", "Request Problem Information");
        assertRejected(bytes(
                0xB0,       // UNSUBACK
                0x0A,       // Remaining Length 10
                0x00, 0x01, // packet identifier 1
                0x06,       // property length 6
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x00, // User Property "k" = ""
                0x00),      // reason code Success
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "UNSUBACK", "Request Problem Information");
    }

    // ---------------------------------------------------------------- DISCONNECT (3.14)

    @Test
    void aDisconnectReasonCodeNotDefinedIsMalformed() {
        assertRejected(bytes(
                0xE0,       // DISCONNECT
                0x01,       // Remaining Length 1: reason code only
                0x01),      // 0x01: not a DISCONNECT code
                CLIENT, MALFORMED_PACKET, "0x1", "DISCONNECT reason code");
        assertRejected(bytes(0xE0, 0x01,
                0x84),      // Unsupported Protocol Version: a CONNACK code only
                CLIENT, MALFORMED_PACKET, "0x84", "DISCONNECT reason code");
        assertRejected(bytes(0xE0, 0x01,
                0x91),      // Packet Identifier in use: an acknowledgement code
                SERVER, MALFORMED_PACKET, "0x91", "DISCONNECT reason code");
    }

    @Test
    void aServerSendingDisconnectWithWillMessageIsAProtocolError() {
        assertRejected(bytes(
                0xE0,       // DISCONNECT
                0x01,       // Remaining Length 1
                0x04),      // Disconnect with Will Message: only a client sends it
                CLIENT, PROTOCOL_ERROR, "server");
    }

    @Test
    void aClientSendingAServerOnlyDisconnectReasonCodeIsAProtocolError() {
        int[] serverOnly = {
            0x87, // Not authorized
            0x89, // Server busy
            0x8B, // Server shutting down
            0x8D, // Keep Alive timeout
            0x8E, // Session taken over
            0x8F, // Topic Filter invalid
            0x9A, // Retain not supported
            0x9B, // QoS not supported
            0x9C, // Use another server
            0x9D, // Server moved
            0x9E, // Shared Subscriptions not supported
            0x9F, // Connection rate exceeded
            0xA0, // Maximum connect time
            0xA1, // Subscription Identifiers not supported
            0xA2, // Wildcard Subscriptions not supported
        };
        for (int code : serverOnly) {
            assertRejected(bytes(
                    0xE0,   // DISCONNECT
                    0x01,   // Remaining Length 1
                    code),  // a code Table 3-10 gives to the server only
                    SERVER, PROTOCOL_ERROR, "client");
        }
    }

    @Test
    void aServerSendingSessionExpiryIntervalInDisconnectIsAProtocolError() {
        assertRejected(bytes(
                0xE0,       // DISCONNECT
                0x07,       // Remaining Length 7
                0x00,       // reason code Normal disconnection
                0x05,       // property length 5
                0x11, 0x00, 0x00, 0x00, 0x01), // Session Expiry Interval 1
                CLIENT, PROTOCOL_ERROR, "Session Expiry Interval");
    }

    // ---------------------------------------------------------------- AUTH (3.15)

    @Test
    void anAuthReasonCodeNotDefinedIsMalformed() {
        assertRejected(bytes(
                0xF0,       // AUTH
                0x01,       // Remaining Length 1
                0x01),      // 0x01: AUTH has only 0x00, 0x18 and 0x19
                CLIENT, MALFORMED_PACKET, "0x1", "AUTH reason code");
        assertRejected(bytes(
                0xF0,       // AUTH
                0x06,       // Remaining Length 6
                0x87,       // Not authorized: a CONNACK/DISCONNECT code, not an AUTH one
                0x04,       // property length 4
                0x15, 0x00, 0x01, 0x6D), // Authentication Method "m"
                SERVER, MALFORMED_PACKET, "0x87", "AUTH reason code");
    }

    @Test
    void aServerMayNotSendReauthenticate() {
        assertRejected(bytes(
                0xF0,       // AUTH
                0x06,       // Remaining Length 6
                0x19,       // Re-authenticate: sent by a client only (Table 3-13)
                0x04,       // property length 4
                0x15, 0x00, 0x01, 0x6D), // Authentication Method "m"
                CLIENT, PROTOCOL_ERROR, "REAUTHENTICATE", "client");
    }

    @Test
    void aClientMayNotSendAuthSuccess() {
        assertRejected(bytes(
                0xF0,       // AUTH
                0x00),      // Remaining Length 0: Success, sent by a server only (Table 3-13)
                SERVER, PROTOCOL_ERROR, "SUCCESS", "server");
        assertRejected(bytes(
                0xF0,       // AUTH
                0x06,       // Remaining Length 6
                0x00,       // Success
                0x04,       // property length 4
                0x15, 0x00, 0x01, 0x6D), // Authentication Method "m"
                SERVER, PROTOCOL_ERROR, "SUCCESS", "server");
    }

    @Test
    void anAuthWithPropertiesButNoAuthenticationMethodIsAProtocolError() {
        assertRejected(bytes(
                0xF0,       // AUTH
                0x05,       // Remaining Length 5
                0x18,       // Continue authentication
                0x03,       // property length 3
                0x16, 0x00, 0x00), // Authentication Data (empty); no Authentication Method
                CLIENT, PROTOCOL_ERROR, "Authentication Method");
        assertRejected(bytes(
                0xF0,       // AUTH
                0x06,       // Remaining Length 6
                0x00,       // Success
                0x04,       // property length 4
                0x1F, 0x00, 0x01, 0x78), // Reason String "x"; no Authentication Method
                CLIENT, PROTOCOL_ERROR, "Authentication Method");
        assertRejected(bytes(
                0xF0,       // AUTH
                0x02,       // Remaining Length 2
                0x19,       // Re-authenticate
                0x00),      // property length 0: no Authentication Method
                SERVER, PROTOCOL_ERROR, "Authentication Method");
    }

    @Test
    void problemInformationOnAnAuthAfterRequestProblemInformation0IsAProtocolError() {
        assertRejected(bytes(
                0xF0,       // AUTH
                0x0A,       // Remaining Length 10
                0x18,       // Continue authentication
                0x08,       // property length 8
                0x15, 0x00, 0x01, 0x6D, // Authentication Method "m"
                0x1F, 0x00, 0x01, 0x78), // Reason String "x"
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "AUTH", "Request Problem Information");
        assertRejected(bytes(
                0xF0,       // AUTH
                0x0C,       // Remaining Length 12
                0x18,       // Continue authentication
                0x0A,       // property length 10
                0x15, 0x00, 0x01, 0x6D, // Authentication Method "m"
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x00), // User Property "k" = ""
                CLIENT_NO_PROBLEM_INFO, PROTOCOL_ERROR, "AUTH", "Request Problem Information");
    }
}
