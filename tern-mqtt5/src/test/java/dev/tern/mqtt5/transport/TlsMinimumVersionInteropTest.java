package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.testing.OpenSslTlsServer;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS 1.2 is the floor: against a real server (OpenSSL's {@code s_server}, a trusted certificate for the
 * right name) that offers only TLS 1.0 or 1.1, the default options refuse to connect, with a typed
 * protocol failure; the same server offering TLS 1.2 or 1.3 gets through the handshake (and then, as it
 * speaks no MQTT, waits out the CONNACK timeout), so the refusal is the version's and nothing else's.
 * (JDK 17 disables TLS 1.0 and 1.1 in {@code java.security} as well; Tern offers only 1.2 and 1.3 on
 * either engine whatever that file says.)
 */
@Tag("interop")
class TlsMinimumVersionInteropTest {

    private final TestPki pki = TestPki.create("tls-floor-ca");
    private final TransportFixture fixture = new TransportFixture();
    private OpenSslTlsServer server;

    @AfterEach
    void tearDown() {
        fixture.close();
        if (server != null) {
            server.close();
        }
    }

    private ConnectionFailureEvent firstFailureAgainst(String versionFlag) {
        server = OpenSslTlsServer.start(pki, pki.server("localhost"), versionFlag);
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client client = fixture.client("localhost", server.port(), events, new LinkedBlockingQueue<>(),
                b -> b.tlsOptions(TlsOptions.builder().trustCertificates(pki.caFile()).build())
                        .connAckTimeout(Duration.ofSeconds(1)));
        client.start();
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class, Duration.ofSeconds(15));
        assertThat(client.isConnected()).isFalse();
        return failure;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1", "-tls1_1"})
    void aServerOfferingOnlyAnOldTlsVersionIsRefused(String versionFlag) {
        ConnectionFailureEvent failure = firstFailureAgainst(versionFlag);
        assertThat(failure.error()).as("%s; server said: %s", failure, server.logs())
                .isInstanceOf(TlsException.class);
        assertThat(((TlsException) failure.error()).failure()).isEqualTo(TlsException.Failure.PROTOCOL_MISMATCH);
        assertThat(failure.error().getMessage()).contains("TLS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void theSameServerOfferingTls12Or13CompletesTheHandshake(String versionFlag) {
        ConnectionFailureEvent failure = firstFailureAgainst(versionFlag);
        assertThat(failure.error()).as("%s; server said: %s", failure, server.logs())
                .isNotInstanceOf(TlsException.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.CONNACK_TIMEOUT);
    }
}
