package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.ProxyException;
import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.HttpConnectProxy;
import dev.tern.mqtt5.testing.ProxyProcess;
import dev.tern.mqtt5.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT through an HTTP CONNECT proxy running in the test JVM ({@link HttpConnectProxy}) to HiveMQ: over
 * TCP, TLS, TLS to the proxy as well, and WebSocket; and the errors a user sees when the proxy says no.
 */
class HttpProxyTest {

    private static final String USER = "tern-user";
    private static final String PASSWORD = "pr0xy-S3cret!";

    private static TestPki proxyPki;

    private final TransportFixture fixture = new TransportFixture();
    private final HiveMqBroker broker = HiveMqBroker.get();
    private HttpConnectProxy proxy;

    @BeforeAll
    static void proxyCa() {
        proxyPki = TestPki.create("tern-test-proxy-ca"); // not the broker's CA: the two trusts are independent
    }

    @AfterAll
    static void removeProxyCa() {
        ProxyProcess.deleteTree(proxyPki.folder());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    private HttpProxyOptions.Builder viaProxy() {
        return HttpProxyOptions.builder("127.0.0.1", proxy.port());
    }

    private TlsOptions trustingTheBroker() {
        return TlsOptions.builder().trustCertificates(broker.pki().caFile()).build();
    }

    private TlsOptions trustingTheProxy() {
        return TlsOptions.builder().trustCertificates(proxyPki.caFile()).build();
    }

    @Test
    void mqttOverTcpThroughTheProxy() throws Exception {
        proxy = HttpConnectProxy.start();
        fixture.assertRoundTrip("127.0.0.1", broker.port(), b -> b.httpProxyOptions(viaProxy().build()));
        assertThat(proxy.targets()).containsOnly("127.0.0.1:" + broker.port());
        assertThat(proxy.requests()).allSatisfy(r -> assertThat(r.hadCredentials).isFalse());
    }

    @Test
    void theProxyIsAskedForTheBrokersHostNameNotAnAddressResolvedHere() throws Exception {
        proxy = HttpConnectProxy.start();
        fixture.assertRoundTrip("localhost", broker.port(), b -> b.httpProxyOptions(viaProxy().build()));
        assertThat(proxy.targets()).containsOnly("localhost:" + broker.port());
    }

    @Test
    void basicAuthenticationWithTheProxy() throws Exception {
        proxy = HttpConnectProxy.builder().basicAuth(USER, PASSWORD).start();
        fixture.assertRoundTrip("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaProxy().basicAuth(USER, PASSWORD).build()));
        assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.hadCredentials).isTrue();
            assertThat(r.authorized).isTrue();
        });
    }

    @Test
    void mqttOverTlsInsideTheTunnel() throws Exception {
        proxy = HttpConnectProxy.start();
        fixture.assertRoundTrip("localhost", broker.tlsPort(), b -> b.httpProxyOptions(viaProxy().build())
                .tlsOptions(trustingTheBroker()));
        assertThat(proxy.targets()).containsOnly("localhost:" + broker.tlsPort());
    }

    @Test
    void tlsToTheProxyAndTlsToTheBrokerInsideIt() throws Exception {
        proxy = HttpConnectProxy.builder().tls(proxyPki).basicAuth(USER, PASSWORD).start();
        fixture.assertRoundTrip("localhost", broker.tlsPort(), b -> b
                .httpProxyOptions(HttpProxyOptions.builder("localhost", proxy.port()).basicAuth(USER, PASSWORD)
                        .tls(trustingTheProxy()).build())
                .tlsOptions(trustingTheBroker()));
        assertThat(proxy.targets()).containsOnly("localhost:" + broker.tlsPort());
    }

    @Test
    void tlsToTheProxyWithPlainMqttInsideIt() throws Exception {
        proxy = HttpConnectProxy.builder().tls(proxyPki).start();
        fixture.assertRoundTrip("127.0.0.1", broker.port(), b -> b.httpProxyOptions(viaProxy()
                .tls(trustingTheProxy()).build()));
        assertThat(proxy.targets()).containsOnly("127.0.0.1:" + broker.port());
    }

    @Test
    void mqttOverWebSocketThroughTheProxy() throws Exception {
        proxy = HttpConnectProxy.start();
        fixture.assertRoundTrip("127.0.0.1", broker.webSocketPort(), b -> b.httpProxyOptions(viaProxy().build())
                .webSocketOptions(WebSocketOptions.defaults()));
        assertThat(proxy.targets()).containsOnly("127.0.0.1:" + broker.webSocketPort());
    }

    @Test
    void mqttOverSecureWebSocketThroughTheProxy() throws Exception {
        proxy = HttpConnectProxy.start();
        fixture.assertRoundTrip("localhost", broker.secureWebSocketPort(), b -> b
                .httpProxyOptions(viaProxy().build())
                .tlsOptions(trustingTheBroker())
                .webSocketOptions(WebSocketOptions.defaults()));
        assertThat(proxy.targets()).containsOnly("localhost:" + broker.secureWebSocketPort());
    }

    // ---- failures -----------------------------------------------------------------------------------

    private ProxyException proxyError(ConnectionFailureEvent failure) {
        assertThat(failure.error().kind()).as("kind of %s", failure.error()).isEqualTo(ErrorKind.PROXY);
        assertThat(failure.error()).isInstanceOf(ProxyException.class);
        return (ProxyException) failure.error();
    }

    @Test
    void missingCredentialsAreA407ThatSaysToCheckThem() {
        proxy = HttpConnectProxy.builder().basicAuth(USER, PASSWORD).start();
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaProxy().build())));
        assertThat(error.httpStatus()).isEqualTo(407);
        assertThat(error.getMessage()).contains("407", "user name and password");
        assertThat(proxy.requests()).first().satisfies(r -> assertThat(r.hadCredentials).isFalse());
    }

    @Test
    void wrongCredentialsAreA407ThatNeverShowsThePassword() {
        proxy = HttpConnectProxy.builder().basicAuth(USER, "the-right-one").start();
        Mqtt5ClientOptions[] used = new Mqtt5ClientOptions[1];
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(), b -> {
            b.httpProxyOptions(viaProxy().basicAuth(USER, PASSWORD).build());
            used[0] = b.build();
            return b;
        }));
        assertThat(error.httpStatus()).isEqualTo(407);
        assertThat(error.getMessage()).contains("407", "user name and password");
        assertThat(proxy.requests()).first().satisfies(r -> {
            assertThat(r.hadCredentials).isTrue();
            assertThat(r.authorized).isFalse();
        });
        assertNoSecretIn(error);
        assertThat(used[0].toString()).contains(USER).doesNotContain(PASSWORD);
        assertThat(used[0].httpProxyOptions().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aForbiddenTunnelIsA403() {
        proxy = HttpConnectProxy.start();
        proxy.refuseWith(403);
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaProxy().basicAuth(USER, PASSWORD).build())));
        assertThat(error.httpStatus()).isEqualTo(403);
        assertThat(error.getMessage()).contains("403", "Forbidden");
        assertNoSecretIn(error);
    }

    @Test
    void aProxyThatAnswers502SaysItCouldNotReachTheBroker() {
        proxy = HttpConnectProxy.start();
        proxy.refuseWith(502);
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaProxy().build())));
        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(error.getMessage()).contains("502", "could not reach the broker");
    }

    @Test
    void aBrokerPortWhereNothingListensIsA502FromTheProxy() {
        proxy = HttpConnectProxy.start();
        int closed = ProxyProcess.freePort();
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", closed,
                b -> b.httpProxyOptions(viaProxy().build())));
        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(proxy.targets()).containsOnly("127.0.0.1:" + closed);
    }

    @Test
    void aProxyThatNeverAnswersFailsWithinTheConnectTimeout() {
        proxy = HttpConnectProxy.start();
        proxy.neverAnswer();
        long started = System.nanoTime();
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(viaProxy().build()).connectTimeout(Duration.ofMillis(500))));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(error.httpStatus()).isNull();
        assertThat(error.getMessage()).contains("timeout");
        assertThat(proxy.targets()).containsOnly("127.0.0.1:" + broker.port());
    }

    /**
     * Nothing listens on the proxy's port. The error must name the proxy (the address the client could
     * not reach), not send the user looking for a broker problem.
     */
    @Test
    void aProxyPortWhereNothingListensIsReportedAsTheProxyRefusing() {
        int closed = ProxyProcess.freePort();
        Mqtt5Exception error = fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.httpProxyOptions(HttpProxyOptions.builder("127.0.0.1", closed).build())).error();
        assertThat(error.getMessage()).as("message of %s", error).contains("proxy", "127.0.0.1:" + closed)
                .doesNotContain("check that a broker listens");
        assertThat(error.kind()).as("kind of %s", error).isEqualTo(ErrorKind.PROXY);
        assertThat(error).isInstanceOf(ProxyException.class);
        assertThat(((ProxyException) error).httpStatus()).isNull();
    }

    /** The proxy's certificate is not trusted: the TLS error must name the proxy, not the broker behind it. */
    @Test
    void anUntrustedProxyCertificateIsATlsErrorNamingTheProxy() {
        proxy = HttpConnectProxy.builder().tls(proxyPki).start();
        Mqtt5Exception error = fixture.firstFailure("localhost", broker.tlsPort(), b -> b
                .httpProxyOptions(HttpProxyOptions.builder("localhost", proxy.port())
                        .tls(TlsOptions.defaults()).build())
                .tlsOptions(trustingTheBroker())).error();
        assertThat(error).isInstanceOf(TlsException.class);
        assertThat(((TlsException) error).failure()).isEqualTo(TlsException.Failure.UNTRUSTED_CERTIFICATE);
        assertThat(error.getMessage()).as("message of %s", error).contains("localhost:" + proxy.port())
                .doesNotContain("localhost:" + broker.tlsPort());
        assertThat(proxy.requests()).as("no CONNECT without TLS").isEmpty();
    }

    private static void assertNoSecretIn(Mqtt5Exception error) {
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD, basic);
            assertThat(t.toString()).doesNotContain(PASSWORD, basic);
        }
    }
}
