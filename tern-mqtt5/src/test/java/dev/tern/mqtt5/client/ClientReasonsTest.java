package dev.tern.mqtt5.client;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.testing.PeerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every server DISCONNECT surfaces as it came; the reason decides how long the client waits. */
class ClientReasonsTest {

    private ScriptedClientFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DisconnectReasonCode.class, names = "DISCONNECT_WITH_WILL_MESSAGE", mode = EnumSource.Mode.EXCLUDE)
    void everyServerDisconnectReasonSurfacesInTheDisconnectionEvent(DisconnectReasonCode reason) {
        fixture = new ScriptedClientFixture();
        PeerConnection peer = fixture.connect();
        peer.send(DisconnectPacket.builder().reasonCode(reason).reasonString("because " + reason)
                .serverReference("backup.example").build());
        DisconnectionEvent event = fixture.events.await(DisconnectionEvent.class);
        assertThat(event.error().kind()).isEqualTo(ErrorKind.SERVER_DISCONNECT);
        assertThat(event.error().reasonCode()).isEqualTo(reason);
        assertThat(event.error().getMessage()).contains(reason.name(), "because " + reason, "backup.example");
        assertThat(event.disconnectPacket().reasonCode()).isEqualTo(reason);
        assertThat(event.disconnectPacket().serverReference()).isEqualTo("backup.example");
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
    }

    private ScriptedClientFixture withBackoff(long minMillis, long maxMillis) {
        return new ScriptedClientFixture(b -> b.reconnectOptions(ReconnectOptions.builder()
                .minDelay(Duration.ofMillis(minMillis)).maxDelay(Duration.ofMillis(maxMillis))
                .jitter(JitterMode.NONE).build()));
    }

    private long millisToNextAttempt(Runnable failure) {
        failure.run();
        long failedAt = System.nanoTime();
        fixture.events.await(AttemptingConnectEvent.class, Duration.ofSeconds(10));
        return (System.nanoTime() - failedAt) / 1_000_000;
    }

    @Test
    void refusedCredentialsWaitTheMaximumBeforeTryingAgain() {
        fixture = withBackoff(20, 2_000);
        fixture.client.start();
        fixture.events.await(AttemptingConnectEvent.class);
        long waited = millisToNextAttempt(() -> {
            fixture.server.accept().handshake(ConnAckPacket.builder()
                    .reasonCode(ConnectReasonCode.BAD_USER_NAME_OR_PASSWORD).build());
            fixture.events.await(ConnectionFailureEvent.class);
        });
        assertThat(waited).isGreaterThanOrEqualTo(900);
    }

    @Test
    void aBusyServerIsRetriedOnTheNormalSchedule() {
        fixture = withBackoff(20, 2_000);
        fixture.client.start();
        fixture.events.await(AttemptingConnectEvent.class);
        long waited = millisToNextAttempt(() -> {
            fixture.server.accept().handshake(ConnAckPacket.builder()
                    .reasonCode(ConnectReasonCode.SERVER_BUSY).build());
            fixture.events.await(ConnectionFailureEvent.class);
        });
        assertThat(waited).isLessThan(900);
    }

    @Test
    void aTakenOverSessionWaitsTheMaximumSoTwoClientsWithOneIdDoNotFightForIt() {
        fixture = withBackoff(20, 2_000);
        PeerConnection peer = fixture.connect();
        long waited = millisToNextAttempt(() -> {
            peer.send(DisconnectPacket.of(DisconnectReasonCode.SESSION_TAKEN_OVER));
            fixture.events.await(DisconnectionEvent.class);
        });
        assertThat(waited).isGreaterThanOrEqualTo(900);
    }

    @Test
    void rejoinAlwaysAsksForTheSessionOnTheVeryFirstConnection() {
        fixture = new ScriptedClientFixture(b -> b.sessionBehavior(ClientSessionBehavior.REJOIN_ALWAYS)
                .connectOptions(ConnectPacket.builder().clientId("always").sessionExpiryIntervalSeconds(60L).build()));
        fixture.client.start();
        ConnectPacket connect = fixture.server.accept().handshake(ConnAckPacket.builder().sessionPresent(true).build());
        assertThat(connect.cleanStart()).isFalse();
    }

    @Test
    void cleanSessionsAskForACleanStartEveryTime() {
        fixture = new ScriptedClientFixture(b -> b.sessionBehavior(ClientSessionBehavior.CLEAN));
        PeerConnection peer = fixture.connect();
        peer.close();
        fixture.events.await(DisconnectionEvent.class);
        assertThat(fixture.server.accept().handshake().cleanStart()).isTrue();
    }
}
