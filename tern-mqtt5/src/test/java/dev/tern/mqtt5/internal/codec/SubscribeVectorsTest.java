package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.RetainHandling;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import org.junit.jupiter.api.Test;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.CLIENT;
import static dev.tern.mqtt5.internal.codec.VectorSupport.SERVER;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertDecodes;
import static dev.tern.mqtt5.internal.codec.VectorSupport.assertRoundTrip;

/**
 * SUBSCRIBE (MQTT 5.0 section 3.8), SUBACK (3.9), UNSUBSCRIBE (3.10) and UNSUBACK (3.11): Packet
 * Identifier, Property Length (always present) and properties, then the payload. SUBSCRIBE and
 * UNSUBSCRIBE have fixed header flags 0010. Subscription Options (3.8.3.1): bits 1-0 QoS, bit 2 No
 * Local, bit 3 Retain As Published, bits 5-4 Retain Handling, bits 7-6 reserved. SUBSCRIBE and
 * UNSUBSCRIBE are decoded by a server-side decoder, SUBACK and UNSUBACK by a client-side one.
 */
class SubscribeVectorsTest {

    // ---------------------------------------------------------------- SUBSCRIBE (3.8)

    @Test
    void aSubscribeWithOneFilterAndNoPropertiesRoundTrips() {
        byte[] wire = bytes(
                0x82, 0x09,          // SUBSCRIBE (type 8, flags 0010), remaining length 9
                0x00, 0x01,          // packet identifier 1
                0x00,                // property length 0
                0x00, 0x03, 'a', '/', '+', // topic filter "a/+"
                0x01);               // subscription options: QoS 1
        assertRoundTrip(new IdentifiedPacket<>(1, SubscribePacket.of("a/+", QoS.AT_LEAST_ONCE)), wire, SERVER);
    }

    private static final IdentifiedPacket<SubscribePacket> WITH_EVERYTHING = new IdentifiedPacket<>(0x0A0B,
            SubscribePacket.builder()
                    .subscriptionIdentifier(16_384)
                    .userProperty("u", "1")
                    .userProperty("u", "2")
                    .subscription(Subscription.builder()
                            .topicFilter("a/#")
                            .qos(QoS.EXACTLY_ONCE)
                            .noLocal(true)
                            .retainAsPublished(true)
                            .retainHandling(RetainHandling.DO_NOT_SEND)
                            .build())
                    .subscription(Subscription.builder()
                            .topicFilter("$share/g/t")
                            .qos(QoS.AT_MOST_ONCE)
                            .retainHandling(RetainHandling.SEND_ON_SUBSCRIBE_IF_NEW)
                            .build())
                    .subscription(Subscription.builder()
                            .topicFilter("ü/+")
                            .qos(QoS.AT_LEAST_ONCE)
                            .retainAsPublished(true)
                            .build())
                    .build());

    @Test
    void aSubscribeWithPropertiesAndEverySubscriptionOptionRoundTrips() {
        byte[] wire = bytes(
                0x82, 0x2F,          // SUBSCRIBE, remaining length 47
                0x0A, 0x0B,          // packet identifier 0x0A0B
                0x12,                // property length 18
                0x0B, 0x80, 0x80, 0x01, // Subscription Identifier 16,384 (three-byte variable byte integer)
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '1', // User Property u=1
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '2', // User Property u=2 (same name, order kept)
                0x00, 0x03, 'a', '/', '#', // topic filter "a/#"
                0x2E,                // options 0010 1110: Retain Handling 2, Retain As Published, No Local, QoS 2
                0x00, 0x0A, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 't', // topic filter "$share/g/t"
                0x10,                // options 0001 0000: Retain Handling 1, QoS 0
                0x00, 0x04, 0xC3, 0xBC, '/', '+', // topic filter "ü/+"
                0x09);               // options 0000 1001: Retain As Published, QoS 1
        assertRoundTrip(WITH_EVERYTHING, wire, SERVER);
    }

