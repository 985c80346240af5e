package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.RetainHandling;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.CodecFixture.concat;
import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeAll;
import static dev.tern.mqtt5.internal.codec.CodecFixture.decodeOne;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT_ALIASES_10;
import static dev.tern.mqtt5.internal.codec.Rejections.CLIENT_NO_PROBLEM_INFO;
import static dev.tern.mqtt5.internal.codec.Rejections.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other half of strictness: valid edge cases the specification allows must decode. Each input is
 * hand-written, and each test checks the decoded values, not only that nothing was thrown.
 */
class DecoderAcceptanceTest {

    private static PublishPacket publish(Object decoded) {
        assertThat(decoded).isInstanceOf(InboundPublish.class);
        return ((InboundPublish) decoded).packet();
    }

    @Test
    void controlCharactersAndNoncharactersAreAcceptedInStrings() {
        PublishPacket p = publish(decodeOne(bytes(
                0x30,       // PUBLISH QoS 0
                0x14,       // Remaining Length 20
                0x00, 0x11, // topic length 17
                0x61,       // "a"
                0x01, 0x1F, 0x7F, // U+0001, U+001F, U+007F (C0 controls and DEL)
                0xC2, 0x80, 0xC2, 0x9F, // U+0080, U+009F (C1 controls)
                0xEF, 0xBF, 0xBF, // U+FFFF (noncharacter)
                0xEF, 0xBF, 0xBE, // U+FFFE (noncharacter)
                0xEF, 0xB7, 0x90, // U+FDD0 (noncharacter)
                0x00),      // property length 0
                CLIENT));
        assertThat(p.topic()).isEqualTo("a\u0001\u001f\u007f\u0080\u009f\uffff\ufffe\ufdd0");
    }

    @Test
    void codePointsNextToTheForbiddenRangesAreAccepted() {
        PublishPacket p = publish(decodeOne(bytes(
                0x30,       // PUBLISH QoS 0
                0x16,       // Remaining Length 22
                0x00, 0x13, // topic length 19
                0xDF, 0xBF, // U+07FF: largest 2-byte
                0xE0, 0xA0, 0x80, // U+0800: smallest 3-byte
                0xED, 0x9F, 0xBF, // U+D7FF: just below the surrogates
                0xEE, 0x80, 0x80, // U+E000: just above the surrogates
                0xF0, 0x90, 0x80, 0x80, // U+10000: smallest 4-byte
                0xF4, 0x8F, 0xBF, 0xBF, // U+10FFFF: largest code point
                0x00),      // property length 0
                CLIENT));
        assertThat(p.topic()).isEqualTo("\u07ff\u0800\ud7ff\ue000"
                + new String(Character.toChars(0x10000)) + new String(Character.toChars(0x10FFFF)));
    }

    @Test
    void emptyStringsAreAcceptedWhereTheSpecificationAllowsThem() {
        PublishPacket p = publish(decodeOne(bytes(
                0x30,       // PUBLISH QoS 0
                0x0C,       // Remaining Length 12
                0x00, 0x01, 0x61, // topic "a"
                0x08,       // property length 8
                0x26, 0x00, 0x00, 0x00, 0x00, // User Property "" = ""
                0x03, 0x00, 0x00), // Content Type ""
                CLIENT));
        assertThat(p.userProperties()).containsExactly(UserProperty.of("", ""));
        assertThat(p.contentType()).isEmpty();

        ConnectPacket connect = (ConnectPacket) decodeOne(bytes(
                0x10,       // CONNECT
                0x10,       // Remaining Length 16
                0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, // protocol name "MQTT"
                0x05,       // protocol version 5
                0x42,       // connect flags: Password (without User Name, allowed in MQTT 5) + Clean Start
                0x00, 0x3C, // keep alive 60
                0x00,       // property length 0
                0x00, 0x00, // client identifier "" (the server assigns one)
                0x00, 0x01, 0x70), // password "p"
                SERVER);
        assertThat(connect.clientId()).isEmpty();
        assertThat(connect.username()).isNull();
        assertThat(connect.password()).containsExactly(0x70);
    }

