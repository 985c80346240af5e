package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.ProxyException;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.ProxyProcess;
import dev.tern.mqtt5.testing.SquidProxy;
import dev.tern.mqtt5.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT to HiveMQ through a real Squid (Debian package): an open one, and one that asks for basic
 * authentication and also speaks TLS itself. In the {@code interop} profile; {@code .ci/run} installs
 * {@code squid} and {@code apache2-utils}.
 */
@Tag("interop")
class SquidProxyInteropTest {

    private static final String USER = "tern-squid-user";
    private static final String PASSWORD = "squ1d-S3cret!";

    private static TestPki proxyPki;
    private static SquidProxy open;
    private static SquidProxy authenticating;
    private static int deniedPort;

    private final TransportFixture fixture = new TransportFixture();
    private final HiveMqBroker broker = HiveMqBroker.get();

    @BeforeAll
    static void startSquids() {
        proxyPki = TestPki.create("tern-test-squid-ca");
        deniedPort = ProxyProcess.freePort();
        open = SquidProxy.builder().denyPort(deniedPort).start();
        authenticating = SquidProxy.builder().basicAuth(USER, PASSWORD).tls(proxyPki).start();
    }

    @AfterAll
    static void stopSquids() {
        if (open != null) {
            open.close();
        }
        if (authenticating != null) {
            authenticating.close();
        }
        ProxyProcess.deleteTree(proxyPki.folder());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static HttpProxyOptions.Builder viaOpenSquid() {
        return HttpProxyOptions.builder("127.0.0.1", open.port());
    }

    private static HttpProxyOptions.Builder viaAuthenticatingSquid() {
        return HttpProxyOptions.builder("127.0.0.1", authenticating.port());
    }

    private TlsOptions trustingTheBroker() {
        return TlsOptions.builder().trustCertificates(broker.pki().caFile()).build();
    }

    @Test
    void mqttOverTcpThroughSquid() throws Exception {
        fixture.assertRoundTrip("127.0.0.1", broker.port(), b -> b.httpProxyOptions(viaOpenSquid().build()));
        fixture.close(); // squid logs a tunnel when it closes
        open.awaitAccessLogLine(Duration.ofSeconds(10), "TCP_TUNNEL/200", "CONNECT 127.0.0.1:" + broker.port());
    }

    @Test
    void squidResolvesTheBrokersHostName() throws Exception {
        fixture.assertRoundTrip("localhost", broker.port(), b -> b.httpProxyOptions(viaOpenSquid().build()));
        fixture.close();
        open.awaitAccessLogLine(Duration.ofSeconds(10), "TCP_TUNNEL/200", "CONNECT localhost:" + broker.port());
    }

    @Test
    void basicAuthenticationWithSquid() throws Exception {
        fixture.assertRoundTrip("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaAuthenticatingSquid().basicAuth(USER, PASSWORD).build()));
        fixture.close();
        authenticating.awaitAccessLogLine(Duration.ofSeconds(10), "TCP_TUNNEL/200",
                "CONNECT 127.0.0.1:" + broker.port(), USER);
    }

    @Test
    void mqttOverTlsThroughSquid() throws Exception {
        fixture.assertRoundTrip("localhost", broker.tlsPort(), b -> b.httpProxyOptions(viaOpenSquid().build())
                .tlsOptions(trustingTheBroker()));
    }

    @Test
    void tlsToSquidAndTlsToTheBrokerInsideIt() throws Exception {
        fixture.assertRoundTrip("localhost", broker.tlsPort(), b -> b
                .httpProxyOptions(HttpProxyOptions.builder("localhost", authenticating.tlsPort())
                        .basicAuth(USER, PASSWORD)
                        .tls(TlsOptions.builder().trustCertificates(proxyPki.caFile()).build())
                        .build())
                .tlsOptions(trustingTheBroker()));
        fixture.close();
        authenticating.awaitAccessLogLine(Duration.ofSeconds(10), "TCP_TUNNEL/200",
                "CONNECT localhost:" + broker.tlsPort(), USER);
    }

    @Test
    void mqttOverWebSocketThroughSquid() throws Exception {
        fixture.assertRoundTrip("127.0.0.1", broker.webSocketPort(), b -> b.httpProxyOptions(viaOpenSquid().build())
                .webSocketOptions(WebSocketOptions.defaults()));
    }

    // ---- failures -----------------------------------------------------------------------------------

    private static ProxyException proxyError(ConnectionFailureEvent failure) {
        assertThat(failure.error().kind()).as("kind of %s", failure.error()).isEqualTo(ErrorKind.PROXY);
        assertThat(failure.error()).isInstanceOf(ProxyException.class);
        return (ProxyException) failure.error();
    }

    @Test
    void missingCredentialsAreA407FromSquid() {
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaAuthenticatingSquid().build())));
        assertThat(error.httpStatus()).isEqualTo(407);
        assertThat(error.getMessage()).contains("407", "user name and password");
        authenticating.awaitAccessLogLine(Duration.ofSeconds(10), "TCP_DENIED/407",
                "CONNECT 127.0.0.1:" + broker.port());
    }

    @Test
    void wrongCredentialsAreA407FromSquidThatNeverShowsThePassword() {
        String wrong = "n0t-" + PASSWORD;
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaAuthenticatingSquid().basicAuth(USER, wrong).build())));
        assertThat(error.httpStatus()).isEqualTo(407);
        assertThat(error.getMessage()).contains("407", "user name and password");
        String basic = Base64.getEncoder().encodeToString((USER + ":" + wrong).getBytes(StandardCharsets.UTF_8));
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(wrong, basic);
        }
    }

    @Test
    void aPortSquidDeniesIsA403() {
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", deniedPort,
                b -> b.httpProxyOptions(viaOpenSquid().build())));
        assertThat(error.httpStatus()).isEqualTo(403);
        assertThat(error.getMessage()).contains("403", "Forbidden");
    }

    /** Squid answers 503 (not 502) when it cannot connect to the target. */
    @Test
    void aBrokerSquidCannotReachIsA503() {
        int closed = ProxyProcess.freePort();
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", closed,
                b -> b.httpProxyOptions(viaOpenSquid().build())));
        assertThat(error.httpStatus()).isEqualTo(503);
        assertThat(error.getMessage()).contains("503");
    }
}
