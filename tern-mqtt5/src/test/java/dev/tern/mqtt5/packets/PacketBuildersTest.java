package dev.tern.mqtt5.packets;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builders check their input and name the field; packets are immutable and never print secrets. */
class PacketBuildersTest {

    @Test
    void payloadCopiesTheArrayAndPayloadWithoutCopySharesIt() {
        byte[] bytes = {1, 2, 3};
        PublishPacket copied = PublishPacket.builder().topic("t").payload(bytes).build();
        PublishPacket shared = PublishPacket.builder().topic("t").payloadWithoutCopy(bytes).build();
        bytes[0] = 9;
        assertThat(copied.payloadAsBytes()).containsExactly(1, 2, 3);
        assertThat(shared.payloadAsBytes()).containsExactly(9, 2, 3);
        assertThat(PublishPacket.builder().topic("t").payloadWithoutCopy(new byte[0]).build().payloadSize()).isZero();
        assertThatThrownBy(() -> PublishPacket.builder().payloadWithoutCopy(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("payload");
    }

    @Test
    void aPublishPayloadIsCopiedSoLaterChangesDoNotLeakIn() {
        byte[] payload = {1, 2, 3};
        PublishPacket packet = PublishPacket.builder().topic("t").payload(payload).build();
        payload[0] = 9;
        assertThat(packet.payloadAsBytes()).containsExactly(1, 2, 3);
        packet.payloadAsBytes()[1] = 9;
        assertThat(packet.payloadAsBytes()).containsExactly(1, 2, 3);
        assertThat(packet.payload().isReadOnly()).isTrue();
    }

    @Test
    void aByteBufferPayloadIsCopiedFromItsPositionWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap("xhello".getBytes(StandardCharsets.UTF_8));
        buffer.position(1);
        PublishPacket packet = PublishPacket.builder().topic("t").payload(buffer).build();
        assertThat(packet.payloadAsString()).isEqualTo("hello");
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void topicNamesWithWildcardsAreRefusedWithTheTopicInTheMessage() {
        assertThatThrownBy(() -> PublishPacket.builder().topic("a/+/b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/+/b").hasMessageContaining("'+'");
        assertThatThrownBy(() -> PublishPacket.builder().topic(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> PublishPacket.builder().topic(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> PublishPacket.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("topic");
    }

    @Test
    void stringsThatCannotBeEncodedAreRefused() {
        assertThatThrownBy(() -> PublishPacket.builder().topic("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> UserProperty.of("k", "\ud800"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> ConnectPacket.builder().clientId("x".repeat(70_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    }

    @Test
    void numericPropertiesAreRangeChecked() {
        assertThatThrownBy(() -> ConnectPacket.builder().keepAliveIntervalSeconds(65_536))
                .hasMessageContaining("keepAliveIntervalSeconds").hasMessageContaining("65535");
        assertThatThrownBy(() -> ConnectPacket.builder().receiveMaximum(0)).hasMessageContaining("receiveMaximum");
        assertThatThrownBy(() -> ConnectPacket.builder().sessionExpiryIntervalSeconds(1L << 32))
                .hasMessageContaining("sessionExpiryIntervalSeconds");
        assertThatThrownBy(() -> PublishPacket.builder().messageExpiryIntervalSeconds(-1L))
                .hasMessageContaining("messageExpiryIntervalSeconds");
        assertThatThrownBy(() -> SubscribePacket.builder().subscriptionIdentifier(268_435_456))
                .hasMessageContaining("subscriptionIdentifier");
        assertThatThrownBy(() -> PublishPacket.builder().subscriptionIdentifier(0))
                .hasMessageContaining("subscriptionIdentifier");
        assertThatThrownBy(() -> ConnAckPacket.builder().maximumQoS(QoS.EXACTLY_ONCE))
                .hasMessageContaining("maximumQoS");
    }

    @Test
    void binaryDataLongerThan65535BytesIsRefused() {
        assertThatThrownBy(() -> PublishPacket.builder().correlationData(new byte[65_536]))
                .hasMessageContaining("correlationData");
        assertThatThrownBy(() -> ConnectPacket.builder().password(new byte[65_536])).hasMessageContaining("password");
        assertThat(PublishPacket.builder().topic("t").payload(new byte[1 << 20]).build().payloadSize())
                .as("the payload itself is not limited to 65,535 bytes").isEqualTo(1 << 20);
    }

    @Test
    void subscriptionsAreValidated() {
        assertThatThrownBy(() -> Subscription.of("a/#/b", QoS.AT_MOST_ONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/#/b");
        assertThatThrownBy(() -> Subscription.builder().topicFilter("$share/g/a").noLocal(true).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("noLocal");
        assertThatThrownBy(() -> SubscribePacket.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> UnsubscribePacket.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> UnsubscribePacket.of("a+")).hasMessageContaining("a+");
    }

    @Test
    void crossFieldRulesAreCheckedAtBuild() {
        assertThatThrownBy(() -> ConnectPacket.builder().authenticationData(new byte[1]).build())
                .hasMessageContaining("authenticationMethod");
        assertThatThrownBy(() -> ConnAckPacket.builder().reasonCode(ConnectReasonCode.NOT_AUTHORIZED)
                .sessionPresent(true).build()).hasMessageContaining("sessionPresent");
        assertThatThrownBy(() -> AuthPacket.builder().reasonCode(AuthReasonCode.CONTINUE_AUTHENTICATION).build())
                .hasMessageContaining("authenticationMethod");
        assertThat(AuthPacket.builder().build().authenticationMethod()).isNull();
    }

    @Test
    void userPropertiesKeepOrderAndRepeats() {
        PublishPacket packet = PublishPacket.builder().topic("t")
                .userProperty("a", "1").userProperty("b", "2").userProperty("a", "3").build();
        assertThat(packet.userProperties()).containsExactly(
                UserProperty.of("a", "1"), UserProperty.of("b", "2"), UserProperty.of("a", "3"));
        assertThatThrownBy(() -> packet.userProperties().add(UserProperty.of("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderCopiesEverythingAndLeavesTheOriginalAlone() {
        PublishPacket original = PublishPacket.builder().topic("a").payload("p").qos(QoS.EXACTLY_ONCE).retain(true)
                .payloadFormatIndicator(PayloadFormatIndicator.UTF_8).messageExpiryIntervalSeconds(5L)
                .contentType("text/plain").responseTopic("r").correlationData(new byte[] {1})
                .userProperty("k", "v").subscriptionIdentifier(3).build();
        assertThat(original.toBuilder().build()).isEqualTo(original).hasSameHashCodeAs(original);
        PublishPacket changed = original.toBuilder().topic("b").userProperty("k2", "v2").build();
        assertThat(original.topic()).isEqualTo("a");
        assertThat(original.userProperties()).hasSize(1);
        assertThat(changed.userProperties()).hasSize(2);
        assertThat(changed).isNotEqualTo(original);
    }

    @Test
    void secretsNeverAppearInToString() {
        ConnectPacket connect = ConnectPacket.builder().clientId("device-1")
                .username("user?x-amz-customauthorizer-name=auth&token=SECRET-TOKEN")
                .password("SECRET-PASSWORD").authenticationMethod("SCRAM").authenticationData("SECRET-DATA"
                        .getBytes(StandardCharsets.UTF_8)).build();
        assertThat(connect.toString()).contains("device-1", "user?<redacted>", "password=<redacted>", "SCRAM")
                .doesNotContain("SECRET", "x-amz-customauthorizer-name");
        AuthPacket auth = AuthPacket.builder().authenticationMethod("SCRAM")
                .authenticationData("SECRET-DATA".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(auth.toString()).doesNotContain("SECRET");
        ConnAckPacket connAck = ConnAckPacket.builder().authenticationMethod("SCRAM")
                .authenticationData("SECRET-DATA".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(connAck.toString()).doesNotContain("SECRET");
    }

    @Test
    void reasonCodesKnowTheirBytesAndWhetherTheyAreErrors() {
        assertThat(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS.code()).isEqualTo(0x10);
        assertThat(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS.isError()).isFalse();
        assertThat(SubAckReasonCode.GRANTED_QOS_2.isError()).isFalse();
        assertThat(SubAckReasonCode.fromCode(0x8F)).isEqualTo(SubAckReasonCode.TOPIC_FILTER_INVALID);
        assertThat(SubAckReasonCode.fromCode(0x8F).isError()).isTrue();
        assertThat(DisconnectReasonCode.fromCode(0x04)).isEqualTo(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE);
        assertThat(ConnectReasonCode.fromCode(0x01)).as("an MQTT 3.1.1 return code is not a v5 code").isNull();
        assertThat(QoS.fromCode(3)).isNull();
        for (PacketType type : PacketType.values()) {
            assertThat(PacketType.fromCode(type.code())).isEqualTo(type);
        }
        assertThat(List.of(ConnectReasonCode.values())).allSatisfy(
                c -> assertThat(c.isError()).isEqualTo(c != ConnectReasonCode.SUCCESS));
    }
}
