package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.OfflineQueueBehavior;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.testing.PeerConnection;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.ScriptedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** maxConnectionAge: a planned, clean replacement of the connection, the session carried over. */
class ConnectionRotationTest {

    private ScriptedServer server;
    private RecordingLifecycleEvents events;
    private Mqtt5Client client;

    @BeforeEach
    void setUp() {
        server = ScriptedServer.start();
        events = new RecordingLifecycleEvents();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private Mqtt5ClientOptions.Builder options() {
        return Mqtt5ClientOptions.builder("127.0.0.1", server.port())
                .connectOptions(ConnectPacket.builder().clientId("rotating").sessionExpiryIntervalSeconds(600L).build())
                .sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                // Backoff far longer than the test: a reconnection that waited for it would time the test out.
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofSeconds(30))
                        .maxDelay(Duration.ofSeconds(60)).jitter(JitterMode.NONE).build())
                .lifecycleEvents(events);
    }

    @Test
    void anOldConnectionIsReplacedWithDisconnectThenAnImmediateRejoin() {
        client = Mqtt5Client.create(options().maxConnectionAge(Duration.ofMillis(400)).build());
        client.start();
        PeerConnection first = server.accept();
        assertThat(first.handshake().cleanStart()).isTrue();
        events.await(ConnectionSuccessEvent.class);

        DisconnectPacket disconnect = first.expect(DisconnectPacket.class, Duration.ofSeconds(5));
        assertThat(disconnect.reasonCode()).isEqualTo(DisconnectReasonCode.NORMAL_DISCONNECTION);
        assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
        DisconnectionEvent disconnection = events.await(DisconnectionEvent.class);
        assertThat(disconnection.error().kind()).isEqualTo(ErrorKind.CONNECTION_ROTATED);

        PeerConnection second = server.accept(Duration.ofSeconds(5));
        ConnectPacket again = second.handshake(ConnAckPacket.builder().sessionPresent(true).build());
        assertThat(again.cleanStart()).as("the session is rejoined").isFalse();
        assertThat(events.await(ConnectionSuccessEvent.class).negotiatedSettings().rejoinedSession()).isTrue();
        assertThat(events.names()).doesNotContain("ConnectionFailure", "Stopped");
    }

    @Test
    void operationsWaitingDuringTheRotationAreKeptWhateverTheOfflinePolicy() throws Exception {
        client = Mqtt5Client.create(options().maxConnectionAge(Duration.ofMillis(400))
                .offlineQueueBehavior(OfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT).build());
        client.start();
        PeerConnection first = server.accept();
        first.handshake();
        events.await(ConnectionSuccessEvent.class);
        first.expect(DisconnectPacket.class, Duration.ofSeconds(5));
        events.await(DisconnectionEvent.class);

        // Between the connections: under FAIL_ALL_ON_DISCONNECT this would fail at once if it were an outage.
        CompletableFuture<PublishResult> publish = client.publish(PublishPacket.builder().topic("t")
                .payload("kept").qos(QoS.AT_LEAST_ONCE).build());
        PeerConnection second = server.accept(Duration.ofSeconds(5));
        second.handshake(ConnAckPacket.builder().sessionPresent(true).build());
        InboundPublish inbound = second.expectPublish();
        assertThat(inbound.packet().payloadAsString()).isEqualTo("kept");
        second.send(new IdentifiedPacket<>(inbound.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(publish.get(5, java.util.concurrent.TimeUnit.SECONDS).pubAck()).isNotNull();
    }

    @Test
    void withoutAMaximumAgeTheConnectionStays() {
        client = Mqtt5Client.create(options().build());
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        assertThat(peer.poll(Duration.ofMillis(800))).isNull();
        assertThat(client.isConnected()).isTrue();
        assertThat(events.names()).doesNotContain("Disconnection", "ConnectionFailure");
    }

    @Test
    void stopCancelsThePlannedRotation() {
        client = Mqtt5Client.create(options().maxConnectionAge(Duration.ofMillis(500)).build());
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        client.stop();
        assertThat(peer.expect(DisconnectPacket.class).reasonCode()).isEqualTo(DisconnectReasonCode.NORMAL_DISCONNECTION);
        assertThat(events.await(DisconnectionEvent.class).error().kind()).isEqualTo(ErrorKind.CLIENT_STOPPED);
        assertThat(server.hasConnectionWithin(Duration.ofMillis(900))).as("no reconnection after stop").isFalse();
        assertThat(events.names()).doesNotContain(ConnectionFailureEvent.class.getSimpleName());
    }
}
