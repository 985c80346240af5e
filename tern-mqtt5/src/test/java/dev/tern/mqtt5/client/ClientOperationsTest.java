package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.OfflineQueueBehavior;
import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubCompReasonCode;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PubRecReasonCode;
import dev.tern.mqtt5.packets.PubRelPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.testing.PeerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publish, subscribe and unsubscribe, against the scripted server. */
class ClientOperationsTest {

    private ScriptedClientFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static PublishPacket publish(String topic, QoS qos) {
        return PublishPacket.builder().topic(topic).payload("payload of " + topic).qos(qos).build();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aQos1PublishCompletesWithTheServersPubAck() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> future = fixture.client.publish(publish("a/1", QoS.AT_LEAST_ONCE));
        InboundPublish sent = peer.expectPublish();
        assertThat(sent.packet().topic()).isEqualTo("a/1");
        assertThat(sent.packetId()).isPositive();
        assertThat(sent.dup()).isFalse();
        assertThat(future).isNotDone();
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubAckPacket.builder()
                .reasonCode(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS).reasonString("nobody").build()));
        PublishResult result = await(future);
        assertThat(result.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(result.pubAck().reasonCode()).isEqualTo(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        assertThat(result.pubAck().reasonString()).isEqualTo("nobody");
        assertThat(result.isSuccess()).isTrue();
    }

    @Test
    void aFailingReasonCodeIsOnTheResultAndDoesNotFailTheFuture() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> future = fixture.client.publish(publish("a/2", QoS.AT_LEAST_ONCE));
        InboundPublish sent = peer.expectPublish();
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubAckPacket.of(PubAckReasonCode.NOT_AUTHORIZED)));
        PublishResult result = await(future);
        assertThat(result.pubAck().reasonCode().isError()).isTrue();
        assertThat(result.isSuccess()).isFalse();
    }

    @Test
    void aQos2PublishCompletesAfterPubRecPubRelPubComp() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> future = fixture.client.publish(publish("a/3", QoS.EXACTLY_ONCE));
        InboundPublish sent = peer.expectPublish();
        assertThat(sent.packet().qos()).isEqualTo(QoS.EXACTLY_ONCE);
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubRecPacket.of(PubRecReasonCode.SUCCESS)));
        IdentifiedPacket<PubRelPacket> pubRel = peer.expectIdentified(PubRelPacket.class);
        assertThat(pubRel.packetId()).isEqualTo(sent.packetId());
        assertThat(future).isNotDone();
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubCompPacket.of(PubCompReasonCode.SUCCESS)));
        PublishResult result = await(future);
        assertThat(result.pubRec().reasonCode()).isEqualTo(PubRecReasonCode.SUCCESS);
        assertThat(result.pubComp().reasonCode()).isEqualTo(PubCompReasonCode.SUCCESS);
    }

    @Test
    void aQos2PublishWhosePubRecFailsEndsThereWithoutPubRel() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> future = fixture.client.publish(publish("a/4", QoS.EXACTLY_ONCE));
        InboundPublish sent = peer.expectPublish();
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubRecPacket.of(PubRecReasonCode.QUOTA_EXCEEDED)));
        PublishResult result = await(future);
        assertThat(result.pubRec().reasonCode()).isEqualTo(PubRecReasonCode.QUOTA_EXCEEDED);
        assertThat(result.pubComp()).isNull();
        assertThat(peer.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void aQos0PublishCompletesWhenWritten() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        PublishResult result = await(fixture.client.publish(publish("a/5", QoS.AT_MOST_ONCE)));
        assertThat(result.qos()).isEqualTo(QoS.AT_MOST_ONCE);
        assertThat(result.pubAck()).isNull();
        assertThat(peer.expectPublish().packetId()).isZero();
    }

    @Test
    void subscribeAndUnsubscribeCompleteWithTheirAcknowledgements() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<SubAckPacket> subscribed = fixture.client.subscribe(SubscribePacket.builder()
                .subscription("x/+", QoS.AT_LEAST_ONCE).subscription("y/#", QoS.EXACTLY_ONCE).build());
        IdentifiedPacket<SubscribePacket> subscribe = peer.expectIdentified(SubscribePacket.class);
        assertThat(subscribe.packet().subscriptions()).hasSize(2);
        peer.send(new IdentifiedPacket<>(subscribe.packetId(),
                SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_1, SubAckReasonCode.NOT_AUTHORIZED)));
        SubAckPacket subAck = await(subscribed);
        assertThat(subAck.reasonCodes()).containsExactly(SubAckReasonCode.GRANTED_QOS_1,
                SubAckReasonCode.NOT_AUTHORIZED);
        assertThat(subAck.hasError()).isTrue();

        CompletableFuture<UnsubAckPacket> unsubscribed = fixture.client.unsubscribe(UnsubscribePacket.of("x/+"));
        IdentifiedPacket<UnsubscribePacket> unsubscribe = peer.expectIdentified(UnsubscribePacket.class);
        assertThat(unsubscribe.packet().topicFilters()).containsExactly("x/+");
        peer.send(new IdentifiedPacket<>(unsubscribe.packetId(), UnsubAckPacket.of(UnsubAckReasonCode.SUCCESS)));
        assertThat(await(unsubscribed).reasonCodes()).containsExactly(UnsubAckReasonCode.SUCCESS);
    }

    @Test
    void neverMoreQos1PublishesInFlightThanTheServersReceiveMaximumAndTheRestFollowInOrder() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect(ConnAckPacket.builder().receiveMaximum(2).build());
        CompletableFuture<?>[] futures = new CompletableFuture<?>[5];
        for (int i = 0; i < 5; i++) {
            futures[i] = fixture.client.publish(publish("flow/" + i, QoS.AT_LEAST_ONCE));
        }
        InboundPublish first = peer.expectPublish();
        InboundPublish second = peer.expectPublish();
        assertThat(first.packet().topic()).isEqualTo("flow/0");
        assertThat(second.packet().topic()).isEqualTo("flow/1");
        assertThat(peer.poll(Duration.ofMillis(300))).as("a third publish beyond Receive Maximum 2").isNull();
        assertThat(fixture.client.operationStatistics().unackedOperationCount()).isEqualTo(2);
        assertThat(fixture.client.operationStatistics().incompleteOperationCount()).isEqualTo(5);

        peer.send(new IdentifiedPacket<>(first.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        InboundPublish third = peer.expectPublish();
        assertThat(third.packet().topic()).isEqualTo("flow/2");
        assertThat(peer.poll(Duration.ofMillis(200))).isNull();
        peer.send(new IdentifiedPacket<>(second.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        peer.send(new IdentifiedPacket<>(third.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        InboundPublish fourth = peer.expectPublish();
        InboundPublish fifth = peer.expectPublish();
        assertThat(fourth.packet().topic()).isEqualTo("flow/3");
        assertThat(fifth.packet().topic()).isEqualTo("flow/4");
        peer.send(new IdentifiedPacket<>(fourth.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        peer.send(new IdentifiedPacket<>(fifth.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        CompletableFuture.allOf(futures).get(10, TimeUnit.SECONDS);
        assertThat(fixture.client.operationStatistics().incompleteOperationCount()).isZero();
        assertThat(fixture.client.operationStatistics().unackedOperationCount()).isZero();
    }

    @Test
    void aPublishLargerThanTheServersMaximumPacketSizeFailsWithoutBeingSent() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect(ConnAckPacket.builder().maximumPacketSize(100L).build());
        CompletableFuture<PublishResult> future = fixture.client.publish(PublishPacket.builder().topic("big")
                .payload(new byte[200]).qos(QoS.AT_LEAST_ONCE).build());
        assertThatThrownBy(() -> await(future)).hasCauseInstanceOf(PacketTooLargeException.class)
                .hasMessageContaining("100");
        assertThat(peer.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void aQosAboveTheServersMaximumFailsAsUnsupported() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect(ConnAckPacket.builder().maximumQoS(QoS.AT_LEAST_ONCE).build());
        CompletableFuture<PublishResult> future = fixture.client.publish(publish("q2", QoS.EXACTLY_ONCE));
        assertThatThrownBy(() -> await(future)).cause().isInstanceOfSatisfying(Mqtt5Exception.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_SERVER));
        assertThat(peer.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void operationsSubmittedOfflineWaitOrFailAsTheOfflineQueueBehaviourSays() throws Exception {
        fixture = new ScriptedClientFixture(b -> b.offlineQueueBehavior(
                OfflineQueueBehavior.FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT));
        CompletableFuture<PublishResult> qos0 = fixture.client.publish(publish("off/0", QoS.AT_MOST_ONCE));
        CompletableFuture<PublishResult> qos1 = fixture.client.publish(publish("off/1", QoS.AT_LEAST_ONCE));
        CompletableFuture<SubAckPacket> subscribe = fixture.client.subscribe(SubscribePacket.of("off/#", QoS.AT_MOST_ONCE));
        assertThatThrownBy(() -> await(qos0)).cause().isInstanceOfSatisfying(Mqtt5Exception.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CONNECTED));
        assertThatThrownBy(() -> await(subscribe)).cause().isInstanceOfSatisfying(Mqtt5Exception.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_CONNECTED));
        assertThat(qos1).isNotDone();

        PeerConnection peer = fixture.connect();
        InboundPublish sent = peer.expectPublish();
        assertThat(sent.packet().topic()).isEqualTo("off/1");
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(await(qos1).pubAck()).isNotNull();
    }

    @Test
    void theOfflineQueueIsBoundedAndRefusesWhatExceedsItAtOnce() {
        fixture = new ScriptedClientFixture(b -> b.maxQueuedOperations(3));
        for (int i = 0; i < 3; i++) {
            fixture.client.publish(publish("bound/" + i, QoS.AT_LEAST_ONCE));
        }
        CompletableFuture<PublishResult> fourth = fixture.client.publish(publish("bound/3", QoS.AT_LEAST_ONCE));
        assertThatThrownBy(() -> await(fourth)).cause().isInstanceOfSatisfying(Mqtt5Exception.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.OFFLINE_QUEUE_FULL));
    }

    @Test
    void aCancelledQueuedPublishIsNeverSent() throws Exception {
        fixture = new ScriptedClientFixture();
        CompletableFuture<PublishResult> cancelled = fixture.client.publish(publish("cancel/0", QoS.AT_LEAST_ONCE));
        CompletableFuture<PublishResult> kept = fixture.client.publish(publish("cancel/1", QoS.AT_LEAST_ONCE));
        assertThat(cancelled.cancel(false)).isTrue();
        PeerConnection peer = fixture.connect();
        InboundPublish sent = peer.expectPublish();
        assertThat(sent.packet().topic()).isEqualTo("cancel/1");
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        await(kept);
        assertThat(peer.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void anAcknowledgementTimeoutFailsTheFutureButTheLateAckStillFreesTheIdentifier() throws Exception {
        fixture = new ScriptedClientFixture(b -> b.ackTimeout(Duration.ofMillis(200)));
        PeerConnection peer = fixture.connect(ConnAckPacket.builder().receiveMaximum(1).build());
        CompletableFuture<PublishResult> timedOut = fixture.client.publish(publish("slow/0", QoS.AT_LEAST_ONCE));
        CompletableFuture<PublishResult> next = fixture.client.publish(publish("slow/1", QoS.AT_LEAST_ONCE));
        InboundPublish first = peer.expectPublish();
        assertThatThrownBy(() -> await(timedOut)).cause().isInstanceOfSatisfying(Mqtt5Exception.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.ACK_TIMEOUT));
        assertThat(peer.poll(Duration.ofMillis(200))).as("the slot stays taken until the late PUBACK").isNull();
        peer.send(new IdentifiedPacket<>(first.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        InboundPublish second = peer.expectPublish();
        assertThat(second.packet().topic()).isEqualTo("slow/1");
        peer.send(new IdentifiedPacket<>(second.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        await(next);
    }

    @Test
    void futureStagesRunOffTheNetworkThread() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<String> thread = fixture.client.publish(publish("t", QoS.AT_LEAST_ONCE))
                .thenApply(result -> Thread.currentThread().getName());
        InboundPublish sent = peer.expectPublish();
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(await(thread)).doesNotStartWith("tern-io");
    }
}
