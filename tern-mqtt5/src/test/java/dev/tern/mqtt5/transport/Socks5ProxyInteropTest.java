package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.ProxyException;
import dev.tern.mqtt5.testing.DanteProxy;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.ProxyProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT to HiveMQ through a real SOCKS5 server, Dante (Debian package {@code dante-server}): one without
 * authentication, one with username/password (RFC 1929) against a system account the fixture makes. In
 * the {@code interop} profile.
 */
@Tag("interop")
class Socks5ProxyInteropTest {

    private static DanteProxy open;
    private static DanteProxy authenticating;
    private static int deniedPort;

    private final TransportFixture fixture = new TransportFixture();
    private final HiveMqBroker broker = HiveMqBroker.get();

    @BeforeAll
    static void startDantes() {
        deniedPort = ProxyProcess.freePort();
        open = DanteProxy.builder().denyPort(deniedPort).start();
        authenticating = DanteProxy.builder().usernameAuth().start();
    }

    @AfterAll
    static void stopDantes() {
        if (open != null) {
            open.close();
        }
        if (authenticating != null) {
            authenticating.close();
        }
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static Socks5ProxyOptions openDante() {
        return Socks5ProxyOptions.of("127.0.0.1", open.port());
    }

    @Test
    void mqttOverTcpThroughSocks5WithoutAuthentication() throws Exception {
        fixture.assertRoundTrip("127.0.0.1", broker.port(), b -> b.socks5ProxyOptions(openDante()));
        open.awaitLogLine(Duration.ofSeconds(10), "tcp/connect [", "-> 127.0.0.1.", "127.0.0.1." + broker.port());
    }

    @Test
    void theSocks5ProxyResolvesTheBrokersHostName() throws Exception {
        fixture.assertRoundTrip("localhost", broker.port(), b -> b.socks5ProxyOptions(openDante()));
    }

    @Test
    void mqttOverTlsThroughSocks5() throws Exception {
        fixture.assertRoundTrip("localhost", broker.tlsPort(), b -> b.socks5ProxyOptions(openDante())
                .tlsOptions(TlsOptions.builder().trustCertificates(broker.pki().caFile()).build()));
    }

    @Test
    void mqttOverWebSocketThroughSocks5() throws Exception {
        fixture.assertRoundTrip("127.0.0.1", broker.webSocketPort(), b -> b.socks5ProxyOptions(openDante())
                .webSocketOptions(WebSocketOptions.defaults()));
    }

    @Test
    void usernameAndPasswordAuthentication() throws Exception {
        fixture.assertRoundTrip("127.0.0.1", broker.port(), b -> b.socks5ProxyOptions(Socks5ProxyOptions.of(
                "127.0.0.1", authenticating.port(), authenticating.username(), authenticating.password())));
        authenticating.awaitLogLine(Duration.ofSeconds(10), "tcp/connect [",
                "username%" + authenticating.username() + "@", "127.0.0.1." + broker.port());
    }

    // ---- failures -----------------------------------------------------------------------------------

    private static ProxyException proxyError(ConnectionFailureEvent failure) {
        assertThat(failure.error().kind()).as("kind of %s", failure.error()).isEqualTo(ErrorKind.PROXY);
        assertThat(failure.error()).isInstanceOf(ProxyException.class);
        ProxyException error = (ProxyException) failure.error();
        assertThat(error.httpStatus()).as("no HTTP status from SOCKS5").isNull();
        return error;
    }

    @Test
    void aWrongPasswordIsAProxyErrorThatSaysToCheckTheCredentialsWithoutShowingThem() {
        String wrong = "wr0ng-" + authenticating.password();
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(), b -> b.socks5ProxyOptions(
                Socks5ProxyOptions.of("127.0.0.1", authenticating.port(), authenticating.username(), wrong))));
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain(wrong);
        }
        // Dante answers RFC 1929 status 1; Netty knows only 0xFF as FAILURE and says "authStatus: UNKNOWN(1)".
        assertThat(error.getMessage()).as("what the user must check").contains("user name and password");
    }

    @Test
    void noCredentialsForAProxyThatRequiresThemIsAProxyErrorThatAsksForThem() {
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", broker.port(), b -> b.socks5ProxyOptions(
                Socks5ProxyOptions.of("127.0.0.1", authenticating.port()))));
        // Netty says "unexpected authMethod: UNACCEPTED(255)": the proxy accepts none of the methods offered.
        assertThat(error.getMessage()).as("what the user must configure").contains("user name and password");
    }

    @Test
    void aDestinationTheProxysRulesForbidIsAProxyError() {
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", deniedPort,
                b -> b.socks5ProxyOptions(openDante())));
        assertThat(error.getMessage()).contains("SOCKS5", "does not allow", "FORBIDDEN", String.valueOf(deniedPort));
    }

    @Test
    void aBrokerTheProxyCannotReachIsAProxyError() {
        int closed = ProxyProcess.freePort();
        ProxyException error = proxyError(fixture.firstFailure("127.0.0.1", closed,
                b -> b.socks5ProxyOptions(openDante())));
        assertThat(error.getMessage()).contains("SOCKS5", "could not reach", "CONNECTION_REFUSED", String.valueOf(closed));
    }

    /** As with an HTTP proxy: the error must name the SOCKS5 proxy the client could not reach, not the broker. */
    @Test
    void aSocks5ProxyPortWhereNothingListensIsReportedAsTheProxyRefusing() {
        int closed = ProxyProcess.freePort();
        Mqtt5Exception error = fixture.firstFailure("127.0.0.1", broker.port(),
                b -> b.socks5ProxyOptions(Socks5ProxyOptions.of("127.0.0.1", closed))).error();
        assertThat(error.getMessage()).as("message of %s", error).contains("proxy", "127.0.0.1:" + closed)
                .doesNotContain("check that a broker listens");
        assertThat(error.kind()).as("kind of %s", error).isEqualTo(ErrorKind.PROXY);
    }
}
