package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.AuthPacket;
import dev.tern.mqtt5.packets.AuthReasonCode;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PayloadFormatIndicator;
import dev.tern.mqtt5.packets.PingReqPacket;
import dev.tern.mqtt5.packets.PingRespPacket;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubCompReasonCode;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRecReasonCode;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.PubRelReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.RetainHandling;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.packets.WillMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.tern.mqtt5.internal.codec.CodecFixture.encode;

/**
 * Valid packets of every type, encoded by the real encoder: what a server sends (for a client's
 * decoder) and what a client sends (for a server's decoder). Each entry is the wire form of one packet,
 * or of a short run of packets that belong together (a topic alias mapped, then used). Topic aliases
 * stay at or below {@link #TOPIC_ALIAS_MAXIMUM}.
 */
final class DecoderSamples {

    static final int TOPIC_ALIAS_MAXIMUM = 10;

    private DecoderSamples() {
    }

    /** Packets a server sends: decode with a client's decoder. */
    static List<byte[]> fromServer(boolean includeLarge) {
        List<byte[]> out = new ArrayList<>();
        out.add(encode(ConnAckPacket.builder().reasonCode(ConnectReasonCode.SUCCESS).build()));
        out.add(encode(ConnAckPacket.builder()
                .sessionPresent(true)
                .reasonCode(ConnectReasonCode.SUCCESS)
                .sessionExpiryIntervalSeconds(3600L)
                .receiveMaximum(100)
                .maximumQoS(QoS.AT_LEAST_ONCE)
                .retainAvailable(false)
                .maximumPacketSize(65_536L)
                .assignedClientIdentifier("assigned-é")
                .topicAliasMaximum(5)
                .reasonString("welcome")
                .userProperty("k", "v")
                .userProperty("k", "w")
                .wildcardSubscriptionsAvailable(true)
                .subscriptionIdentifiersAvailable(false)
                .sharedSubscriptionsAvailable(true)
                .serverKeepAliveSeconds(30)
                .responseInformation("resp/")
                .serverReference("other:1883")
                .authenticationMethod("SCRAM")
                .authenticationData(new byte[] {1, 2, 3})
                .build()));
        out.add(encode(ConnAckPacket.builder().reasonCode(ConnectReasonCode.NOT_AUTHORIZED)
                .reasonString("no").build()));

        out.add(encode(OutboundPublish.of(PublishPacket.builder().topic("a/b").payload("hi").build(), 0, false)));
        out.add(encode(OutboundPublish.of(PublishPacket.builder()
                .topic("sensors/temp/°C")
                .payload(new byte[300])
                .qos(QoS.AT_LEAST_ONCE)
                .payloadFormatIndicator(PayloadFormatIndicator.UTF_8)
                .messageExpiryIntervalSeconds(120L)
                .contentType("text/plain")
                .responseTopic("reply/to")
                .correlationData(new byte[] {9, 8, 7})
                .userProperty("a", "1")
                .userProperty("a", "2")
                .subscriptionIdentifier(1)
                .subscriptionIdentifier(268_435_455)
                .build(), 42, false)));
        out.add(encode(OutboundPublish.of(PublishPacket.builder().topic("x").payload("dup")
                .qos(QoS.EXACTLY_ONCE).retain(true).build(), 65_535, true)));
        PublishPacket aliased = PublishPacket.builder().topic("long/topic/name").payload("1").build();
        out.add(CodecFixture.concat(
                encode(OutboundPublish.of(aliased, 0, false, 3, true)),
                encode(OutboundPublish.of(aliased, 0, false, 3, false)),
                encode(OutboundPublish.of(aliased, 0, false, TOPIC_ALIAS_MAXIMUM, true))));

        out.add(encode(new IdentifiedPacket<>(1, PubAckPacket.of(PubAckReasonCode.SUCCESS))));
        out.add(encode(new IdentifiedPacket<>(2, PubAckPacket.builder()
                .reasonCode(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS).reasonString("none")
                .userProperty("u", "p").build())));
        out.add(encode(new IdentifiedPacket<>(3, PubRecPacket.of(PubRecReasonCode.QUOTA_EXCEEDED))));
        out.add(encode(new IdentifiedPacket<>(4, PubRelPacket.of(PubRelReasonCode.PACKET_IDENTIFIER_NOT_FOUND))));
        out.add(encode(new IdentifiedPacket<>(5, PubCompPacket.builder().reasonCode(PubCompReasonCode.SUCCESS)
                .reasonString("ok").build())));
        out.add(encode(new IdentifiedPacket<>(6, SubAckPacket.builder()
                .reasonCode(SubAckReasonCode.GRANTED_QOS_0)
                .reasonCode(SubAckReasonCode.GRANTED_QOS_2)
                .reasonCode(SubAckReasonCode.TOPIC_FILTER_INVALID)
                .reasonString("partly").userProperty("x", "y").build())));
        out.add(encode(new IdentifiedPacket<>(7, UnsubAckPacket.of(UnsubAckReasonCode.SUCCESS,
                UnsubAckReasonCode.NO_SUBSCRIPTION_EXISTED))));
        out.add(encode(PingRespPacket.INSTANCE));
        out.add(encode(DisconnectPacket.of(DisconnectReasonCode.NORMAL_DISCONNECTION)));
        out.add(encode(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.SERVER_MOVED)
                .reasonString("moved").serverReference("elsewhere").userProperty("a", "b").build()));
        out.add(encode(AuthPacket.builder().build()));
        out.add(encode(AuthPacket.builder().reasonCode(AuthReasonCode.CONTINUE_AUTHENTICATION)
                .authenticationMethod("SCRAM").authenticationData(new byte[] {4, 5, 6})
                .reasonString("more").userProperty("n", "v").build()));
        if (includeLarge) {
            // Remaining Lengths of 2 and 3 bytes.
            out.add(encode(OutboundPublish.of(PublishPacket.builder().topic("big")
                    .payload(new byte[200]).build(), 0, false)));
            out.add(encode(OutboundPublish.of(PublishPacket.builder().topic("bigger")
                    .payload(new byte[20_000]).qos(QoS.AT_LEAST_ONCE).build(), 9, false)));
        }
        return Collections.unmodifiableList(out);
    }

    /** Packets a client sends: decode with a server's decoder. */
    static List<byte[]> fromClient(boolean includeLarge) {
        List<byte[]> out = new ArrayList<>();
        out.add(encode(ConnectPacket.builder().clientId("c").build()));
        out.add(encode(ConnectPacket.builder()
                .clientId("client-ü")
                .cleanStart(false)
                .keepAliveIntervalSeconds(15)
                .username("user")
                .password("secret")
                .sessionExpiryIntervalSeconds(86_400L)
                .receiveMaximum(20)
                .maximumPacketSize(1_000_000L)
                .topicAliasMaximum(TOPIC_ALIAS_MAXIMUM)
                .requestResponseInformation(true)
                .requestProblemInformation(false)
                .authenticationMethod("SCRAM")
                .authenticationData(new byte[] {1})
                .userProperty("k", "v")
                .will(WillMessage.builder()
                        .topic("will/topic")
                        .payload("gone")
                        .qos(QoS.AT_LEAST_ONCE)
                        .retain(true)
                        .delayIntervalSeconds(10L)
                        .payloadFormatIndicator(PayloadFormatIndicator.UTF_8)
                        .messageExpiryIntervalSeconds(60L)
                        .contentType("text/plain")
                        .responseTopic("will/reply")
                        .correlationData(new byte[] {7})
                        .userProperty("w", "p")
                        .build())
                .build()));
        out.add(encode(new IdentifiedPacket<>(11, SubscribePacket.builder()
                .subscription(Subscription.of("a/+/c", QoS.AT_LEAST_ONCE))
                .subscription(Subscription.builder().topicFilter("b/#").qos(QoS.EXACTLY_ONCE).noLocal(true)
                        .retainAsPublished(true).retainHandling(RetainHandling.DO_NOT_SEND).build())
                .subscription(Subscription.of("$share/g/d", QoS.AT_MOST_ONCE))
                .subscriptionIdentifier(77)
                .userProperty("s", "t")
                .build())));
        out.add(encode(new IdentifiedPacket<>(12, UnsubscribePacket.builder().topicFilter("a/+/c")
                .topicFilter("$share/g/d").userProperty("u", "v").build())));
        out.add(encode(PingReqPacket.INSTANCE));
        PublishPacket aliased = PublishPacket.builder().topic("up/stream").payload("v").qos(QoS.AT_LEAST_ONCE)
                .contentType("json").correlationData(new byte[] {1, 2}).responseTopic("r")
                .userProperty("a", "b").build();
        out.add(CodecFixture.concat(
                encode(OutboundPublish.of(aliased, 13, false, 2, true)),
                encode(OutboundPublish.of(aliased, 14, true, 2, false))));
        out.add(encode(OutboundPublish.of(PublishPacket.builder().topic("t").payload(new byte[0]).build(), 0, false)));
        out.add(encode(new IdentifiedPacket<>(15, PubAckPacket.of(PubAckReasonCode.SUCCESS))));
        out.add(encode(new IdentifiedPacket<>(16, PubRecPacket.builder().reasonCode(PubRecReasonCode.SUCCESS)
                .userProperty("x", "").build())));
        out.add(encode(new IdentifiedPacket<>(17, PubRelPacket.of(PubRelReasonCode.SUCCESS))));
        out.add(encode(new IdentifiedPacket<>(18, PubCompPacket.of(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND))));
        out.add(encode(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                .sessionExpiryIntervalSeconds(0L).reasonString("bye").build()));
        out.add(encode(DisconnectPacket.of(DisconnectReasonCode.NORMAL_DISCONNECTION)));
        out.add(encode(AuthPacket.builder().reasonCode(AuthReasonCode.REAUTHENTICATE)
                .authenticationMethod("SCRAM").build()));
        if (includeLarge) {
            out.add(encode(OutboundPublish.of(PublishPacket.builder().topic("big/up")
                    .payload(new byte[17_000]).qos(QoS.EXACTLY_ONCE).build(), 19, false)));
        }
        return Collections.unmodifiableList(out);
    }
}
