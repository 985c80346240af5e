package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PayloadFormatIndicator;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.WillMessage;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.SERVER;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertDecodes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertRoundTrip;

/**
 * CONNECT (MQTT 5.0 section 3.1): Protocol Name "MQTT", Protocol Version 5, Connect Flags, Keep Alive,
 * properties (3.1.2.11); then the payload: Client Identifier, Will Properties, Will Topic, Will Payload
 * (if the Will Flag is set), User Name, Password (if their flags are set) (3.1.3). Connect Flags
 * (3.1.2.3): bit 7 User Name, 6 Password, 5 Will Retain, 4-3 Will QoS, 2 Will Flag, 1 Clean Start,
 * 0 reserved. A server decodes CONNECT, so vectors are decoded with a server-side decoder.
 */
class ConnectVectorsTest {

    @Test
    void aMinimalConnectHasAnEmptyClientIdentifierAndNoProperties() {
        byte[] wire = bytes(
                0x10, 0x0D,          // CONNECT, remaining length 13
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0x02,                // connect flags: Clean Start
                0x00, 0x3C,          // keep alive 60 seconds
                0x00,                // property length 0
                0x00, 0x00);         // client identifier "" (server assigns one)
        assertRoundTrip(ConnectPacket.builder().build(), wire, SERVER);
    }

    @Test
    void theConnectOfTheSpecificationsVariableHeaderExampleRoundTrips() {
        // Section 3.1.2.12: flags 0xCE (User Name, Password, Will QoS 1, Will Flag, Clean Start),
        // Keep Alive 10, Session Expiry Interval 10; here completed with a payload.
        byte[] wire = bytes(
                0x10, 0x21,          // CONNECT, remaining length 33
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0xCE,                // connect flags 1100 1110
                0x00, 0x0A,          // keep alive 10
                0x05,                // property length 5
                0x11, 0x00, 0x00, 0x00, 0x0A, // Session Expiry Interval 10
                0x00, 0x02, 'c', '1', // client identifier "c1"
                0x00,                // will property length 0
                0x00, 0x01, 'w',     // will topic "w"
                0x00, 0x01, 'x',     // will payload "x"
                0x00, 0x01, 'u',     // user name "u"
                0x00, 0x01, 'p');    // password "p"
        ConnectPacket packet = ConnectPacket.builder()
                .clientId("c1")
                .keepAliveIntervalSeconds(10)
                .sessionExpiryIntervalSeconds(10L)
                .will(WillMessage.builder().topic("w").payload("x").qos(QoS.AT_LEAST_ONCE).build())
                .username("u")
                .password("p")
                .build();
        assertRoundTrip(packet, wire, SERVER);
    }

    private static final ConnectPacket WITH_EVERY_PROPERTY = ConnectPacket.builder()
            .clientId("tern-1")
            .cleanStart(false)
            .keepAliveIntervalSeconds(30)
            .sessionExpiryIntervalSeconds(3600L)
            .receiveMaximum(20)
            .maximumPacketSize(1_048_576L)
            .topicAliasMaximum(10)
            .requestResponseInformation(true)
            .requestProblemInformation(false)
            .userProperty("k", "v1")
            .userProperty("k", "v2")
            .authenticationMethod("SCRAM-SHA-1")
            .authenticationData(new byte[] {(byte) 0xCA, (byte) 0xFE})
            .will(WillMessage.builder()
                    .topic("will/t")
                    .payload("bye")
                    .qos(QoS.AT_LEAST_ONCE)
                    .retain(true)
                    .delayIntervalSeconds(5L)
                    .payloadFormatIndicator(PayloadFormatIndicator.UTF_8)
                    .messageExpiryIntervalSeconds(120L)
                    .contentType("text/plain")
                    .responseTopic("r/1")
                    .correlationData(new byte[] {1, 2})
                    .userProperty("a", "b")
                    .userProperty("a", "c")
                    .build())
            .username("user")
            .password("pw")
            .build();

