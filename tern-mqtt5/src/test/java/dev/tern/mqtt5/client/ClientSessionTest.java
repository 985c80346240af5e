package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.OfflineQueueBehavior;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.ResubscribeEvent;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.internal.codec.OutboundPublish;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
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
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.testing.PeerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Session state across connections: resends, session loss, inbound QoS 2, resubscription. */
class ClientSessionTest {

    private ScriptedClientFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static PublishPacket publish(String topic, QoS qos) {
        return PublishPacket.builder().topic(topic).payload(topic).qos(qos).build();
    }

    private ScriptedClientFixture rejoining() {
        return new ScriptedClientFixture(b -> b.sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .connectOptions(ConnectPacket.builder().clientId("session").keepAliveIntervalSeconds(0)
                        .sessionExpiryIntervalSeconds(600L).build()));
    }

    /** Drops the connection and accepts the client's reconnect, answering with {@code sessionPresent}. */
    private PeerConnection reconnect(PeerConnection peer, boolean sessionPresent) {
        peer.close();
        fixture.events.await(DisconnectionEvent.class);
        PeerConnection next = fixture.server.accept();
        ConnectPacket connect = next.handshake(ConnAckPacket.builder().sessionPresent(sessionPresent).build());
        assertThat(connect.cleanStart()).isFalse();
        fixture.events.await(ConnectionSuccessEvent.class);
        return next;
    }

