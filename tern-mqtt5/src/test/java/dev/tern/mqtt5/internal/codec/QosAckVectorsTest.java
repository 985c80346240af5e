package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubCompReasonCode;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRecReasonCode;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.PubRelReasonCode;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static dev.tern.mqtt5.internal.codec.VectorSupport.CLIENT;
import static dev.tern.mqtt5.internal.codec.VectorSupport.SERVER;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertDecodes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertRoundTrip;
import static dev.tern.mqtt5.internal.codec.VectorSupport.repeat;

/**
 * PUBACK, PUBREC, PUBREL and PUBCOMP (MQTT 5.0 sections 3.4 to 3.7): Packet Identifier, Reason Code,
 * Property Length, then Reason String and User Properties. Section 3.4.2.1: the Reason Code and
 * Property Length can be left out if the code is 0x00 and there are no properties (Remaining Length
 * 2). Section 3.4.2.2.1: if the Remaining Length is less than 4 there is no Property Length and 0 is
 * used. PUBREL's fixed header flags are 0010 (section 3.6.1). Every ack may travel either way, so each
 * vector is decoded by both a client-side and a server-side decoder.
 */
class QosAckVectorsTest {

    // ---------------------------------------------------------------- PUBACK (3.4)

    @Test
    void aSuccessfulPubAckWithoutPropertiesIsTheShortForm() {
        byte[] wire = bytes(
                0x40, 0x02,          // PUBACK, remaining length 2
                0x00, 0x07);         // packet identifier 7
        assertRoundTrip(new IdentifiedPacket<>(7, PubAckPacket.of(PubAckReasonCode.SUCCESS)), wire, CLIENT, SERVER);
    }

    @Test
    void aPubAckWithAnotherReasonCodeAndNoPropertiesHasNoPropertyLength() {
        byte[] wire = bytes(
                0x40, 0x03,          // PUBACK, remaining length 3
                0x00, 0x07,          // packet identifier 7
                0x10);               // reason code 0x10 No matching subscribers
        assertRoundTrip(new IdentifiedPacket<>(7, PubAckPacket.of(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS)),
                wire, CLIENT, SERVER);
    }

    @Test
    void aPubAckWithTheHighestPacketIdentifierRoundTrips() {
        byte[] wire = bytes(
                0x40, 0x02,          // PUBACK, remaining length 2
                0xFF, 0xFF);         // packet identifier 65535
        assertRoundTrip(new IdentifiedPacket<>(65535, PubAckPacket.of(PubAckReasonCode.SUCCESS)), wire, CLIENT, SERVER);
    }

    private static final IdentifiedPacket<PubAckPacket> PUBACK_WITH_PROPERTIES = new IdentifiedPacket<>(0x1234,
            PubAckPacket.builder()
                    .reasonCode(PubAckReasonCode.QUOTA_EXCEEDED)
                    .reasonString("slow down")
                    .userProperty("trace", "1")
                    .userProperty("trace", "2")
                    .build());

    @Test
    void aPubAckWithReasonStringAndUserPropertiesRoundTrips() {
        byte[] wire = bytes(
                0x40, 0x26,          // PUBACK, remaining length 38
                0x12, 0x34,          // packet identifier 0x1234
                0x97,                // reason code 0x97 Quota exceeded
                0x22,                // property length 34
                0x1F, 0x00, 0x09, 's', 'l', 'o', 'w', ' ', 'd', 'o', 'w', 'n', // Reason String "slow down"
                0x26, 0x00, 0x05, 't', 'r', 'a', 'c', 'e', 0x00, 0x01, '1', // User Property trace=1
                0x26, 0x00, 0x05, 't', 'r', 'a', 'c', 'e', 0x00, 0x01, '2'); // User Property trace=2 (same name, kept in order)
        assertRoundTrip(PUBACK_WITH_PROPERTIES, wire, CLIENT, SERVER);
    }