    @Test
    void aConnectWithEveryPropertyAndAFullWillRoundTrips() {
        // remaining length: variable header 10 + 1 + 55 = 66, payload 8 + 1 + 50 + 8 + 5 + 6 + 4 = 82;
        // 148 = 20 + 1 * 128 -> 94 01
        byte[] wire = bytes(
                0x10, 0x94, 0x01,    // CONNECT, remaining length 148 (two-byte variable byte integer)
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0xEC,                // connect flags 1110 1100: User Name, Password, Will Retain, Will QoS 1, Will Flag
                0x00, 0x1E,          // keep alive 30
                0x37,                // property length 55
                0x11, 0x00, 0x00, 0x0E, 0x10, // Session Expiry Interval 3600
                0x21, 0x00, 0x14,    // Receive Maximum 20
                0x27, 0x00, 0x10, 0x00, 0x00, // Maximum Packet Size 1,048,576
                0x22, 0x00, 0x0A,    // Topic Alias Maximum 10
                0x19, 0x01,          // Request Response Information 1
                0x17, 0x00,          // Request Problem Information 0
                0x26, 0x00, 0x01, 'k', 0x00, 0x02, 'v', '1', // User Property k=v1
                0x26, 0x00, 0x01, 'k', 0x00, 0x02, 'v', '2', // User Property k=v2 (same name, order kept)
                0x15, 0x00, 0x0B, 'S', 'C', 'R', 'A', 'M', '-', 'S', 'H', 'A', '-', '1', // Authentication Method
                0x16, 0x00, 0x02, 0xCA, 0xFE, // Authentication Data CA FE
                0x00, 0x06, 't', 'e', 'r', 'n', '-', '1', // client identifier "tern-1"
                0x32,                // will property length 50
                0x18, 0x00, 0x00, 0x00, 0x05, // Will Delay Interval 5
                0x01, 0x01,          // Payload Format Indicator 1 (UTF-8)
                0x02, 0x00, 0x00, 0x00, 0x78, // Message Expiry Interval 120
                0x03, 0x00, 0x0A, 't', 'e', 'x', 't', '/', 'p', 'l', 'a', 'i', 'n', // Content Type "text/plain"
                0x08, 0x00, 0x03, 'r', '/', '1', // Response Topic "r/1"
                0x09, 0x00, 0x02, 0x01, 0x02, // Correlation Data 01 02
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'b', // User Property a=b
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'c', // User Property a=c
                0x00, 0x06, 'w', 'i', 'l', 'l', '/', 't', // will topic "will/t"
                0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
                0x00, 0x04, 'u', 's', 'e', 'r', // user name "user"
                0x00, 0x02, 'p', 'w'); // password "pw"
        assertRoundTrip(WITH_EVERY_PROPERTY, wire, SERVER);
    }

