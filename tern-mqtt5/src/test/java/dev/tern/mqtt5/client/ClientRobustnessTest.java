package dev.tern.mqtt5.client;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PingReqPacket;
import dev.tern.mqtt5.packets.PingRespPacket;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.testing.PeerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tern.mqtt5.internal.codec.CodecFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Misbehaving servers and dead connections: the client disconnects correctly and comes back. */
class ClientRobustnessTest {

    private ScriptedClientFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aMalformedPacketIsAnsweredWithDisconnectMalformedAndTheClientReconnects() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        // PUBLISH with QoS bits 11 (QoS 3), remaining length 4, and only 3 of its 4 bytes: the client must
        // not wait for the rest, the first byte already breaks the rules.
        peer.sendRaw(bytes(0x36, 0x04, 0x00, 0x01, 0x61));
        DisconnectPacket disconnect = peer.expect(DisconnectPacket.class);
        assertThat(disconnect.reasonCode()).isEqualTo(DisconnectReasonCode.MALFORMED_PACKET);
        assertThat(disconnect.reasonString()).contains("QoS");
        DisconnectionEvent event = fixture.events.await(DisconnectionEvent.class);
        assertThat(event.error().kind()).isEqualTo(ErrorKind.PROTOCOL_VIOLATION);
        fixture.events.await(AttemptingConnectEvent.class);
        fixture.server.accept().handshake();
        fixture.events.await(ConnectionSuccessEvent.class);
    }

    @Test
    void invalidFixedHeaderFlagsAreMalformed() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.sendRaw(bytes(0xD1, 0x00)); // PINGRESP with flags 0001
        assertThat(peer.expect(DisconnectPacket.class).reasonCode()).isEqualTo(DisconnectReasonCode.MALFORMED_PACKET);
        assertThat(fixture.events.await(DisconnectionEvent.class).error().reasonCode())
                .isEqualTo(DisconnectReasonCode.MALFORMED_PACKET);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aPubAckForAnUnknownPacketIdentifierIsAProtocolError() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.send(new IdentifiedPacket<>(999, PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(peer.expect(DisconnectPacket.class).reasonCode()).isEqualTo(DisconnectReasonCode.PROTOCOL_ERROR);
        DisconnectionEvent event = fixture.events.await(DisconnectionEvent.class);
        assertThat(event.error().getMessage()).contains("999");
    }

    @Test
    void aPacketLargerThanTheClientsMaximumIsDisconnectedWithPacketTooLarge() {
        fixture = new ScriptedClientFixture(b -> b.connectOptions(ConnectPacket.builder().clientId("small")
                .keepAliveIntervalSeconds(0).maximumPacketSize(64L).build()));
        PeerConnection peer = fixture.connect();
        peer.send(dev.tern.mqtt5.internal.codec.OutboundPublish.of(PublishPacket.builder().topic("t")
                .payload(new byte[100]).build(), 0, false));
        assertThat(peer.expect(DisconnectPacket.class).reasonCode()).isEqualTo(DisconnectReasonCode.PACKET_TOO_LARGE);
        assertThat(fixture.received).isEmpty();
    }

    @Test
    void aSecondConnAckIsAProtocolError() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.send(ConnAckPacket.builder().build());
        assertThat(peer.expect(DisconnectPacket.class).reasonCode()).isEqualTo(DisconnectReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void sessionPresentOnACleanStartIsAProtocolError() {
        fixture = new ScriptedClientFixture();
        fixture.client.start();
        PeerConnection peer = fixture.server.accept();
        peer.handshake(ConnAckPacket.builder().sessionPresent(true).build());
        assertThat(peer.expect(DisconnectPacket.class).reasonCode()).isEqualTo(DisconnectReasonCode.PROTOCOL_ERROR);
        ConnectionFailureEvent failure = fixture.events.await(ConnectionFailureEvent.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.PROTOCOL_VIOLATION);
    }

    @Test
    void aResetMidPacketIsAConnectionLossAndInFlightQos1PublishesSurviveIt() throws Exception {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> publish = fixture.client.publish(PublishPacket.builder().topic("r")
                .qos(QoS.AT_LEAST_ONCE).build());
        peer.expectPublish();
        peer.sendRaw(bytes(0x30, 0x10, 0x00)); // the start of a PUBLISH, then
        peer.reset();                          // RST
        DisconnectionEvent event = fixture.events.await(DisconnectionEvent.class);
        assertThat(event.error().kind()).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(publish).isNotDone();
        PeerConnection next = fixture.server.accept();
        next.handshake();
        InboundPublish again = next.expectPublish();
        next.send(new IdentifiedPacket<>(again.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        publish.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anIdleConnectionSendsPingReqWithinTheKeepAlive() {
        fixture = new ScriptedClientFixture(b -> b.connectOptions(ConnectPacket.builder().clientId("ka")
                .keepAliveIntervalSeconds(1).build()));
        PeerConnection peer = fixture.connect();
        long start = System.nanoTime();
        peer.expect(PingReqPacket.class, Duration.ofSeconds(3));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis).isBetween(700L, 2_500L); // 1 s keep alive; generous upper bound for loaded machines
        peer.send(PingRespPacket.INSTANCE);
        peer.expect(PingReqPacket.class, Duration.ofSeconds(3));
    }

    @Test
    void theServersKeepAliveReplacesTheClients() {
        fixture = new ScriptedClientFixture(b -> b.connectOptions(ConnectPacket.builder().clientId("ka2")
                .keepAliveIntervalSeconds(600).build()));
        PeerConnection peer = fixture.connect(ConnAckPacket.builder().serverKeepAliveSeconds(1).build());
        peer.expect(PingReqPacket.class, Duration.ofSeconds(3));
    }

    @Test
    void aMissingPingRespDropsTheConnectionAsKeepAliveTimeoutAndTheClientReconnects() {
        fixture = new ScriptedClientFixture(b -> b.connectOptions(ConnectPacket.builder().clientId("dead")
                .keepAliveIntervalSeconds(1).build()).pingTimeout(Duration.ofMillis(300)));
        PeerConnection peer = fixture.connect();
        peer.expect(PingReqPacket.class, Duration.ofSeconds(3)); // and never answer it
        DisconnectionEvent event = fixture.events.await(DisconnectionEvent.class, Duration.ofSeconds(5));
        assertThat(event.error().kind()).isEqualTo(ErrorKind.KEEP_ALIVE_TIMEOUT);
        fixture.server.accept().handshake();
        fixture.events.await(ConnectionSuccessEvent.class);
    }

    @Test
    void noConnAckInTimeIsAConnectionFailure() {
        fixture = new ScriptedClientFixture(b -> b.connAckTimeout(Duration.ofMillis(300)));
        fixture.client.start();
        PeerConnection peer = fixture.server.accept();
        peer.expect(ConnectPacket.class);
        ConnectionFailureEvent failure = fixture.events.await(ConnectionFailureEvent.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.CONNACK_TIMEOUT);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aPublishThatMadeTheServerDisconnectIsFailedNotResentForever() {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        CompletableFuture<PublishResult> poison = fixture.client.publish(PublishPacket.builder().topic("poison")
                .qos(QoS.AT_LEAST_ONCE).build());
        peer.expectPublish();
        peer.send(DisconnectPacket.of(DisconnectReasonCode.PACKET_TOO_LARGE));
        assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(Mqtt5Exception.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_SERVER);
                    assertThat(e.reasonCode()).isEqualTo(DisconnectReasonCode.PACKET_TOO_LARGE);
                });
        PeerConnection next = fixture.server.accept();
        next.handshake();
        assertThat(next.poll(Duration.ofMillis(300))).as("the poison message is not resent").isNull();
    }
}
