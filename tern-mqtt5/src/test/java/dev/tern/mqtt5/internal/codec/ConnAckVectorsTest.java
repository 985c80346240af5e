package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.QoS;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static dev.tern.mqtt5.internal.codec.VectorSupport.CLIENT;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertDecodes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertRoundTrip;
import static dev.tern.mqtt5.internal.codec.VectorSupport.repeat;

/**
 * CONNACK (MQTT 5.0 section 3.2): Connect Acknowledge Flags (bit 0 Session Present, 3.2.2.1), Connect
 * Reason Code (3.2.2.2), Property Length and properties (3.2.2.3); no payload. The Property Length is
 * always there. A client decodes CONNACK, so vectors are decoded with a client-side decoder.
 */
class ConnAckVectorsTest {

    @Test
    void aSuccessfulConnAckWithoutPropertiesIsThreeBytesLong() {
        byte[] wire = bytes(
                0x20, 0x03,          // CONNACK, remaining length 3
                0x00,                // acknowledge flags: no Session Present
                0x00,                // reason code 0x00 Success
                0x00);               // property length 0
        assertRoundTrip(ConnAckPacket.builder().build(), wire, CLIENT);
    }

    @Test
    void aConnAckWithSessionPresentSetsBitZero() {
        byte[] wire = bytes(
                0x20, 0x03,          // CONNACK, remaining length 3
                0x01,                // acknowledge flags: Session Present
                0x00,                // reason code 0x00 Success
                0x00);               // property length 0
        assertRoundTrip(ConnAckPacket.builder().sessionPresent(true).build(), wire, CLIENT);
    }

    @Test
    void aRefusingConnAckWithoutPropertiesStillHasAPropertyLength() {
        byte[] wire = bytes(
                0x20, 0x03,          // CONNACK, remaining length 3
                0x00,                // acknowledge flags: no Session Present
                0x87,                // reason code 0x87 Not authorized
                0x00);               // property length 0
        assertRoundTrip(ConnAckPacket.builder().reasonCode(ConnectReasonCode.NOT_AUTHORIZED).build(), wire, CLIENT);
    }

    private static final ConnAckPacket WITH_EVERY_PROPERTY = ConnAckPacket.builder()
            .sessionPresent(true)
            .sessionExpiryIntervalSeconds(3600L)
            .receiveMaximum(10)
            .maximumQoS(QoS.AT_LEAST_ONCE)
            .retainAvailable(false)
            .maximumPacketSize(65_535L)
            .assignedClientIdentifier("auto-1")
            .topicAliasMaximum(8)
            .reasonString("welcome")
            .userProperty("n", "1")
            .userProperty("n", "2")
            .wildcardSubscriptionsAvailable(false)
            .subscriptionIdentifiersAvailable(false)
            .sharedSubscriptionsAvailable(true)
            .serverKeepAliveSeconds(30)
            .responseInformation("resp")
            .serverReference("other")
            .authenticationMethod("SCRM")
            .authenticationData(new byte[] {(byte) 0xAB, (byte) 0xCD})
            .build();

    @Test
    void aConnAckWithEveryPropertyRoundTrips() {
        byte[] wire = bytes(
                0x20, 0x5C,          // CONNACK, remaining length 92
                0x01,                // acknowledge flags: Session Present
                0x00,                // reason code 0x00 Success
                0x59,                // property length 89
                0x11, 0x00, 0x00, 0x0E, 0x10, // Session Expiry Interval 3600
                0x21, 0x00, 0x0A,    // Receive Maximum 10
                0x24, 0x01,          // Maximum QoS 1
                0x25, 0x00,          // Retain Available 0
                0x27, 0x00, 0x00, 0xFF, 0xFF, // Maximum Packet Size 65,535
                0x12, 0x00, 0x06, 'a', 'u', 't', 'o', '-', '1', // Assigned Client Identifier "auto-1"
                0x22, 0x00, 0x08,    // Topic Alias Maximum 8
                0x1F, 0x00, 0x07, 'w', 'e', 'l', 'c', 'o', 'm', 'e', // Reason String "welcome"
                0x26, 0x00, 0x01, 'n', 0x00, 0x01, '1', // User Property n=1
                0x26, 0x00, 0x01, 'n', 0x00, 0x01, '2', // User Property n=2 (same name, order kept)
                0x28, 0x00,          // Wildcard Subscription Available 0
                0x29, 0x00,          // Subscription Identifiers Available 0
                0x2A, 0x01,          // Shared Subscription Available 1
                0x13, 0x00, 0x1E,    // Server Keep Alive 30
                0x1A, 0x00, 0x04, 'r', 'e', 's', 'p', // Response Information "resp"
                0x1C, 0x00, 0x05, 'o', 't', 'h', 'e', 'r', // Server Reference "other"
                0x15, 0x00, 0x04, 'S', 'C', 'R', 'M', // Authentication Method "SCRM"
                0x16, 0x00, 0x02, 0xAB, 0xCD); // Authentication Data AB CD
        assertRoundTrip(WITH_EVERY_PROPERTY, wire, CLIENT);
    }

