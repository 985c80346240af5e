package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.testing.PeerConnection;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.ScriptedServer;
import dev.tern.mqtt5.testing.TestPki;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS details a real broker does not let us observe or break: SNI, ALPN, bad server certificates. */
class TlsHandshakeTest {

    private final TestPki pki = TestPki.create("handshake-ca");
    private final TransportFixture fixture = new TransportFixture();
    private ScriptedServer server;

    @AfterEach
    void tearDown() {
        fixture.close();
        if (server != null) {
            server.close();
        }
    }

    private ScriptedServer serverWith(TestPki.Identity identity, String... alpn) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forServer(identity.privateKey, identity.certificate)
                .sslProvider(SslProvider.JDK).clientAuth(ClientAuth.NONE);
        if (alpn.length > 0) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT, alpn));
        }
        SslContext context = builder.build();
        server = ScriptedServer.startTls(context);
        return server;
    }

    private TlsOptions.Builder trusting() {
        return TlsOptions.builder().trustCertificates(pki.caFile());
    }

    private PeerConnection connect(String host, TlsOptions tls) {
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client client = fixture.client(host, server.port(), events, new LinkedBlockingQueue<>(),
                b -> b.tlsOptions(tls));
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        return peer;
    }

    @Test
    void theHostNameGoesInSni() throws Exception {
        serverWith(pki.server("localhost"));
        PeerConnection peer = connect("localhost", trusting().build());
        assertThat(peer.tlsServerNames()).containsExactly("localhost");
    }

    @Test
    void anIpAddressSendsNoSni() throws Exception {
        serverWith(pki.server("127.0.0.1"));
        PeerConnection peer = connect("127.0.0.1", trusting().build());
        assertThat(peer.tlsServerNames()).isEmpty();
    }

    @Test
    void aConfiguredServerNameOverridesSniAndIsWhatTheCertificateIsCheckedAgainst() throws Exception {
        serverWith(pki.server("broker.example"));
        PeerConnection peer = connect("127.0.0.1", trusting().serverName("broker.example").build());
        assertThat(peer.tlsServerNames()).containsExactly("broker.example");
    }

    @Test
    void alpnOffersTheConfiguredProtocols() throws Exception {
        serverWith(pki.server("localhost"), "x-amzn-mqtt-ca");
        PeerConnection peer = connect("localhost", trusting().alpnProtocols("x-amzn-mqtt-ca").build());
        assertThat(peer.applicationProtocol()).isEqualTo("x-amzn-mqtt-ca");
    }

    @Test
    void aServerWithNoCommonAlpnProtocolFailsTheHandshakeClearly() throws Exception {
        serverWith(pki.server("localhost"), "mqtt");
        ConnectionFailureEvent failure = fixture.firstFailure("localhost", server.port(),
                b -> b.tlsOptions(trusting().alpnProtocols("x-amzn-mqtt-ca").build()));
        assertThat(((TlsException) failure.error()).failure()).isEqualTo(TlsException.Failure.ALPN_MISMATCH);
    }

    @Test
    void aCertificateForAnotherHostIsAHostnameMismatch() throws Exception {
        serverWith(pki.server("other.example"));
        ConnectionFailureEvent failure = fixture.firstFailure("localhost", server.port(),
                b -> b.tlsOptions(trusting().build()));
        TlsException error = (TlsException) failure.error();
        assertThat(error.failure()).isEqualTo(TlsException.Failure.HOSTNAME_MISMATCH);
        assertThat(error.getMessage()).contains("host name");
    }

    @Test
    void turningHostnameVerificationOffTakesAnOptionThatSaysItIsInsecure() throws Exception {
        serverWith(pki.server("other.example"));
        connect("localhost", trusting().insecureDisableHostnameVerification().build());
        assertThat(trusting().insecureDisableHostnameVerification().build().toString())
                .contains("HOSTNAME VERIFICATION DISABLED");
    }

    @Test
    void anExpiredServerCertificateIsReportedAsExpired() throws Exception {
        serverWith(pki.expiredServer("localhost"));
        ConnectionFailureEvent failure = fixture.firstFailure("localhost", server.port(),
                b -> b.tlsOptions(trusting().build()));
        TlsException error = (TlsException) failure.error();
        assertThat(error.failure()).isEqualTo(TlsException.Failure.CERTIFICATE_EXPIRED);
        assertThat(error.getMessage()).contains("expired");
    }

    @Test
    void aPlainTcpServerOnATlsConnectionTimesOutTheHandshakeOrFailsIt() throws Exception {
        server = ScriptedServer.start();
        ConnectionFailureEvent failure = fixture.firstFailure("localhost", server.port(),
                b -> b.tlsOptions(trusting().handshakeTimeout(Duration.ofMillis(500)).build()));
        assertThat(failure.error()).isInstanceOf(TlsException.class);
    }
}