    @Test
    void aResumedSessionResendsUnacknowledgedPublishesWithDupAndPendingPubRelsInTheirOriginalOrder()
            throws Exception {
        fixture = rejoining();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> a = fixture.client.publish(publish("order/a", QoS.AT_LEAST_ONCE));
        CompletableFuture<PublishResult> b = fixture.client.publish(publish("order/b", QoS.EXACTLY_ONCE));
        CompletableFuture<PublishResult> c = fixture.client.publish(publish("order/c", QoS.EXACTLY_ONCE));
        InboundPublish pa = peer.expectPublish();
        InboundPublish pb = peer.expectPublish();
        InboundPublish pc = peer.expectPublish();
        peer.send(new IdentifiedPacket<>(pb.packetId(), PubRecPacket.of(PubRecReasonCode.SUCCESS)));
        assertThat(peer.expectIdentified(PubRelPacket.class).packetId()).isEqualTo(pb.packetId());

        PeerConnection resumed = reconnect(peer, true);
        InboundPublish ra = resumed.expectPublish();
        IdentifiedPacket<PubRelPacket> rb = resumed.expectIdentified(PubRelPacket.class);
        InboundPublish rc = resumed.expectPublish();
        assertThat(ra.packet().topic()).isEqualTo("order/a");
        assertThat(ra.packetId()).isEqualTo(pa.packetId());
        assertThat(ra.dup()).isTrue();
        assertThat(rb.packetId()).isEqualTo(pb.packetId());
        assertThat(rc.packetId()).isEqualTo(pc.packetId());
        assertThat(rc.dup()).isTrue();

        resumed.send(new IdentifiedPacket<>(pa.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        resumed.send(new IdentifiedPacket<>(pb.packetId(), PubCompPacket.of(PubCompReasonCode.SUCCESS)));
        resumed.send(new IdentifiedPacket<>(pc.packetId(), PubRecPacket.of(PubRecReasonCode.SUCCESS)));
        resumed.expectIdentified(PubRelPacket.class);
        resumed.send(new IdentifiedPacket<>(pc.packetId(), PubCompPacket.of(PubCompReasonCode.SUCCESS)));
        assertThat(a.get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
        assertThat(b.get(10, TimeUnit.SECONDS).pubComp()).isNotNull();
        assertThat(c.get(10, TimeUnit.SECONDS).pubComp()).isNotNull();
    }

    @Test
    void whenTheSessionIsLostUnacknowledgedPublishesAreSentAgainAsNewMessages() throws Exception {
        fixture = rejoining();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> a = fixture.client.publish(publish("lost/a", QoS.AT_LEAST_ONCE));
        peer.expectPublish();
        PeerConnection fresh = reconnect(peer, false);
        InboundPublish again = fresh.expectPublish();
        assertThat(again.packet().topic()).isEqualTo("lost/a");
        assertThat(again.dup()).isFalse();
        fresh.send(new IdentifiedPacket<>(again.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(a.get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
    }

    @Test
    void underFailAllALostSessionFailsUnacknowledgedPublishesWithSessionLost() {
        fixture = new ScriptedClientFixture(b -> b.sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .offlineQueueBehavior(OfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT));
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> a = fixture.client.publish(publish("lost/b", QoS.AT_LEAST_ONCE));
        peer.expectPublish();
        reconnect(peer, false);
        assertThatThrownBy(() -> a.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(Mqtt5Exception.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.SESSION_LOST));
    }

    @Test
    void anIncomingQos2MessageReachesTheApplicationOnceAcrossResendsAndReconnects() throws Exception {
        fixture = rejoining();
        PeerConnection peer = fixture.connect();
        PublishPacket message = publish("in/q2", QoS.EXACTLY_ONCE);
        peer.send(OutboundPublish.of(message, 42, false));
        assertThat(fixture.nextMessage().publishPacket()).isEqualTo(message);
        assertThat(peer.expectIdentified(PubRecPacket.class).packetId()).isEqualTo(42);
        peer.send(OutboundPublish.of(message, 42, true)); // the server resends before it saw the PUBREC
        assertThat(peer.expectIdentified(PubRecPacket.class).packetId()).isEqualTo(42);

        PeerConnection resumed = reconnect(peer, true);
        resumed.send(OutboundPublish.of(message, 42, true));
        assertThat(resumed.expectIdentified(PubRecPacket.class).packetId()).isEqualTo(42);
        resumed.send(new IdentifiedPacket<>(42, PubRelPacket.of(PubRelReasonCode.SUCCESS)));
        IdentifiedPacket<PubCompPacket> pubComp = resumed.expectIdentified(PubCompPacket.class);
        assertThat(pubComp.packet().reasonCode()).isEqualTo(PubCompReasonCode.SUCCESS);
        assertThat(fixture.received.poll(300, TimeUnit.MILLISECONDS)).as("no second delivery").isNull();

        resumed.send(new IdentifiedPacket<>(42, PubRelPacket.of(PubRelReasonCode.SUCCESS)));
        assertThat(resumed.expectIdentified(PubCompPacket.class).packet().reasonCode())
                .isEqualTo(PubCompReasonCode.PACKET_IDENTIFIER_NOT_FOUND);
    }

    @Test
    void anIncomingQos1MessageIsAcknowledgedAfterTheCallbackReturns() throws Exception {
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        fixture = new ScriptedClientFixture(b -> b.onPublishReceived(event -> {
            order.add("callback");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        PeerConnection peer = fixture.connect();
        peer.send(OutboundPublish.of(publish("in/q1", QoS.AT_LEAST_ONCE), 7, false));
        IdentifiedPacket<PubAckPacket> pubAck = peer.expectIdentified(PubAckPacket.class);
        order.add("puback");
        assertThat(pubAck.packetId()).isEqualTo(7);
        assertThat(order.poll(1, TimeUnit.SECONDS)).isEqualTo("callback");
        assertThat(order.poll(1, TimeUnit.SECONDS)).isEqualTo("puback");
    }

    @Test
    void theApplicationCanTakeOverTheAcknowledgement() throws Exception {
        BlockingQueue<dev.tern.mqtt5.Acknowledgement> taken = new LinkedBlockingQueue<>();
        fixture = new ScriptedClientFixture(b -> b.onPublishReceived(event -> taken.add(event.takeAcknowledgement())));
        PeerConnection peer = fixture.connect();
        peer.send(OutboundPublish.of(publish("in/manual", QoS.AT_LEAST_ONCE), 9, false));
        dev.tern.mqtt5.Acknowledgement ack = taken.poll(10, TimeUnit.SECONDS);
        assertThat(ack).isNotNull();
        assertThat(peer.poll(Duration.ofMillis(300))).as("no PUBACK before acknowledge()").isNull();
        ack.acknowledge();
        assertThat(peer.expectIdentified(PubAckPacket.class).packetId()).isEqualTo(9);
        ack.acknowledge();
        assertThat(peer.poll(Duration.ofMillis(200))).as("acknowledge() twice sends one PUBACK").isNull();
    }

    @Test
    void aServerExceedingTheClientsReceiveMaximumIsDisconnectedWithReceiveMaximumExceeded() {
        fixture = new ScriptedClientFixture(b -> b.connectOptions(ConnectPacket.builder().clientId("rm")
                .keepAliveIntervalSeconds(0).receiveMaximum(2).build())
                .onPublishReceived(event -> event.takeAcknowledgement()));
        PeerConnection peer = fixture.connect();
        for (int id = 1; id <= 3; id++) {
            peer.send(OutboundPublish.of(publish("rm/" + id, QoS.AT_LEAST_ONCE), id, false));
        }
        dev.tern.mqtt5.packets.DisconnectPacket disconnect = peer.expect(dev.tern.mqtt5.packets.DisconnectPacket.class);
        assertThat(disconnect.reasonCode())
                .isEqualTo(dev.tern.mqtt5.packets.DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
        DisconnectionEvent event = fixture.events.await(DisconnectionEvent.class);
        assertThat(event.error().kind()).isEqualTo(ErrorKind.PROTOCOL_VIOLATION);
        assertThat(event.error().reasonCode())
                .isEqualTo(dev.tern.mqtt5.packets.DisconnectReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
    }

    @Test
    void subscriptionsAreRestoredWhenTheServerDidNotKeepTheSession() throws Exception {
        BlockingQueue<ResubscribeEvent> resubscribed = new LinkedBlockingQueue<>();
        fixture = new ScriptedClientFixture(b -> b.onResubscribe(resubscribed::add));
        PeerConnection peer = fixture.connect();
        CompletableFuture<SubAckPacket> subscribed = fixture.client.subscribe(SubscribePacket.builder()
                .subscription("keep/+", QoS.AT_LEAST_ONCE).subscription("refused", QoS.AT_LEAST_ONCE)
                .subscriptionIdentifier(5).build());
        IdentifiedPacket<SubscribePacket> first = peer.expectIdentified(SubscribePacket.class);
        peer.send(new IdentifiedPacket<>(first.packetId(),
                SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_1, SubAckReasonCode.NOT_AUTHORIZED)));
        subscribed.get(10, TimeUnit.SECONDS);

        peer.close();
        fixture.events.await(DisconnectionEvent.class);
        PeerConnection next = fixture.server.accept();
        next.handshake();
        IdentifiedPacket<SubscribePacket> again = next.expectIdentified(SubscribePacket.class);
        assertThat(again.packet().subscriptions()).extracting(s -> s.topicFilter()).containsExactly("keep/+");
        assertThat(again.packet().subscriptionIdentifier()).isEqualTo(5);
        next.send(new IdentifiedPacket<>(again.packetId(), SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_1)));
        ResubscribeEvent event = resubscribed.poll(10, TimeUnit.SECONDS);
        assertThat(event).isNotNull();
        assertThat(event.subAck().reasonCodes()).containsExactly(SubAckReasonCode.GRANTED_QOS_1);
    }

    @Test
    void perSubscriptionCallbacksGetTheirMessagesAndTheGlobalCallbackTheRest() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        BlockingQueue<String> mine = new LinkedBlockingQueue<>();
        CompletableFuture<SubAckPacket> subscribed = fixture.client.subscribe(
                SubscribePacket.of("mine/#", QoS.AT_MOST_ONCE), event -> mine.add(event.publishPacket().topic()));
        IdentifiedPacket<SubscribePacket> subscribe = peer.expectIdentified(SubscribePacket.class);
        peer.send(new IdentifiedPacket<>(subscribe.packetId(), SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_0)));
        subscribed.get(10, TimeUnit.SECONDS);
        peer.send(OutboundPublish.of(publish("mine/x", QoS.AT_MOST_ONCE), 0, false));
        peer.send(OutboundPublish.of(publish("other/y", QoS.AT_MOST_ONCE), 0, false));
        assertThat(mine.poll(10, TimeUnit.SECONDS)).isEqualTo("mine/x");
        assertThat(fixture.nextMessage().publishPacket().topic()).isEqualTo("other/y");
        assertThat(fixture.received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
