package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PayloadFormatIndicator;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeAll;
import static dev.tern.mqtt5.internal.codec.VectorSupport.CLIENT;
import static dev.tern.mqtt5.internal.codec.VectorSupport.CLIENT_WITH_ALIASES;
import static dev.tern.mqtt5.internal.codec.VectorSupport.SERVER;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertDecodes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertEncodes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertRoundTrip;
import static dev.tern.mqtt5.internal.codec.VectorSupport.repeat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PUBLISH (MQTT 5.0 section 3.3): fixed header flags DUP, QoS, RETAIN (3.3.1); Topic Name, Packet
 * Identifier (QoS 1 and 2 only), Property Length and properties (3.3.2); then the payload, whose length
 * is what the Remaining Length leaves (3.3.3). Expected bytes written by hand from the specification;
 * properties in the order of section 3.3.2.3 unless a test says otherwise.
 */
class PublishVectorsTest {

    @Test
    void aQos0PublishWithoutPropertiesIsTopicPropertyLengthZeroAndPayload() {
        byte[] wire = bytes(
                0x30, 0x08,          // PUBLISH, QoS 0, no DUP, no RETAIN; remaining length 8
                0x00, 0x03, 'a', '/', 'b', // topic name "a/b"
                0x00,                // property length 0 (no packet identifier at QoS 0)
                'h', 'i');           // payload "hi"
        PublishPacket packet = PublishPacket.builder().topic("a/b").payload("hi").build();
        assertRoundTrip(OutboundPublish.of(packet, 0, false), wire,
                new InboundPublish(packet, 0, false, 0), CLIENT, SERVER);
    }

    @Test
    void aRetainedQos1PublishWithAnEmptyPayloadRoundTrips() {
        byte[] wire = bytes(
                0x33, 0x06,          // PUBLISH, QoS 1 (bits 2-1 = 01), RETAIN (bit 0); remaining length 6
                0x00, 0x01, 't',     // topic name "t"
                0x00, 0x0A,          // packet identifier 10
                0x00);               // property length 0; empty payload
        PublishPacket packet = PublishPacket.builder().topic("t").qos(QoS.AT_LEAST_ONCE).retain(true).build();
        assertRoundTrip(OutboundPublish.of(packet, 10, false), wire,
                new InboundPublish(packet, 10, false, 0), CLIENT, SERVER);
    }

    @Test
    void aDuplicateQos2PublishSetsTheDupBit() {
        byte[] wire = bytes(
                0x3C, 0x07,          // PUBLISH, DUP (bit 3), QoS 2 (bits 2-1 = 10), no RETAIN; remaining length 7
                0x00, 0x01, 'q',     // topic name "q"
                0xBE, 0xEF,          // packet identifier 0xBEEF
                0x00,                // property length 0
                'x');                // payload "x"
        PublishPacket packet = PublishPacket.builder().topic("q").payload("x").qos(QoS.EXACTLY_ONCE).build();
        assertRoundTrip(OutboundPublish.of(packet, 0xBEEF, true, 0, true), wire,
                new InboundPublish(packet, 0xBEEF, true, 0), CLIENT, SERVER);
    }

    private static final PublishPacket FROM_SERVER_WITH_EVERY_PROPERTY = PublishPacket.builder()
            .topic("s/1")
            .payload("hello")
            .qos(QoS.AT_LEAST_ONCE)
            .payloadFormatIndicator(PayloadFormatIndicator.UTF_8)
            .messageExpiryIntervalSeconds(300L)
            .responseTopic("reply")
            .correlationData(new byte[] {1, 2, 3})
            .userProperty("k", "1")
            .userProperty("k", "2")
            .subscriptionIdentifier(1)
            .subscriptionIdentifier(268_435_455)
            .contentType("text/plain")
            .build();