    @Test
    void anEmptyPayloadIsAccepted() {
        PublishPacket p = publish(decodeOne(bytes(
                0x30,       // PUBLISH QoS 0
                0x04,       // Remaining Length 4
                0x00, 0x01, 0x61, // topic "a"
                0x00),      // property length 0, and nothing after it
                CLIENT));
        assertThat(p.payloadSize()).isZero();
        InboundPublish q1 = (InboundPublish) decodeOne(bytes(
                0x32,       // PUBLISH QoS 1
                0x06,       // Remaining Length 6
                0x00, 0x01, 0x61, // topic "a"
                0x12, 0x34, // packet identifier 0x1234
                0x00),      // property length 0, no payload
                SERVER);
        assertThat(q1.packetId()).isEqualTo(0x1234);
        assertThat(q1.packet().payloadSize()).isZero();
    }

    @Test
    void theLargestFourByteRemainingLengthWaitsForTheBodyWithoutAllocatingIt() throws DecodeException {
        MqttPacketDecoder decoder = new MqttPacketDecoder(CLIENT);
        ByteBuf in = Unpooled.wrappedBuffer(bytes(
                0x30,       // PUBLISH QoS 0
                0xFF, 0xFF, 0xFF, 0x7F, // Remaining Length 268,435,455: 268,435,460 bytes = the protocol maximum
                0x00, 0x01, 0x61, // topic "a"
                0x00));     // property length 0, then (not yet) the payload
        try {
            assertThat(decoder.decode(in)).isNull();
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void aPacketWithTheLargestRemainingLengthDecodes() {
        byte[] packet = new byte[268_435_460];
        packet[0] = 0x30;           // PUBLISH QoS 0
        packet[1] = (byte) 0xFF;    // Remaining Length 268,435,455 (4 bytes)
        packet[2] = (byte) 0xFF;
        packet[3] = (byte) 0xFF;
        packet[4] = 0x7F;
        packet[5] = 0x00;           // topic length 1
        packet[6] = 0x01;
        packet[7] = 0x61;           // "a"
        packet[8] = 0x00;           // property length 0
        packet[packet.length - 1] = 0x5A; // the payload's last byte
        PublishPacket p = publish(decodeOne(packet, CLIENT));
        assertThat(p.payloadSize()).isEqualTo(268_435_455 - 4);
        assertThat(p.payload().get(p.payloadSize() - 1)).isEqualTo((byte) 0x5A);
    }

    @Test
    void theSmallestFourByteRemainingLengthDecodes() {
        byte[] packet = new byte[1 + 4 + 2_097_152];
        packet[0] = 0x30;           // PUBLISH QoS 0
        packet[1] = (byte) 0x80;    // Remaining Length 2,097,152 = 0x80 0x80 0x80 0x01
        packet[2] = (byte) 0x80;
        packet[3] = (byte) 0x80;
        packet[4] = 0x01;
        packet[5] = 0x00;           // topic length 1
        packet[6] = 0x01;
        packet[7] = 0x61;           // "a"
        packet[8] = 0x00;           // property length 0
        assertThat(publish(decodeOne(packet, CLIENT)).payloadSize()).isEqualTo(2_097_152 - 4);
    }

    @Test
    void aPacketOfExactlyTheMaximumPacketSizeIsAccepted() {
        byte[] packet = new byte[100];
        packet[0] = 0x30;  // PUBLISH QoS 0
        packet[1] = 98;    // Remaining Length 98: 1 + 1 + 98 = 100 bytes
        packet[2] = 0x00;  // topic length 1
        packet[3] = 0x01;
        packet[4] = 0x61;  // "a"
        packet[5] = 0x00;  // property length 0, then 94 bytes of payload
        assertThat(publish(decodeOne(packet, DecoderSettings.client(100, 0, true))).payloadSize()).isEqualTo(94);
    }

    @Test
    void aTopicAliasIsMappedThenReusedAndRemapped() {
        List<Object> packets = decodeAll(bytes(
                0x30,       // PUBLISH QoS 0
                0x0A,       // Remaining Length 10
                0x00, 0x03, 0x61, 0x2F, 0x62, // topic "a/b"
                0x03,       // property length 3
                0x23, 0x00, 0x01, // Topic Alias 1: maps 1 → "a/b"
                0x31,       // payload "1"

                0x30,       // PUBLISH QoS 0
                0x07,       // Remaining Length 7
                0x00, 0x00, // topic "": use the alias
                0x03,       // property length 3
                0x23, 0x00, 0x01, // Topic Alias 1
                0x32,       // payload "2"

                0x30,       // PUBLISH QoS 0
                0x08,       // Remaining Length 8
                0x00, 0x01, 0x63, // topic "c"
                0x03,       // property length 3
                0x23, 0x00, 0x01, // Topic Alias 1: remaps 1 → "c"
                0x33,       // payload "3"

                0x30,       // PUBLISH QoS 0
                0x07,       // Remaining Length 7
                0x00, 0x00, // topic ""
                0x03,       // property length 3
                0x23, 0x00, 0x01, // Topic Alias 1
                0x34,       // payload "4"

                0x30,       // PUBLISH QoS 0
                0x08,       // Remaining Length 8
                0x00, 0x01, 0x64, // topic "d"
                0x03,       // property length 3
                0x23, 0x00, 0x0A, // Topic Alias 10: equal to the Topic Alias Maximum
                0x35),      // payload "5"
                CLIENT_ALIASES_10);
        assertThat(packets).hasSize(5);
        assertThat(packets).extracting(p -> publish(p).topic()).containsExactly("a/b", "a/b", "c", "c", "d");
        assertThat(packets).extracting(p -> publish(p).payloadAsString()).containsExactly("1", "2", "3", "4", "5");
        assertThat(packets).extracting(p -> ((InboundPublish) p).topicAlias()).containsExactly(1, 1, 1, 1, 10);
    }

    @Test
    void userPropertiesAndAServersSubscriptionIdentifiersMayRepeat() {
        PublishPacket p = publish(decodeOne(bytes(
                0x30,       // PUBLISH QoS 0
                0x19,       // Remaining Length 25
                0x00, 0x01, 0x61, // topic "a"
                0x15,       // property length 21
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x01, 0x31, // User Property "k" = "1"
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x01, 0x32, // User Property "k" = "2"
                0x0B, 0x01, // Subscription Identifier 1
                0x0B, 0xFF, 0xFF, 0xFF, 0x7F), // Subscription Identifier 268,435,455 (the largest)
                CLIENT));
        assertThat(p.userProperties()).containsExactly(UserProperty.of("k", "1"), UserProperty.of("k", "2"));
        assertThat(p.subscriptionIdentifiers()).containsExactly(1, 268_435_455);
    }

    @Test
    void theShortFormsOfAcknowledgementsDisconnectAndAuthAreAccepted() {
        IdentifiedPacket<?> puback = (IdentifiedPacket<?>) decodeOne(bytes(
                0x40, 0x02, // PUBACK, Remaining Length 2
                0x00, 0x07), // packet identifier 7: reason code Success implied
                CLIENT);
        assertThat(puback.packetId()).isEqualTo(7);
        assertThat(((PubAckPacket) puback.packet()).reasonCode()).isEqualTo(PubAckReasonCode.SUCCESS);

        IdentifiedPacket<?> withCode = (IdentifiedPacket<?>) decodeOne(bytes(
                0x40, 0x03, // PUBACK, Remaining Length 3
                0x00, 0x07, // packet identifier 7
                0x10),      // No matching subscribers; property length omitted
                CLIENT);
        assertThat(((PubAckPacket) withCode.packet()).reasonCode())
                .isEqualTo(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);

        assertThat(decodeOne(bytes(0xE0, 0x00), CLIENT)) // DISCONNECT, Remaining Length 0
                .isEqualTo(DisconnectPacket.of(DisconnectReasonCode.NORMAL_DISCONNECTION));
        assertThat(decodeOne(bytes(0xE0, 0x01, 0x8B), CLIENT)) // DISCONNECT, Server shutting down, no properties
                .isEqualTo(DisconnectPacket.of(DisconnectReasonCode.SERVER_SHUTTING_DOWN));
        assertThat(((AuthPacket) decodeOne(bytes(0xF0, 0x00), CLIENT)).reasonCode()) // AUTH, Remaining Length 0
                .isEqualTo(AuthReasonCode.SUCCESS);
    }

    @Test
    void aClientsDisconnectMayCarryWillMessageAndSessionExpiry() {
        DisconnectPacket d = (DisconnectPacket) decodeOne(bytes(
                0xE0,       // DISCONNECT
                0x07,       // Remaining Length 7
                0x04,       // Disconnect with Will Message
                0x05,       // property length 5
                0x11, 0x00, 0x00, 0x00, 0x3C), // Session Expiry Interval 60
                SERVER);
        assertThat(d.reasonCode()).isEqualTo(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE);
        assertThat(d.sessionExpiryIntervalSeconds()).isEqualTo(60L);
    }

    @Test
    void problemInformationIsStillAcceptedOnConnackDisconnectAndPublishAfterRequestProblemInformation0() {
        ConnAckPacket connack = (ConnAckPacket) decodeOne(bytes(
                0x20,       // CONNACK
                0x07,       // Remaining Length 7
                0x00, 0x00, // acknowledge flags, reason code Success
                0x04,       // property length 4
                0x1F, 0x00, 0x01, 0x78), // Reason String "x"
                CLIENT_NO_PROBLEM_INFO);
        assertThat(connack.reasonString()).isEqualTo("x");

        DisconnectPacket disconnect = (DisconnectPacket) decodeOne(bytes(
                0xE0,       // DISCONNECT
                0x0C,       // Remaining Length 12
                0x00,       // Normal disconnection
                0x0A,       // property length 10
                0x1F, 0x00, 0x01, 0x78, // Reason String "x"
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x00), // User Property "k" = ""
                CLIENT_NO_PROBLEM_INFO);
        assertThat(disconnect.reasonString()).isEqualTo("x");
        assertThat(disconnect.userProperties()).containsExactly(UserProperty.of("k", ""));

        PublishPacket p = publish(decodeOne(bytes(
                0x30,       // PUBLISH QoS 0
                0x0B,       // Remaining Length 11
                0x00, 0x01, 0x61, // topic "a"
                0x07,       // property length 7
                0x26, 0x00, 0x01, 0x6B, 0x00, 0x01, 0x76), // User Property "k" = "v"
                CLIENT_NO_PROBLEM_INFO));
        assertThat(p.userProperties()).containsExactly(UserProperty.of("k", "v"));
    }

    @Test
    void aConnackWithSessionPresentAndSuccessIsAccepted() {
        ConnAckPacket c = (ConnAckPacket) decodeOne(bytes(
                0x20,       // CONNACK
                0x03,       // Remaining Length 3
                0x01,       // Session Present
                0x00,       // Success
                0x00),      // property length 0
                CLIENT);
        assertThat(c.sessionPresent()).isTrue();
    }

    @Test
    void validTopicFiltersIncludingSharedOnesAreAccepted() {
        String[] valid = {"#", "+", "/", "a//b", "a/+/b", "a/#", "+/+/#", "$SYS/#", "$share", "$share/g/#",
            "$share/g/a/+", "$share/group-1/+/x"};
        for (String filter : valid) {
            byte[] f = filter.getBytes(StandardCharsets.UTF_8);
            byte[] packet = concat(
                    bytes(0x82, 2 + 1 + 2 + f.length + 1, // SUBSCRIBE, Remaining Length
                            0x00, 0x01,         // packet identifier 1
                            0x00,               // property length 0
                            0x00, f.length),    // topic filter length
                    f,                          // topic filter
                    bytes(0x2A));               // options: Retain Handling 2, Retain as Published, QoS 2
            IdentifiedPacket<?> decoded = (IdentifiedPacket<?>) decodeOne(packet, SERVER);
            Subscription s = ((SubscribePacket) decoded.packet()).subscriptions().get(0);
            assertThat(s.topicFilter()).isEqualTo(filter);
            assertThat(s.qos()).isEqualTo(QoS.EXACTLY_ONCE);
            assertThat(s.retainHandling()).isEqualTo(RetainHandling.fromCode(2));
        }
    }
}