    @Test
    void aConnAckWithItsPropertiesReversedDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x20, 0x5C,          // CONNACK, remaining length 92
                0x01,                // acknowledge flags: Session Present
                0x00,                // reason code 0x00 Success
                0x59,                // property length 89
                0x16, 0x00, 0x02, 0xAB, 0xCD, // Authentication Data AB CD
                0x15, 0x00, 0x04, 'S', 'C', 'R', 'M', // Authentication Method "SCRM"
                0x1C, 0x00, 0x05, 'o', 't', 'h', 'e', 'r', // Server Reference "other"
                0x1A, 0x00, 0x04, 'r', 'e', 's', 'p', // Response Information "resp"
                0x13, 0x00, 0x1E,    // Server Keep Alive 30
                0x2A, 0x01,          // Shared Subscription Available 1
                0x29, 0x00,          // Subscription Identifiers Available 0
                0x28, 0x00,          // Wildcard Subscription Available 0
                0x26, 0x00, 0x01, 'n', 0x00, 0x01, '1', // User Property n=1 (user properties keep their order)
                0x26, 0x00, 0x01, 'n', 0x00, 0x01, '2', // User Property n=2
                0x1F, 0x00, 0x07, 'w', 'e', 'l', 'c', 'o', 'm', 'e', // Reason String "welcome"
                0x22, 0x00, 0x08,    // Topic Alias Maximum 8
                0x12, 0x00, 0x06, 'a', 'u', 't', 'o', '-', '1', // Assigned Client Identifier "auto-1"
                0x27, 0x00, 0x00, 0xFF, 0xFF, // Maximum Packet Size 65,535
                0x25, 0x00,          // Retain Available 0
                0x24, 0x01,          // Maximum QoS 1
                0x21, 0x00, 0x0A,    // Receive Maximum 10
                0x11, 0x00, 0x00, 0x0E, 0x10); // Session Expiry Interval 3600
        assertDecodes(wire, WITH_EVERY_PROPERTY, CLIENT);
    }

    @Test
    void capabilitiesSentWithTheirDefaultValuesStayPresent() {
        byte[] wire = bytes(
                0x20, 0x18,          // CONNACK, remaining length 24
                0x00,                // acknowledge flags: no Session Present
                0x00,                // reason code 0x00 Success
                0x15,                // property length 21
                0x11, 0x00, 0x00, 0x00, 0x00, // Session Expiry Interval 0
                0x21, 0xFF, 0xFF,    // Receive Maximum 65,535 (the default, but sent)
                0x24, 0x00,          // Maximum QoS 0
                0x25, 0x01,          // Retain Available 1 (the default, but sent)
                0x22, 0x00, 0x00,    // Topic Alias Maximum 0 (the default, but sent)
                0x28, 0x01,          // Wildcard Subscription Available 1 (the default, but sent)
                0x29, 0x01,          // Subscription Identifiers Available 1 (the default, but sent)
                0x2A, 0x01);         // Shared Subscription Available 1 (the default, but sent)
        ConnAckPacket packet = ConnAckPacket.builder()
                .sessionExpiryIntervalSeconds(0L)
                .receiveMaximum(65_535)
                .maximumQoS(QoS.AT_MOST_ONCE)
                .retainAvailable(true)
                .topicAliasMaximum(0)
                .wildcardSubscriptionsAvailable(true)
                .subscriptionIdentifiersAvailable(true)
                .sharedSubscriptionsAvailable(true)
                .build();
        assertRoundTrip(packet, wire, CLIENT);
    }

    @Test
    void aRedirectingConnAckCarriesANonAsciiReasonStringAndAServerReference() {
        byte[] wire = bytes(
                0x20, 0x1C,          // CONNACK, remaining length 28
                0x00,                // acknowledge flags: no Session Present
                0x9C,                // reason code 0x9C Use another server
                0x19,                // property length 25
                0x1F, 0x00, 0x05, 'M', 0xC3, 0xBC, 'l', 'l', // Reason String "Müll"
                0x1C, 0x00, 0x0E,    // Server Reference, length 14:
                'b', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', ':', '1', '8', '8', '3'); // "b.example:1883"
        ConnAckPacket packet = ConnAckPacket.builder()
                .reasonCode(ConnectReasonCode.USE_ANOTHER_SERVER)
                .reasonString("Müll")
                .serverReference("b.example:1883")
                .build();
        assertRoundTrip(packet, wire, CLIENT);
    }

    @Test
    void aConnAckWith133BytesOfPropertiesHasTwoByteLengths() {
        // property length 1 + 2 + 130 = 133 = 5 + 1 * 128 -> 85 01
        // remaining length 2 + 2 + 133 = 137 = 9 + 1 * 128 -> 89 01
        byte[] wire = concat(bytes(
                0x20, 0x89, 0x01,    // CONNACK, remaining length 137
                0x00,                // acknowledge flags: no Session Present
                0x80,                // reason code 0x80 Unspecified error
                0x85, 0x01,          // property length 133
                0x1F, 0x00, 0x82),   // Reason String, length 130 ...
                repeat('e', 130));   // ... 130 times 'e'
        ConnAckPacket packet = ConnAckPacket.builder()
                .reasonCode(ConnectReasonCode.UNSPECIFIED_ERROR)
                .reasonString("e".repeat(130))
                .build();
        assertRoundTrip(packet, wire, CLIENT);
    }
}