    @Test
    void aConnectWithItsPropertiesAndWillPropertiesInAnotherOrderDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x10, 0x94, 0x01,    // CONNECT, remaining length 148
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0xEC,                // connect flags 1110 1100
                0x00, 0x1E,          // keep alive 30
                0x37,                // property length 55
                0x16, 0x00, 0x02, 0xCA, 0xFE, // Authentication Data CA FE (before its method)
                0x15, 0x00, 0x0B, 'S', 'C', 'R', 'A', 'M', '-', 'S', 'H', 'A', '-', '1', // Authentication Method
                0x26, 0x00, 0x01, 'k', 0x00, 0x02, 'v', '1', // User Property k=v1
                0x17, 0x00,          // Request Problem Information 0
                0x19, 0x01,          // Request Response Information 1
                0x26, 0x00, 0x01, 'k', 0x00, 0x02, 'v', '2', // User Property k=v2
                0x22, 0x00, 0x0A,    // Topic Alias Maximum 10
                0x27, 0x00, 0x10, 0x00, 0x00, // Maximum Packet Size 1,048,576
                0x21, 0x00, 0x14,    // Receive Maximum 20
                0x11, 0x00, 0x00, 0x0E, 0x10, // Session Expiry Interval 3600
                0x00, 0x06, 't', 'e', 'r', 'n', '-', '1', // client identifier "tern-1"
                0x32,                // will property length 50
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'b', // User Property a=b
                0x09, 0x00, 0x02, 0x01, 0x02, // Correlation Data 01 02
                0x08, 0x00, 0x03, 'r', '/', '1', // Response Topic "r/1"
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, 'c', // User Property a=c
                0x03, 0x00, 0x0A, 't', 'e', 'x', 't', '/', 'p', 'l', 'a', 'i', 'n', // Content Type "text/plain"
                0x02, 0x00, 0x00, 0x00, 0x78, // Message Expiry Interval 120
                0x01, 0x01,          // Payload Format Indicator 1
                0x18, 0x00, 0x00, 0x00, 0x05, // Will Delay Interval 5
                0x00, 0x06, 'w', 'i', 'l', 'l', '/', 't', // will topic "will/t"
                0x00, 0x03, 'b', 'y', 'e', // will payload "bye"
                0x00, 0x04, 'u', 's', 'e', 'r', // user name "user"
                0x00, 0x02, 'p', 'w'); // password "pw"
        assertDecodes(wire, WITH_EVERY_PROPERTY, SERVER);
    }

    @Test
    void propertiesSentWithTheirDefaultValuesStayPresent() {
        byte[] wire = bytes(
                0x10, 0x1C,          // CONNECT, remaining length 28
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0x02,                // connect flags: Clean Start
                0x00, 0x3C,          // keep alive 60
                0x0F,                // property length 15
                0x11, 0x00, 0x00, 0x00, 0x00, // Session Expiry Interval 0 (the default, but sent)
                0x21, 0xFF, 0xFF,    // Receive Maximum 65,535 (the default, but sent)
                0x22, 0x00, 0x00,    // Topic Alias Maximum 0 (the default, but sent)
                0x19, 0x00,          // Request Response Information 0 (the default, but sent)
                0x17, 0x01,          // Request Problem Information 1 (the default, but sent)
                0x00, 0x00);         // client identifier ""
        ConnectPacket packet = ConnectPacket.builder()
                .sessionExpiryIntervalSeconds(0L)
                .receiveMaximum(65_535)
                .topicAliasMaximum(0)
                .requestResponseInformation(false)
                .requestProblemInformation(true)
                .build();
        assertRoundTrip(packet, wire, SERVER);
    }

    @Test
    void aConnectWithNonAsciiClientIdentifierAndUserNameCarriesTheirUtf8Bytes() {
        byte[] wire = bytes(
                0x10, 0x18,          // CONNECT, remaining length 24
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0x82,                // connect flags 1000 0010: User Name, Clean Start
                0x00, 0x00,          // keep alive 0 (off)
                0x00,                // property length 0
                0x00, 0x05, 0xC3, 0xBC, 0xE2, 0x82, 0xAC, // client identifier "ü€"
                0x00, 0x04, 0xF0, 0x9F, 0x98, 0x80); // user name "😀" (U+1F600, 4 bytes)
        ConnectPacket packet = ConnectPacket.builder()
                .clientId("ü€")
                .keepAliveIntervalSeconds(0)
                .username("\uD83D\uDE00")
                .build();
        assertRoundTrip(packet, wire, SERVER);
    }

    @Test
    void aConnectMayCarryAPasswordWithoutAUserName() {
        // Section 3.1.2.9: in MQTT 5 the Password Flag no longer needs the User Name Flag.
        byte[] wire = bytes(
                0x10, 0x12,          // CONNECT, remaining length 18
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0x40,                // connect flags 0100 0000: Password only, no Clean Start
                0xFF, 0xFF,          // keep alive 65,535
                0x00,                // property length 0
                0x00, 0x01, 'c',     // client identifier "c"
                0x00, 0x02, 0x00, 0xFF); // password: binary data 00 FF
        ConnectPacket packet = ConnectPacket.builder()
                .clientId("c")
                .cleanStart(false)
                .keepAliveIntervalSeconds(65_535)
                .password(new byte[] {0x00, (byte) 0xFF})
                .build();
        assertRoundTrip(packet, wire, SERVER);
    }

    @Test
    void anEmptyUserNameAndAnEmptyPasswordAreStillSent() {
        byte[] wire = bytes(
                0x10, 0x11,          // CONNECT, remaining length 17
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0xC2,                // connect flags 1100 0010: User Name, Password, Clean Start
                0x00, 0x3C,          // keep alive 60
                0x00,                // property length 0
                0x00, 0x00,          // client identifier ""
                0x00, 0x00,          // user name "" (present, empty)
                0x00, 0x00);         // password: zero bytes (present, empty)
        ConnectPacket packet = ConnectPacket.builder().username("").password(new byte[0]).build();
        assertRoundTrip(packet, wire, SERVER);
    }

    @Test
    void aQos2WillWithoutPropertiesAndAnEmptyPayloadRoundTrips() {
        byte[] wire = bytes(
                0x10, 0x16,          // CONNECT, remaining length 22
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name "MQTT"
                0x05,                // protocol version 5
                0x16,                // connect flags 0001 0110: Will QoS 2, Will Flag, Clean Start
                0x00, 0x3C,          // keep alive 60
                0x00,                // property length 0
                0x00, 0x01, 'c',     // client identifier "c"
                0x00,                // will property length 0
                0x00, 0x03, 'w', '/', 't', // will topic "w/t"
                0x00, 0x00);         // will payload: empty
        ConnectPacket packet = ConnectPacket.builder()
                .clientId("c")
                .will(WillMessage.builder().topic("w/t").payload(new byte[0]).qos(QoS.EXACTLY_ONCE).build())
                .build();
        assertRoundTrip(packet, wire, SERVER);
    }
}