    @Test
    void aPublishFromTheServerWithEveryPropertyRoundTrips() {
        byte[] wire = bytes(
                0x32, 0x47,          // PUBLISH, QoS 1; remaining length 71
                0x00, 0x03, 's', '/', '1', // topic name "s/1"
                0x01, 0x02,          // packet identifier 0x0102
                0x3A,                // property length 58
                0x01, 0x01,          // Payload Format Indicator 1 (UTF-8)
                0x02, 0x00, 0x00, 0x01, 0x2C, // Message Expiry Interval 300
                0x23, 0x00, 0x05,    // Topic Alias 5
                0x08, 0x00, 0x05, 'r', 'e', 'p', 'l', 'y', // Response Topic "reply"
                0x09, 0x00, 0x03, 0x01, 0x02, 0x03, // Correlation Data 01 02 03
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // User Property k=1
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2', // User Property k=2 (same name, order kept)
                0x0B, 0x01,          // Subscription Identifier 1
                0x0B, 0xFF, 0xFF, 0xFF, 0x7F, // Subscription Identifier 268,435,455 (largest, 4 bytes)
                0x03, 0x00, 0x0A, 't', 'e', 'x', 't', '/', 'p', 'l', 'a', 'i', 'n', // Content Type "text/plain"
                'h', 'e', 'l', 'l', 'o'); // payload "hello"
        assertRoundTrip(OutboundPublish.of(FROM_SERVER_WITH_EVERY_PROPERTY, 0x0102, false, 5, true), wire,
                new InboundPublish(FROM_SERVER_WITH_EVERY_PROPERTY, 0x0102, false, 5), CLIENT_WITH_ALIASES);
    }

