package dev.tern.mqtt5.docs;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.ProxyException;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.WebSocketUpgradeException;
import dev.tern.mqtt5.aws.Mqtt5ClientBuilder;
import dev.tern.mqtt5.aws.testing.CustomAuthorizer;
import dev.tern.mqtt5.aws.testing.IotGateway;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.HttpConnectProxy;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error-handling section of docs/userguide.md: the snippets meet the failures they are written for —
 * an untrusted server certificate, a proxy that wants credentials, a refused WebSocket upgrade, a refused
 * CONNECT, nothing listening; an operation while offline, one IoT Core would refuse, one that succeeds —
 * and each takes the branch the guide says it takes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserGuideErrorsTest {

    private static final String HOST = "127.0.0.1";

    private final GuideFixtures fixtures = new GuideFixtures();
    private GuideLog guideLog;

    @BeforeEach
    void captureLog(TestInfo test) {
        guideLog = GuideLog.capture(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeAll() throws Exception {
        fixtures.close();
        guideLog.close();
    }

    /** Starts a client with these options and the snippet's events, waits for the line, closes it. */
    private void failOnce(Mqtt5ClientOptions options, LifecycleEvents lifecycleEvents, String expectedLine) {
        try (Mqtt5Client client = Mqtt5Client.create(options.toBuilder().lifecycleEvents(lifecycleEvents)
                .reconnectOptions(GuideFixtures.FAST_RECONNECT).build())) {
            client.start();
            guideLog.await(expectedLine);
        }
    }

    @Test
    void connectionFailuresAreTypedExceptions() throws Exception {
        Logger log = guideLog.logger();

        // snippet:start userguide-connection-errors
        LifecycleEvents lifecycleEvents = new LifecycleEvents() {
            @Override
            public void onConnectionFailure(ConnectionFailureEvent event) {
                Mqtt5Exception error = event.error();
                if (error instanceof TlsException) {
                    log.error("TLS failed ({}): {}", ((TlsException) error).failure(), error.getMessage());
                } else if (error instanceof ProxyException) {
                    log.error("the proxy said HTTP {}: {}", ((ProxyException) error).httpStatus(), error.getMessage());
                } else if (error instanceof WebSocketUpgradeException) {
                    log.error("the WebSocket upgrade got HTTP {}: {}", ((WebSocketUpgradeException) error).httpStatus(),
                            error.getMessage());
                } else if (error.kind() == ErrorKind.CONNACK_REFUSED) {
                    log.error("the server refused the connection: {}", event.connAck().reasonCode());
                } else {
                    log.warn("connection failed ({}): {}", error.kind(), error.getMessage());
                }
            }
        };
        // snippet:end userguide-connection-errors

        HiveMqBroker broker = HiveMqBroker.get();
        // The broker's certificate is issued by a test CA that the JDK does not trust.
        failOnce(Mqtt5ClientOptions.builder("localhost", broker.tlsPort()).tlsOptions(TlsOptions.defaults()).build(),
                lifecycleEvents, "ERROR TLS failed (UNTRUSTED_CERTIFICATE): the certificate of localhost:"
                        + broker.tlsPort() + " is not trusted: it does not chain to a trusted CA");

        HttpConnectProxy proxy = fixtures.closing(HttpConnectProxy.builder().basicAuth("user", "secret").start());
        failOnce(Mqtt5ClientOptions.builder(HOST, broker.port())
                        .httpProxyOptions(HttpProxyOptions.builder(HOST, proxy.port()).build()).build(),
                lifecycleEvents, "ERROR the proxy said HTTP 407: the HTTP proxy " + HOST + ":" + proxy.port()
                        + " refused to open a tunnel to " + HOST + ":" + broker.port()
                        + ": 407 Proxy Authentication Required");

        IotGateway sigV4 = fixtures.closing(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials("AKIDGUIDE", "the-right-secret").region("us-east-1").start());
        failOnce(Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", "us-east-1",
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDGUIDE", "a-wrong-secret")))
                        .withPort(sigV4.port()).withCertificateAuthorityFromPath(sigV4.caFile()).options(),
                lifecycleEvents, "ERROR the WebSocket upgrade got HTTP 403: the server refused the WebSocket upgrade"
                        + " to localhost:" + sigV4.port() + ": HTTP 403 Forbidden (a bad signature or credentials,"
                        + " for AWS IoT)");

        IotGateway customAuth = fixtures.closing(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.unsigned("GuideAuthorizer").password("right")).start());
        failOnce(Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer("localhost", "GuideAuthorizer", "device",
                        "wrong").withPort(customAuth.port()).withCertificateAuthorityFromPath(customAuth.caFile())
                        .options(),
                lifecycleEvents, "ERROR the server refused the connection: NOT_AUTHORIZED");

        int closedPort = HiveMqBroker.freePort();
        failOnce(Mqtt5ClientOptions.builder(HOST, closedPort).build(), lifecycleEvents,
                "WARN connection failed (CONNECTION_REFUSED): the connection to " + HOST + ":" + closedPort
                        + " was refused; check that a broker listens on that port");
    }

    /** A client and the message the snippet publishes with it. */
    private record Case(Mqtt5Client client, PublishPacket packet) {
    }

    @Test
    void operationFailuresAreMqtt5ExceptionsWithAKind() throws Exception {
        Logger log = guideLog.logger();
        Mqtt5Client offline = fixtures.closing(Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST,
                HiveMqBroker.get().port()).build()));
        Mqtt5Client limited = fixtures.closing(Mqtt5ClientBuilder.mtlsFromPath("certificate.pem.crt",
                "private.pem.key", "abc123-ats.iot.us-east-1.amazonaws.com").withIotCoreLimitsValidation(true).build());
        Mqtt5Client online = fixtures.closing(Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST,
                HiveMqBroker.get().port()).connectOptions(ConnectPacket.builder()
                .clientId("guide-errors-" + UUID.randomUUID()).build()).build()));
        GuideFixtures.startAndAwaitConnected(online, null);
        List<Case> cases = List.of(
                new Case(offline, PublishPacket.builder().topic("guide/errors").payload("offline").build()),
                new Case(limited, PublishPacket.builder().topic("guide/errors").payload("QoS 2")
                        .qos(QoS.EXACTLY_ONCE).build()),
                new Case(online, PublishPacket.builder().topic("guide/errors").payload("fine")
                        .qos(QoS.AT_LEAST_ONCE).build()));

        for (Case c : cases) {
            Mqtt5Client client = c.client();
            PublishPacket packet = c.packet();

            // snippet:start userguide-operation-errors
            try {
                PublishResult result = client.publish(packet).get(10, TimeUnit.SECONDS);
                if (!result.isSuccess()) {
                    // The server answered and refused the message (a reason code of 0x80 or above)
                    log.warn("refused: {}", result);
                }
            } catch (ExecutionException e) {
                // No acknowledgement came: the cause is a Mqtt5Exception whose kind() says why
                Mqtt5Exception error = (Mqtt5Exception) e.getCause();
                switch (error.kind()) {
                    case NOT_CONNECTED:
                    case OFFLINE_QUEUE_FULL:
                        log.warn("not sent, try again later: {}", error.getMessage());
                        break;
                    case PACKET_TOO_LARGE:
                    case UNSUPPORTED_BY_SERVER:
                        log.error("the server cannot take this message: {}", error.getMessage());
                        break;
                    default:
                        log.error("publish failed ({}): {}", error.kind(), error.getMessage());
                }
            }
            // snippet:end userguide-operation-errors
        }

        assertThat(guideLog.lines()).containsExactly(
                "WARN not sent, try again later: the client is not connected, and FAIL_NON_QOS1_PUBLISH_ON_DISCONNECT"
                        + " does not keep QoS 0 publishes until it is",
                "ERROR the server cannot take this message: AWS IoT Core does not support QoS 2; publish with QoS 0"
                        + " or 1");
    }
}
