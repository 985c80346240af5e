package dev.tern.mqtt5.client;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.testing.PeerConnection;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.ScriptedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The client's lifecycle and its five events, against the scripted server. */
class ClientLifecycleTest {

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
                .connectOptions(ConnectPacket.builder().clientId("lifecycle-test").build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(20))
                        .maxDelay(Duration.ofMillis(200)).jitter(JitterMode.NONE).build())
                .lifecycleEvents(events);
    }

    @Test
    void startConnectsAndReportsTheNegotiatedSettings() {
        client = Mqtt5Client.create(options().build());
        client.start();
        PeerConnection peer = server.accept();
        ConnectPacket connect = peer.handshake(ConnAckPacket.builder()
                .receiveMaximum(7).maximumPacketSize(1000L).topicAliasMaximum(3).serverKeepAliveSeconds(30)
                .maximumQoS(QoS.AT_LEAST_ONCE).assignedClientIdentifier("assigned").retainAvailable(false).build());

        assertThat(connect.clientId()).isEqualTo("lifecycle-test");
        assertThat(connect.cleanStart()).isTrue();
        assertThat(events.await(AttemptingConnectEvent.class).attempt()).isEqualTo(1);
        ConnectionSuccessEvent success = events.await(ConnectionSuccessEvent.class);
        NegotiatedSettings settings = success.negotiatedSettings();
        assertThat(settings.receiveMaximumFromServer()).isEqualTo(7);
        assertThat(settings.maximumPacketSizeToServer()).isEqualTo(1000);
        assertThat(settings.topicAliasMaximumToServer()).isEqualTo(3);
        assertThat(settings.serverKeepAliveSeconds()).isEqualTo(30);
        assertThat(settings.maximumQoS()).isEqualTo(QoS.AT_LEAST_ONCE);
        assertThat(settings.clientId()).isEqualTo("assigned");
        assertThat(settings.retainAvailable()).isFalse();
        assertThat(settings.rejoinedSession()).isFalse();
        assertThat(client.isConnected()).isTrue();
        assertThat(client.negotiatedSettings()).isSameAs(settings);
    }

    @Test
    void stopSendsTheDisconnectThenReportsDisconnectionAndStoppedInThatOrder() {
        client = Mqtt5Client.create(options().connectOptions(ConnectPacket.builder().clientId("lifecycle-test")
                .sessionExpiryIntervalSeconds(60L).build()).build());
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);

        client.stop(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION)
                .sessionExpiryIntervalSeconds(3600L).build());

        DisconnectPacket sent = peer.expect(DisconnectPacket.class);
        assertThat(sent.sessionExpiryIntervalSeconds()).isEqualTo(3600L);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
        DisconnectionEvent disconnection = events.await(DisconnectionEvent.class);
        assertThat(disconnection.error().kind()).isEqualTo(ErrorKind.CLIENT_STOPPED);
        assertThat(disconnection.disconnectPacket()).isNull();
        events.await(StoppedEvent.class);
        assertThat(events.names()).containsExactly("AttemptingConnect", "ConnectionSuccess", "Disconnection", "Stopped");
        assertThat(events.threads()).noneMatch(name -> name.startsWith("tern-io"));
        assertThat(client.isConnected()).isFalse();
        assertThat(client.negotiatedSettings()).isNull();
    }

    @Test
    void aDisconnectCannotSetASessionExpiryTheConnectDidNot() {
        client = Mqtt5Client.create(options().build());
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.stop(DisconnectPacket.builder()
                .sessionExpiryIntervalSeconds(3600L).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MQTT-3.14.2-2");
        assertThat(client.isConnected()).as("nothing was sent, the client goes on").isTrue();

        client.stop(DisconnectPacket.builder().sessionExpiryIntervalSeconds(0L).build());
        assertThat(peer.expect(DisconnectPacket.class).sessionExpiryIntervalSeconds()).isEqualTo(0L);
        events.await(StoppedEvent.class);
    }

    @Test
    void stopWithoutAPacketSendsANormalDisconnect() {
        client = Mqtt5Client.create(options().build());
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        client.stop();
        DisconnectPacket sent = peer.expect(DisconnectPacket.class);
        assertThat(sent.reasonCode()).isEqualTo(DisconnectReasonCode.NORMAL_DISCONNECTION);
        assertThat(sent.sessionExpiryIntervalSeconds()).isNull();
        events.await(StoppedEvent.class);
    }

    @Test
    void aStoppedClientCanBeStartedAgainAndRejoinsWhenAskedTo() {
        client = Mqtt5Client.create(options().sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS).build());
        client.start();
        PeerConnection first = server.accept();
        assertThat(first.handshake().cleanStart()).isTrue();
        events.await(ConnectionSuccessEvent.class);
        client.stop();
        events.await(StoppedEvent.class);

        client.start();
        PeerConnection second = server.accept();
        assertThat(second.handshake(ConnAckPacket.builder().sessionPresent(true).build()).cleanStart()).isFalse();
        assertThat(events.await(ConnectionSuccessEvent.class).negotiatedSettings().rejoinedSession()).isTrue();
    }

    @Test
    void anAssignedClientIdentifierIsReusedSoTheSessionCanBeRejoined() {
        client = Mqtt5Client.create(options().connectOptions(ConnectPacket.builder().clientId("")
                .sessionExpiryIntervalSeconds(60L).build())
                .sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS).build());
        client.start();
        PeerConnection first = server.accept();
        assertThat(first.handshake(ConnAckPacket.builder().assignedClientIdentifier("server-named-7").build())
                .clientId()).isEmpty();
        events.await(ConnectionSuccessEvent.class);
        first.close();
        events.await(DisconnectionEvent.class);

        PeerConnection second = server.accept();
        ConnectPacket again = second.handshake(ConnAckPacket.builder().sessionPresent(true).build());
        assertThat(again.clientId()).isEqualTo("server-named-7");
        assertThat(again.cleanStart()).isFalse();
    }

    @Test
    void nothingListeningIsAConnectionFailureAndTheClientKeepsTryingUntilStopped() {
        int port = server.port();
        server.close();
        client = Mqtt5Client.create(Mqtt5ClientOptions.builder("127.0.0.1", port).lifecycleEvents(events)
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(20)).build()).build());
        client.start();
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.CONNECTION_REFUSED);
        assertThat(failure.error().getMessage()).contains("127.0.0.1:" + port);
        assertThat(failure.connAck()).isNull();
        assertThat(events.await(AttemptingConnectEvent.class).attempt()).isEqualTo(2);
        events.await(ConnectionFailureEvent.class);
        assertThat(events.await(AttemptingConnectEvent.class).attempt()).isEqualTo(3);
        client.stop();
        events.await(StoppedEvent.class);
        server = ScriptedServer.start(); // for tearDown
    }

    @Test
    void aRefusingConnAckIsAConnectionFailureCarryingThePacket() {
        client = Mqtt5Client.create(options().build());
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake(ConnAckPacket.builder().reasonCode(ConnectReasonCode.NOT_AUTHORIZED)
                .reasonString("policy denies connect").build());
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.CONNACK_REFUSED);
        assertThat(failure.error().reasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
        assertThat(failure.error().getMessage()).contains("NOT_AUTHORIZED", "policy denies connect");
        assertThat(failure.connAck().reasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aServerDisconnectIsReportedWithThePacketAndTheClientReconnects() {
        client = Mqtt5Client.create(options().build());
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        peer.send(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.USE_ANOTHER_SERVER)
                .serverReference("other.example:1883").reasonString("maintenance").build());

        DisconnectionEvent disconnection = events.await(DisconnectionEvent.class);
        assertThat(disconnection.error().kind()).isEqualTo(ErrorKind.SERVER_DISCONNECT);
        assertThat(disconnection.error().reasonCode()).isEqualTo(DisconnectReasonCode.USE_ANOTHER_SERVER);
        assertThat(disconnection.error().getMessage()).contains("other.example:1883");
        assertThat(disconnection.disconnectPacket().serverReference()).isEqualTo("other.example:1883");
        events.await(AttemptingConnectEvent.class);
        server.accept().handshake();
        events.await(ConnectionSuccessEvent.class);
    }
}