    @Test
    void aPublishWithItsPropertiesInAnotherOrderDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x32, 0x47,          // PUBLISH, QoS 1; remaining length 71
                0x00, 0x03, 's', '/', '1', // topic name "s/1"
                0x01, 0x02,          // packet identifier 0x0102
                0x3A,                // property length 58
                0x03, 0x00, 0x0A, 't', 'e', 'x', 't', '/', 'p', 'l', 'a', 'i', 'n', // Content Type "text/plain"
                0x0B, 0x01,          // Subscription Identifier 1
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '1', // User Property k=1
                0x23, 0x00, 0x05,    // Topic Alias 5
                0x09, 0x00, 0x03, 0x01, 0x02, 0x03, // Correlation Data 01 02 03
                0x0B, 0xFF, 0xFF, 0xFF, 0x7F, // Subscription Identifier 268,435,455
                0x08, 0x00, 0x05, 'r', 'e', 'p', 'l', 'y', // Response Topic "reply"
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, '2', // User Property k=2
                0x02, 0x00, 0x00, 0x01, 0x2C, // Message Expiry Interval 300
                0x01, 0x01,          // Payload Format Indicator 1 (UTF-8)
                'h', 'e', 'l', 'l', 'o'); // payload "hello"
        assertDecodes(wire, new InboundPublish(FROM_SERVER_WITH_EVERY_PROPERTY, 0x0102, false, 5),
                CLIENT_WITH_ALIASES);
    }

    @Test
    void aPublishFromAClientWithDefaultValuedAndEmptyPropertiesKeepsThemPresent() {
        byte[] wire = bytes(
                0x35, 0x3C,          // PUBLISH, QoS 2, RETAIN; remaining length 60
                0x00, 0x07, 'c', 'm', 'd', '/', 0xE2, 0x82, 0xAC, // topic name "cmd/€"
                0xFF, 0xFF,          // packet identifier 65535
                0x2E,                // property length 46
                0x01, 0x00,          // Payload Format Indicator 0 (unspecified bytes), present
                0x02, 0x00, 0x00, 0x00, 0x00, // Message Expiry Interval 0, present
                0x23, 0x00, 0x01,    // Topic Alias 1
                0x08, 0x00, 0x06, 'r', 's', 'p', '/', 0xC3, 0xBC, // Response Topic "rsp/ü"
                0x09, 0x00, 0x00,    // Correlation Data, empty but present
                0x26, 0x00, 0x02, 0xC3, 0xBC, 0x00, 0x03, 0xE2, 0x82, 0xAC, // User Property ü=€
                0x26, 0x00, 0x02, 0xC3, 0xBC, 0x00, 0x04, 0xF0, 0x9F, 0x98, 0x80, // User Property ü=😀
                0x03, 0x00, 0x00,    // Content Type "", present
                0x00, 0xFF);         // payload 00 FF
        PublishPacket packet = PublishPacket.builder()
                .topic("cmd/€")
                .payload(new byte[] {0x00, (byte) 0xFF})
                .qos(QoS.EXACTLY_ONCE)
                .retain(true)
                .payloadFormatIndicator(PayloadFormatIndicator.UNSPECIFIED_BYTES)
                .messageExpiryIntervalSeconds(0L)
                .responseTopic("rsp/ü")
                .correlationData(new byte[0])
                .userProperty("ü", "€")
                .userProperty("ü", "\uD83D\uDE00")
                .contentType("")
                .build();
        assertRoundTrip(OutboundPublish.of(packet, 65535, false, 1, true), wire,
                new InboundPublish(packet, 65535, false, 1), SERVER);
    }

    @Test
    void aPublishMayLeaveOutItsTopicOnceATopicAliasIsMapped() {
        byte[] first = bytes(
                0x30, 0x0A,          // PUBLISH, QoS 0; remaining length 10
                0x00, 0x03, 's', '/', '1', // topic name "s/1"
                0x03,                // property length 3
                0x23, 0x00, 0x05,    // Topic Alias 5 (maps 5 -> "s/1")
                'a');                // payload "a"
        byte[] second = bytes(
                0x30, 0x07,          // PUBLISH, QoS 0; remaining length 7
                0x00, 0x00,          // topic name "" (zero length: use the alias)
                0x03,                // property length 3
                0x23, 0x00, 0x05,    // Topic Alias 5
                'b');                // payload "b"
        PublishPacket a = PublishPacket.builder().topic("s/1").payload("a").build();
        PublishPacket b = PublishPacket.builder().topic("s/1").payload("b").build();

        assertEncodes(OutboundPublish.of(a, 0, false, 5, true), first);
        assertEncodes(OutboundPublish.of(b, 0, false, 5, false), second);
        for (DecoderSettings side : new DecoderSettings[] {CLIENT_WITH_ALIASES, SERVER}) {
            assertThat(decodeAll(concat(first, second), side)).as("decoded by a %s decoder", side.side())
                    .containsExactly(new InboundPublish(a, 0, false, 5), new InboundPublish(b, 0, false, 5));
        }
    }

    @Test
    void aPublishWithNonAsciiTopicAndPayloadCarriesTheirUtf8Bytes() {
        byte[] wire = bytes(
                0x30, 0x10,          // PUBLISH, QoS 0; remaining length 16
                0x00, 0x0B,          // topic name length 11:
                0xC3, 0xBC,          //   "ü" U+00FC
                '/',
                0xE2, 0x82, 0xAC,    //   "€" U+20AC
                '/',
                0xF0, 0x9F, 0x98, 0x80, // "😀" U+1F600 (a surrogate pair in Java)
                0x00,                // property length 0
                0xC3, 0xBC);         // payload "ü"
        PublishPacket packet = PublishPacket.builder().topic("ü/€/\uD83D\uDE00").payload("ü").build();
        assertRoundTrip(OutboundPublish.of(packet, 0, false), wire,
                new InboundPublish(packet, 0, false, 0), CLIENT, SERVER);
    }

    @Test
    void aByteOrderMarkAtTheStartOfAStringIsKeptNotStripped() {
        // Section 1.5.4 [MQTT-1.5.4-3]: 0xEF 0xBB 0xBF is U+FEFF and must not be skipped or stripped.
        byte[] wire = bytes(
                0x30, 0x0E,          // PUBLISH, QoS 0; remaining length 14
                0x00, 0x01, 't',     // topic name "t"
                0x0A,                // property length 10
                0x26,                // User Property
                0x00, 0x01, 'b',     //   name "b"
                0x00, 0x04, 0xEF, 0xBB, 0xBF, 'v'); // value "\uFEFFv"; empty payload
        PublishPacket packet = PublishPacket.builder().topic("t").userProperty("b", "\uFEFFv").build();
        assertRoundTrip(OutboundPublish.of(packet, 0, false), wire,
                new InboundPublish(packet, 0, false, 0), CLIENT, SERVER);
    }

    @Test
    void aPublishWithA200BytePayloadHasATwoByteRemainingLength() {
        // remaining length 3 (topic) + 1 (property length) + 200 = 204 = 76 + 1 * 128 -> CC 01
        byte[] wire = concat(bytes(
                0x30, 0xCC, 0x01,    // PUBLISH, QoS 0; remaining length 204
                0x00, 0x01, 't',     // topic name "t"
                0x00),               // property length 0
                repeat(0x2A, 200));  // payload: 200 times '*'
        PublishPacket packet = PublishPacket.builder().topic("t").payload(repeat(0x2A, 200)).build();
        assertRoundTrip(OutboundPublish.of(packet, 0, false), wire,
                new InboundPublish(packet, 0, false, 0), CLIENT, SERVER);
    }

    @Test
    void aRemainingLengthOf127TakesOneByte() {
        assertPayloadSizeGivesHeader(123, bytes(
                0x30, 0x7F));        // PUBLISH, remaining length 127 = 4 + 123
    }

    @Test
    void aRemainingLengthOf128TakesTwoBytes() {
        assertPayloadSizeGivesHeader(124, bytes(
                0x30, 0x80, 0x01));  // PUBLISH, remaining length 128 = 0 + 1 * 128
    }

    @Test
    void aRemainingLengthOf16383TakesTwoBytes() {
        assertPayloadSizeGivesHeader(16_379, bytes(
                0x30, 0xFF, 0x7F));  // PUBLISH, remaining length 16,383 = 127 + 127 * 128
    }

    @Test
    void aRemainingLengthOf16384TakesThreeBytes() {
        assertPayloadSizeGivesHeader(16_380, bytes(
                0x30, 0x80, 0x80, 0x01)); // PUBLISH, remaining length 16,384 = 1 * 128^2
    }

    @Test
    void aRemainingLengthOf2097151TakesThreeBytes() {
        assertPayloadSizeGivesHeader(2_097_147, bytes(
                0x30, 0xFF, 0xFF, 0x7F)); // PUBLISH, remaining length 2,097,151 = 128^3 - 1
    }

    @Test
    void aRemainingLengthOf2097152TakesFourBytes() {
        assertPayloadSizeGivesHeader(2_097_148, bytes(
                0x30, 0x80, 0x80, 0x80, 0x01)); // PUBLISH, remaining length 2,097,152 = 1 * 128^3
    }

    /** A QoS 0 PUBLISH to "t" without properties: remaining length 4 + payload size. */
    private static void assertPayloadSizeGivesHeader(int payloadSize, byte[] fixedHeader) {
        byte[] payload = repeat(0x5A, payloadSize);
        byte[] wire = concat(fixedHeader, bytes(
                0x00, 0x01, 't',     // topic name "t"
                0x00),               // property length 0
                payload);            // payload: payloadSize times 'Z'
        PublishPacket packet = PublishPacket.builder().topic("t").payload(payload).build();
        assertRoundTrip(OutboundPublish.of(packet, 0, false), wire,
                new InboundPublish(packet, 0, false, 0), CLIENT);
    }

    @Test
    void subscriptionIdentifiersUseOneToFourByteVariableByteIntegers() {
        byte[] wire = bytes(
                0x30, 0x19,          // PUBLISH, QoS 0; remaining length 25
                0x00, 0x01, 't',     // topic name "t"
                0x15,                // property length 21
                0x0B, 0x7F,          // Subscription Identifier 127
                0x0B, 0x80, 0x01,    // Subscription Identifier 128
                0x0B, 0xFF, 0x7F,    // Subscription Identifier 16,383
                0x0B, 0x80, 0x80, 0x01, // Subscription Identifier 16,384
                0x0B, 0xFF, 0xFF, 0x7F, // Subscription Identifier 2,097,151
                0x0B, 0x80, 0x80, 0x80, 0x01); // Subscription Identifier 2,097,152; empty payload
        PublishPacket packet = PublishPacket.builder().topic("t")
                .subscriptionIdentifier(127)
                .subscriptionIdentifier(128)
                .subscriptionIdentifier(16_383)
                .subscriptionIdentifier(16_384)
                .subscriptionIdentifier(2_097_151)
                .subscriptionIdentifier(2_097_152)
                .build();
        assertRoundTrip(OutboundPublish.of(packet, 0, false), wire,
                new InboundPublish(packet, 0, false, 0), CLIENT);
    }

    @Test
    void aPublishWith156BytesOfPropertiesHasATwoBytePropertyLength() {
        // property length 1 + (2 + 1) + (2 + 150) = 156 = 28 + 1 * 128 -> 9C 01
        // remaining length 3 + 2 + 156 = 161 = 33 + 1 * 128 -> A1 01
        byte[] wire = concat(bytes(
                0x30, 0xA1, 0x01,    // PUBLISH, QoS 0; remaining length 161
                0x00, 0x01, 't',     // topic name "t"
                0x9C, 0x01,          // property length 156
                0x26,                // User Property
                0x00, 0x01, 'k',     //   name "k"
                0x00, 0x96),         //   value, length 150 ...
                repeat('v', 150));   //   ... 150 times 'v'; empty payload
        PublishPacket packet = PublishPacket.builder().topic("t").userProperty("k", "v".repeat(150)).build();
        assertRoundTrip(OutboundPublish.of(packet, 0, false), wire,
                new InboundPublish(packet, 0, false, 0), CLIENT, SERVER);
    }
}