    @Test
    void aPubAckWithAUserPropertyBeforeTheReasonStringDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x40, 0x26,          // PUBACK, remaining length 38
                0x12, 0x34,          // packet identifier 0x1234
                0x97,                // reason code 0x97 Quota exceeded
                0x22,                // property length 34
                0x26, 0x00, 0x05, 't', 'r', 'a', 'c', 'e', 0x00, 0x01, '1', // User Property trace=1
                0x1F, 0x00, 0x09, 's', 'l', 'o', 'w', ' ', 'd', 'o', 'w', 'n', // Reason String "slow down"
                0x26, 0x00, 0x05, 't', 'r', 'a', 'c', 'e', 0x00, 0x01, '2'); // User Property trace=2
        assertDecodes(wire, PUBACK_WITH_PROPERTIES, CLIENT, SERVER);
    }

    @Test
    void aSuccessfulPubAckWithAReasonStringKeepsTheReasonCodeByte() {
        byte[] wire = bytes(
                0x40, 0x09,          // PUBACK, remaining length 9
                0x00, 0x01,          // packet identifier 1
                0x00,                // reason code 0x00 Success
                0x05,                // property length 5
                0x1F, 0x00, 0x02, 'o', 'k'); // Reason String "ok"
        assertRoundTrip(new IdentifiedPacket<>(1, PubAckPacket.builder().reasonString("ok").build()),
                wire, CLIENT, SERVER);
    }

    @Test
    void aSuccessfulPubAckWithAnEmptyPropertyLengthDecodesToTheShortForm() {
        byte[] wire = bytes(
                0x40, 0x04,          // PUBACK, remaining length 4
                0x00, 0x07,          // packet identifier 7
                0x00,                // reason code 0x00 Success
                0x00);               // property length 0
        assertDecodes(wire, new IdentifiedPacket<>(7, PubAckPacket.of(PubAckReasonCode.SUCCESS)), CLIENT, SERVER);
    }

    @Test
    void aSuccessfulPubAckWithOnlyTheReasonCodeDecodesToTheShortForm() {
        byte[] wire = bytes(
                0x40, 0x03,          // PUBACK, remaining length 3
                0x00, 0x07,          // packet identifier 7
                0x00);               // reason code 0x00 Success, no property length (3.4.2.2.1)
        assertDecodes(wire, new IdentifiedPacket<>(7, PubAckPacket.of(PubAckReasonCode.SUCCESS)), CLIENT, SERVER);
    }

    @Test
    void aPubAckWithAReasonCodeAndAnEmptyPropertyLengthDecodesLikeTheThreeByteForm() {
        byte[] wire = bytes(
                0x40, 0x04,          // PUBACK, remaining length 4
                0x00, 0x07,          // packet identifier 7
                0x10,                // reason code 0x10 No matching subscribers
                0x00);               // property length 0
        assertDecodes(wire, new IdentifiedPacket<>(7, PubAckPacket.of(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS)),
                CLIENT, SERVER);
    }

    @Test
    void aPubAckWithA200ByteReasonStringHasTwoByteLengths() {
        // property length 1 + 2 + 200 = 203 = 0x4B + 1 * 128 -> CB 01
        // remaining length 2 + 1 + 2 + 203 = 208 = 0x50 + 1 * 128 -> D0 01
        byte[] wire = concat(bytes(
                0x40, 0xD0, 0x01,    // PUBACK, remaining length 208 (two-byte variable byte integer)
                0x00, 0x02,          // packet identifier 2
                0x80,                // reason code 0x80 Unspecified error
                0xCB, 0x01,          // property length 203 (two-byte variable byte integer)
                0x1F, 0x00, 0xC8),   // Reason String, length 200 ...
                repeat('x', 200));   // ... 200 times 'x'
        assertRoundTrip(new IdentifiedPacket<>(2, PubAckPacket.builder()
                        .reasonCode(PubAckReasonCode.UNSPECIFIED_ERROR)
                        .reasonString("x".repeat(200))
                        .build()),
                wire, CLIENT, SERVER);
    }

    @Test
    void aPubAckWithNonAsciiStringsCarriesTheirUtf8Bytes() {
        byte[] wire = bytes(
                0x40, 0x15,          // PUBACK, remaining length 21
                0x00, 0x03,          // packet identifier 3
                0x87,                // reason code 0x87 Not authorized
                0x11,                // property length 17
                0x1F, 0x00, 0x03, 0xE2, 0x82, 0xAC, // Reason String "€" (U+20AC, 3 bytes)
                0x26,                // User Property
                0x00, 0x02, 0xC3, 0xBC, //   name "ü" (U+00FC, 2 bytes)
                0x00, 0x04, 0xF0, 0x9F, 0x98, 0x80); // value "😀" (U+1F600, a surrogate pair in Java, 4 bytes)
        assertRoundTrip(new IdentifiedPacket<>(3, PubAckPacket.builder()
                        .reasonCode(PubAckReasonCode.NOT_AUTHORIZED)
                        .reasonString("€")
                        .userProperty("ü", "\uD83D\uDE00")
                        .build()),
                wire, CLIENT, SERVER);
    }

    @Test
    void aPubAckWithAnEmptyReasonStringAndAnEmptyUserPropertyKeepsBoth() {
        byte[] wire = bytes(
                0x40, 0x0C,          // PUBACK, remaining length 12
                0x00, 0x04,          // packet identifier 4
                0x00,                // reason code 0x00 Success
                0x08,                // property length 8
                0x1F, 0x00, 0x00,    // Reason String "" (zero-length string, present)
                0x26, 0x00, 0x00, 0x00, 0x00); // User Property with empty name and empty value
        assertRoundTrip(new IdentifiedPacket<>(4, PubAckPacket.builder()
                        .reasonString("")
                        .userProperty("", "")
                        .build()),
                wire, CLIENT, SERVER);
    }

    // ---------------------------------------------------------------- PUBREC (3.5)

    @Test
    void aSuccessfulPubRecWithoutPropertiesIsTheShortForm() {
        byte[] wire = bytes(
                0x50, 0x02,          // PUBREC, remaining length 2
                0x00, 0x01);         // packet identifier 1
        assertRoundTrip(new IdentifiedPacket<>(1, PubRecPacket.of(PubRecReasonCode.SUCCESS)), wire, CLIENT, SERVER);
    }

    @Test
    void aPubRecWithAnotherReasonCodeAndNoPropertiesHasNoPropertyLength() {
        byte[] wire = bytes(
                0x50, 0x03,          // PUBREC, remaining length 3
                0x00, 0x02,          // packet identifier 2
                0x91);               // reason code 0x91 Packet Identifier in use
        assertRoundTrip(new IdentifiedPacket<>(2, PubRecPacket.of(PubRecReasonCode.PACKET_IDENTIFIER_IN_USE)),
                wire, CLIENT, SERVER);
    }

    private static final IdentifiedPacket<PubRecPacket> PUBREC_WITH_PROPERTIES = new IdentifiedPacket<>(0x0102,
            PubRecPacket.builder()
                    .reasonCode(PubRecReasonCode.NO_MATCHING_SUBSCRIBERS)
                    .reasonString("none")
                    .userProperty("a", "1")
                    .userProperty("a", "2")
                    .build());

    @Test
    void aPubRecWithReasonStringAndUserPropertiesRoundTrips() {
        byte[] wire = bytes(
                0x50, 0x19,          // PUBREC, remaining length 25
                0x01, 0x02,          // packet identifier 0x0102
                0x10,                // reason code 0x10 No matching subscribers
                0x15,                // property length 21
                0x1F, 0x00, 0x04, 'n', 'o', 'n', 'e', // Reason String "none"
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '1', // User Property a=1
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '2'); // User Property a=2
        assertRoundTrip(PUBREC_WITH_PROPERTIES, wire, CLIENT, SERVER);
    }

    @Test
    void aPubRecWithItsPropertiesReorderedDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x50, 0x19,          // PUBREC, remaining length 25
                0x01, 0x02,          // packet identifier 0x0102
                0x10,                // reason code 0x10 No matching subscribers
                0x15,                // property length 21
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '1', // User Property a=1
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '2', // User Property a=2
                0x1F, 0x00, 0x04, 'n', 'o', 'n', 'e'); // Reason String "none"
        assertDecodes(wire, PUBREC_WITH_PROPERTIES, CLIENT, SERVER);
    }

    @Test
    void aSuccessfulPubRecWithAnEmptyPropertyLengthDecodesToTheShortForm() {
        byte[] wire = bytes(
                0x50, 0x04,          // PUBREC, remaining length 4
                0x00, 0x01,          // packet identifier 1
                0x00,                // reason code 0x00 Success
                0x00);               // property length 0
        assertDecodes(wire, new IdentifiedPacket<>(1, PubRecPacket.of(PubRecReasonCode.SUCCESS)), CLIENT, SERVER);
    }

    // ---------------------------------------------------------------- PUBREL (3.6)

    @Test
    void aSuccessfulPubRelWithoutPropertiesIsTheShortFormWithFlags0010() {
        byte[] wire = bytes(
                0x62, 0x02,          // PUBREL (type 6, flags 0010), remaining length 2
                0x00, 0x01);         // packet identifier 1
        assertRoundTrip(new IdentifiedPacket<>(1, PubRelPacket.of(PubRelReasonCode.SUCCESS)), wire, CLIENT, SERVER);
    }

    @Test
    void aPubRelWithPacketIdentifierNotFoundAndNoPropertiesHasNoPropertyLength() {
        byte[] wire = bytes(
                0x62, 0x03,          // PUBREL, remaining length 3
                0x00, 0x05,          // packet identifier 5
                0x92);               // reason code 0x92 Packet Identifier not found
        assertRoundTrip(new IdentifiedPacket<>(5, PubRelPacket.of(PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND)),
                wire, CLIENT, SERVER);
    }

    @Test
    void aPubRelWithReasonStringAndUserPropertiesRoundTrips() {
        byte[] wire = bytes(
                0x62, 0x1A,          // PUBREL, remaining length 26
                0xAB, 0xCD,          // packet identifier 0xABCD
                0x92,                // reason code 0x92 Packet Identifier not found
                0x16,                // property length 22
                0x1F, 0x00, 0x05, 'g', 'o', 'n', 'e', '!', // Reason String "gone!"
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '1', // User Property a=1
                0x26, 0x00, 0x01, 'a', 0x00, 0x01, '1'); // User Property a=1 again (duplicates kept)
        assertRoundTrip(new IdentifiedPacket<>(0xABCD, PubRelPacket.builder()
                        .reasonCode(PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND)
                        .reasonString("gone!")
                        .userProperty("a", "1")
                        .userProperty("a", "1")
                        .build()),
                wire, CLIENT, SERVER);
    }

    @Test
    void aPubRelWithAReasonCodeAndAnEmptyPropertyLengthDecodesLikeTheThreeByteForm() {
        byte[] wire = bytes(
                0x62, 0x04,          // PUBREL, remaining length 4
                0x00, 0x05,          // packet identifier 5
                0x92,                // reason code 0x92 Packet Identifier not found
                0x00);               // property length 0
        assertDecodes(wire, new IdentifiedPacket<>(5, PubRelPacket.of(PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND)),
                CLIENT, SERVER);
    }

    // ---------------------------------------------------------------- PUBCOMP (3.7)

    @Test
    void aSuccessfulPubCompWithoutPropertiesIsTheShortForm() {
        byte[] wire = bytes(
                0x70, 0x02,          // PUBCOMP, remaining length 2
                0x00, 0x01);         // packet identifier 1
        assertRoundTrip(new IdentifiedPacket<>(1, PubCompPacket.of(PubCompReasonCode.SUCCESS)), wire, CLIENT, SERVER);
    }

    @Test
    void aPubCompWithPacketIdentifierNotFoundAndNoPropertiesHasNoPropertyLength() {
        byte[] wire = bytes(
                0x70, 0x03,          // PUBCOMP, remaining length 3
                0x80, 0x00,          // packet identifier 32768
                0x92);               // reason code 0x92 Packet Identifier not found
        assertRoundTrip(new IdentifiedPacket<>(32768, PubCompPacket.of(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND)),
                wire, CLIENT, SERVER);
    }

    private static final IdentifiedPacket<PubCompPacket> PUBCOMP_WITH_PROPERTIES = new IdentifiedPacket<>(9,
            PubCompPacket.builder()
                    .reasonString("fertig ✓")
                    .userProperty("k", "v")
                    .build());

    @Test
    void aSuccessfulPubCompWithReasonStringAndUserPropertyRoundTrips() {
        byte[] wire = bytes(
                0x70, 0x18,          // PUBCOMP, remaining length 24
                0x00, 0x09,          // packet identifier 9
                0x00,                // reason code 0x00 Success
                0x14,                // property length 20
                0x1F, 0x00, 0x0A,    // Reason String, length 10:
                'f', 'e', 'r', 't', 'i', 'g', ' ', 0xE2, 0x9C, 0x93, //   "fertig ✓" (U+2713, 3 bytes)
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v'); // User Property k=v
        assertRoundTrip(PUBCOMP_WITH_PROPERTIES, wire, CLIENT, SERVER);
    }

    @Test
    void aPubCompWithTheUserPropertyFirstDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x70, 0x18,          // PUBCOMP, remaining length 24
                0x00, 0x09,          // packet identifier 9
                0x00,                // reason code 0x00 Success
                0x14,                // property length 20
                0x26, 0x00, 0x01, 'k', 0x00, 0x01, 'v', // User Property k=v
                0x1F, 0x00, 0x0A,    // Reason String, length 10:
                'f', 'e', 'r', 't', 'i', 'g', ' ', 0xE2, 0x9C, 0x93); // "fertig ✓"
        assertDecodes(wire, PUBCOMP_WITH_PROPERTIES, CLIENT, SERVER);
    }
}