    @Test
    void aSubscribeWithAUserPropertyBeforeTheSubscriptionIdentifierDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x82, 0x2F,          // SUBSCRIBE, remaining length 47
                0x0A, 0x0B,          // packet identifier 0x0A0B
                0x12,                // property length 18
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '1', // User Property u=1
                0x0B, 0x80, 0x80, 0x01, // Subscription Identifier 16,384
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '2', // User Property u=2
                0x00, 0x03, 'a', '/', '#', // topic filter "a/#"
                0x2E,                // options: Retain Handling 2, Retain As Published, No Local, QoS 2
                0x00, 0x0A, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 't', // topic filter "$share/g/t"
                0x10,                // options: Retain Handling 1, QoS 0
                0x00, 0x04, 0xC3, 0xBC, '/', '+', // topic filter "ü/+"
                0x09);               // options: Retain As Published, QoS 1
        assertDecodes(wire, WITH_EVERYTHING, SERVER);
    }

    @Test
    void aSubscribeWithASmallSubscriptionIdentifierUsesOneByteForIt() {
        byte[] wire = bytes(
                0x82, 0x09,          // SUBSCRIBE, remaining length 9
                0x00, 0x02,          // packet identifier 2
                0x02,                // property length 2
                0x0B, 0x01,          // Subscription Identifier 1
                0x00, 0x01, 't',     // topic filter "t"
                0x00);               // subscription options: QoS 0, Retain Handling 0
        assertRoundTrip(new IdentifiedPacket<>(2, SubscribePacket.builder()
                        .subscription("t", QoS.AT_MOST_ONCE)
                        .subscriptionIdentifier(1)
                        .build()),
                wire, SERVER);
    }

    @Test
    void aSubscribeWithTheLargestSubscriptionIdentifierUsesFourBytesForIt() {
        byte[] wire = bytes(
                0x82, 0x0C,          // SUBSCRIBE, remaining length 12
                0x00, 0x05,          // packet identifier 5
                0x05,                // property length 5
                0x0B, 0xFF, 0xFF, 0xFF, 0x7F, // Subscription Identifier 268,435,455
                0x00, 0x01, '#',     // topic filter "#"
                0x02);               // subscription options: QoS 2
        assertRoundTrip(new IdentifiedPacket<>(5, SubscribePacket.builder()
                        .subscription("#", QoS.EXACTLY_ONCE)
                        .subscriptionIdentifier(268_435_455)
                        .build()),
                wire, SERVER);
    }

    // ---------------------------------------------------------------- SUBACK (3.9)

    @Test
    void aSubAckWithOneReasonCodeAndNoPropertiesRoundTrips() {
        byte[] wire = bytes(
                0x90, 0x04,          // SUBACK, remaining length 4
                0x00, 0x01,          // packet identifier 1
                0x00,                // property length 0
                0x01);               // reason code 0x01 Granted QoS 1
        assertRoundTrip(new IdentifiedPacket<>(1, SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_1)), wire, CLIENT);
    }

    private static final IdentifiedPacket<SubAckPacket> SUBACK_WITH_PROPERTIES = new IdentifiedPacket<>(0x0A0B,
            SubAckPacket.builder()
                    .reasonCode(SubAckReasonCode.GRANTED_QOS_2)
                    .reasonCode(SubAckReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED)
                    .reasonCode(SubAckReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED)
                    .reasonString("partial")
                    .userProperty("u", "1")
                    .userProperty("u", "2")
                    .build());

    @Test
    void aSubAckWithReasonStringUserPropertiesAndSeveralCodesRoundTrips() {
        byte[] wire = bytes(
                0x90, 0x1E,          // SUBACK, remaining length 30
                0x0A, 0x0B,          // packet identifier 0x0A0B
                0x18,                // property length 24
                0x1F, 0x00, 0x07, 'p', 'a', 'r', 't', 'i', 'a', 'l', // Reason String "partial"
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '1', // User Property u=1
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '2', // User Property u=2
                0x02,                // reason code 0x02 Granted QoS 2
                0x9E,                // reason code 0x9E Shared Subscriptions not supported
                0xA2);               // reason code 0xA2 Wildcard Subscriptions not supported
        assertRoundTrip(SUBACK_WITH_PROPERTIES, wire, CLIENT);
    }

    @Test
    void aSubAckWithTheReasonStringLastDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0x90, 0x1E,          // SUBACK, remaining length 30
                0x0A, 0x0B,          // packet identifier 0x0A0B
                0x18,                // property length 24
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '1', // User Property u=1
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '2', // User Property u=2
                0x1F, 0x00, 0x07, 'p', 'a', 'r', 't', 'i', 'a', 'l', // Reason String "partial"
                0x02,                // reason code 0x02 Granted QoS 2
                0x9E,                // reason code 0x9E Shared Subscriptions not supported
                0xA2);               // reason code 0xA2 Wildcard Subscriptions not supported
        assertDecodes(wire, SUBACK_WITH_PROPERTIES, CLIENT);
    }

    @Test
    void aSubAckCarriesEverySubAckReasonCode() {
        byte[] wire = bytes(
                0x90, 0x0F,          // SUBACK, remaining length 15
                0x00, 0x03,          // packet identifier 3
                0x00,                // property length 0
                0x00,                // Granted QoS 0
                0x01,                // Granted QoS 1
                0x02,                // Granted QoS 2
                0x80,                // Unspecified error
                0x83,                // Implementation specific error
                0x87,                // Not authorized
                0x8F,                // Topic Filter invalid
                0x91,                // Packet Identifier in use
                0x97,                // Quota exceeded
                0x9E,                // Shared Subscriptions not supported
                0xA1,                // Subscription Identifiers not supported
                0xA2);               // Wildcard Subscriptions not supported
        assertRoundTrip(new IdentifiedPacket<>(3, SubAckPacket.of(
                        SubAckReasonCode.GRANTED_QOS_0,
                        SubAckReasonCode.GRANTED_QOS_1,
                        SubAckReasonCode.GRANTED_QOS_2,
                        SubAckReasonCode.UNSPECIFIED_ERROR,
                        SubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                        SubAckReasonCode.NOT_AUTHORIZED,
                        SubAckReasonCode.TOPIC_FILTER_INVALID,
                        SubAckReasonCode.PACKET_IDENTIFIER_IN_USE,
                        SubAckReasonCode.QUOTA_EXCEEDED,
                        SubAckReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED,
                        SubAckReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                        SubAckReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED)),
                wire, CLIENT);
    }

    // ---------------------------------------------------------------- UNSUBSCRIBE (3.10)

    @Test
    void anUnsubscribeWithOneFilterAndNoPropertiesRoundTrips() {
        byte[] wire = bytes(
                0xA2, 0x06,          // UNSUBSCRIBE (type 10, flags 0010), remaining length 6
                0x00, 0x01,          // packet identifier 1
                0x00,                // property length 0
                0x00, 0x01, 't');    // topic filter "t"
        assertRoundTrip(new IdentifiedPacket<>(1, UnsubscribePacket.of("t")), wire, SERVER);
    }

    @Test
    void anUnsubscribeWithUserPropertiesAndSeveralFiltersRoundTrips() {
        byte[] wire = bytes(
                0xA2, 0x24,          // UNSUBSCRIBE, remaining length 36
                0x00, 0x02,          // packet identifier 2
                0x0E,                // property length 14
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '1', // User Property u=1
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '2', // User Property u=2
                0x00, 0x03, 'a', '/', '#', // topic filter "a/#"
                0x00, 0x0C, '$', 's', 'h', 'a', 'r', 'e', '/', 'g', '/', 0xE2, 0x82, 0xAC); // "$share/g/€"
        assertRoundTrip(new IdentifiedPacket<>(2, UnsubscribePacket.builder()
                        .userProperty("u", "1")
                        .userProperty("u", "2")
                        .topicFilter("a/#")
                        .topicFilter("$share/g/€")
                        .build()),
                wire, SERVER);
    }

    @Test
    void anUnsubscribeWithAnEmojiFilterAndTheHighestPacketIdentifierRoundTrips() {
        byte[] wire = bytes(
                0xA2, 0x0B,          // UNSUBSCRIBE, remaining length 11
                0xFF, 0xFF,          // packet identifier 65535
                0x00,                // property length 0
                0x00, 0x06, 0xF0, 0x9F, 0x98, 0x80, '/', '#'); // topic filter "😀/#" (U+1F600, 4 bytes)
        assertRoundTrip(new IdentifiedPacket<>(65535, UnsubscribePacket.of("\uD83D\uDE00/#")), wire, SERVER);
    }

    // ---------------------------------------------------------------- UNSUBACK (3.11)

    @Test
    void anUnsubAckWithOneReasonCodeAndNoPropertiesRoundTrips() {
        byte[] wire = bytes(
                0xB0, 0x04,          // UNSUBACK, remaining length 4
                0x00, 0x01,          // packet identifier 1
                0x00,                // property length 0
                0x00);               // reason code 0x00 Success
        assertRoundTrip(new IdentifiedPacket<>(1, UnsubAckPacket.of(UnsubAckReasonCode.SUCCESS)), wire, CLIENT);
    }

    private static final IdentifiedPacket<UnsubAckPacket> UNSUBACK_WITH_PROPERTIES = new IdentifiedPacket<>(3,
            UnsubAckPacket.builder()
                    .reasonCode(UnsubAckReasonCode.SUCCESS)
                    .reasonCode(UnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED)
                    .reasonCode(UnsubAckReasonCode.NOT_AUTHORIZED)
                    .reasonString("done")
                    .userProperty("u", "1")
                    .userProperty("u", "2")
                    .build());

    @Test
    void anUnsubAckWithReasonStringUserPropertiesAndSeveralCodesRoundTrips() {
        byte[] wire = bytes(
                0xB0, 0x1B,          // UNSUBACK, remaining length 27
                0x00, 0x03,          // packet identifier 3
                0x15,                // property length 21
                0x1F, 0x00, 0x04, 'd', 'o', 'n', 'e', // Reason String "done"
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '1', // User Property u=1
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '2', // User Property u=2
                0x00,                // reason code 0x00 Success
                0x11,                // reason code 0x11 No subscription existed
                0x87);               // reason code 0x87 Not authorized
        assertRoundTrip(UNSUBACK_WITH_PROPERTIES, wire, CLIENT);
    }

    @Test
    void anUnsubAckWithTheReasonStringBetweenUserPropertiesDecodesToTheSamePacket() {
        byte[] wire = bytes(
                0xB0, 0x1B,          // UNSUBACK, remaining length 27
                0x00, 0x03,          // packet identifier 3
                0x15,                // property length 21
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '1', // User Property u=1
                0x1F, 0x00, 0x04, 'd', 'o', 'n', 'e', // Reason String "done"
                0x26, 0x00, 0x01, 'u', 0x00, 0x01, '2', // User Property u=2
                0x00,                // reason code 0x00 Success
                0x11,                // reason code 0x11 No subscription existed
                0x87);               // reason code 0x87 Not authorized
        assertDecodes(wire, UNSUBACK_WITH_PROPERTIES, CLIENT);
    }

    @Test
    void anUnsubAckCarriesEveryUnsubAckReasonCode() {
        byte[] wire = bytes(
                0xB0, 0x0A,          // UNSUBACK, remaining length 10
                0x00, 0x04,          // packet identifier 4
                0x00,                // property length 0
                0x00,                // Success
                0x11,                // No subscription existed
                0x80,                // Unspecified error
                0x83,                // Implementation specific error
                0x87,                // Not authorized
                0x8F,                // Topic Filter invalid
                0x91);               // Packet Identifier in use
        assertRoundTrip(new IdentifiedPacket<>(4, UnsubAckPacket.of(
                        UnsubAckReasonCode.SUCCESS,
                        UnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED,
                        UnsubAckReasonCode.UNSPECIFIED_ERROR,
                        UnsubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                        UnsubAckReasonCode.NOT_AUTHORIZED,
                        UnsubAckReasonCode.TOPIC_FILTER_INVALID,
                        UnsubAckReasonCode.PACKET_IDENTIFIER_IN_USE)),
                wire, CLIENT);
    }
}
