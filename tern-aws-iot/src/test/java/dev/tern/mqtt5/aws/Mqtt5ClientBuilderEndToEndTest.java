package dev.tern.mqtt5.aws;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.WebSocketUpgradeException;
import dev.tern.mqtt5.aws.testing.CustomAuthorizer;
import dev.tern.mqtt5.aws.testing.GatewayAttempt;
import dev.tern.mqtt5.aws.testing.IotGateway;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.testing.HttpConnectProxy;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.TestPki;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.testing.LoggedSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every factory of the builder, end to end: a Tern client built for AWS IoT Core connects to the local
 * {@link IotGateway} (which checks TLS, ALPN, client certificates, custom-authorizer user names and SigV4
 * signatures as IoT Core does), subscribes, publishes at QoS 1 and receives its message back from the
 * broker behind the gateway, then stops.
 */
class Mqtt5ClientBuilderEndToEndTest {

    private static final String ENDPOINT = "abc123-ats.iot.us-east-1.amazonaws.com";
    private static final String AKID = "AKIDTERNEXAMPLE";
    private static final String SECRET = "tern/secret+key=EXAMPLE";
    private static final String TOKEN = "session/token+value=";
    /** Base64 with all three characters that must be URL-encoded. */
    private static final String SIGNATURE = Base64.getEncoder().encodeToString(
            new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 1, 2});

    static {
        // Every line Tern logs during these flows is checked for them (dev.tern.testing.LoggedSecrets).
        LoggedSecrets.register(SECRET);
        LoggedSecrets.register(TOKEN);
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final RecordingLifecycleEvents events = new RecordingLifecycleEvents();
    private final BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }

    private IotGateway gateway(IotGateway.Builder builder) {
        return closing(builder.start());
    }

    /** The guide's callbacks object, recording everything. */
    private Mqtt5ClientCallbacks callbacks() {
        return new Mqtt5ClientCallbacks() {
            @Override
            public void onAttemptingConnect(dev.tern.mqtt5.AttemptingConnectEvent event) {
                events.onAttemptingConnect(event);
            }

            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                events.onConnectionSuccess(event);
            }

            @Override
            public void onConnectionFailure(ConnectionFailureEvent event) {
                events.onConnectionFailure(event);
            }

            @Override
            public void onDisconnection(dev.tern.mqtt5.DisconnectionEvent event) {
                events.onDisconnection(event);
            }

            @Override
            public void onStopped(StoppedEvent event) {
                events.onStopped(event);
            }
        };
    }

    private Mqtt5Client build(Mqtt5ClientBuilder builder) {
        return closing(builder
                .withCallbacks(callbacks())
                .withOnPublishReceived(inbox::add)
                .withReconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(500)).jitter(JitterMode.NONE).build())
                .build());
    }

    /** Start, wait for the connection, subscribe, publish at QoS 1, receive it, stop. */
    private void roundTrip(Mqtt5ClientBuilder builder, IotGateway gateway) throws Exception {
        Mqtt5Client client = build(builder);
        client.start();
        awaitConnected(gateway);
        String topic = "tern/e2e/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        assertThat(client.publish(PublishPacket.builder().topic(topic).payload("hello IoT").qos(QoS.AT_LEAST_ONCE)
                .build()).get(10, TimeUnit.SECONDS).pubAck()).isNotNull();
        PublishReceivedEvent received = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("the message back through the gateway").isNotNull();
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("hello IoT");
        client.stop();
        events.await(StoppedEvent.class, Duration.ofSeconds(10));
    }

    private ConnectionSuccessEvent awaitConnected(IotGateway gateway) {
        Object event = events.next(Duration.ofSeconds(15));
        while (!(event instanceof ConnectionSuccessEvent)) {
            if (event instanceof ConnectionFailureEvent) {
                throw new AssertionError("could not connect through the gateway: " + event + "; attempts: "
                        + gateway.attempts(), ((ConnectionFailureEvent) event).error());
            }
            event = events.next(Duration.ofSeconds(15));
        }
        return (ConnectionSuccessEvent) event;
    }

    private static String metrics() {
        return "SDK=Tern&Version=" + Mqtt5ClientBuilder.version();
    }

    // ==== X.509 mutual TLS ===========================================================================

    @Test
    void mtlsFromPath() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("thing-path");
        roundTrip(Mqtt5ClientBuilder.mtlsFromPath(gateway.certificateFile(device).toString(),
                gateway.privateKeyFile(device).toString(), "localhost")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile().toString()), gateway);

        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.accepted()).isTrue();
        assertThat(attempt.clientSubject()).contains("thing-path");
        assertThat(attempt.offeredAlpn()).containsExactly("x-amzn-mqtt-ca");
        assertThat(attempt.sni()).isEqualTo("localhost");
        assertThat(attempt.connect().clientId()).matches("gen[0-9a-f]{32}");
        assertThat(attempt.connect().keepAliveIntervalSeconds()).isEqualTo(1200);
        assertThat(attempt.connect().username()).isEqualTo("?" + metrics());
        assertThat(attempt.connect().password()).isNull();
    }

    @Test
    void mtlsFromMemoryOnPort443WhereTheAlpnIsRequired() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca"));
        TestPki.Identity device = gateway.issueDevice("thing-memory", TestPki.KeyType.EC);
        String certPem = Files.readString(gateway.certificateFile(device));
        String keyPem = Files.readString(gateway.privateKeyFile(device));
        roundTrip(Mqtt5ClientBuilder.mtlsFromMemory(certPem, keyPem, "localhost")
                .withPort(gateway.port())
                .withClientId("thing-memory")
                .withSdkMetrics(false)
                .withCertificateAuthority(Files.readString(gateway.caFile())), gateway);

        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.alpn()).isEqualTo("x-amzn-mqtt-ca");
        assertThat(attempt.connect().clientId()).isEqualTo("thing-memory");
        assertThat(attempt.connect().username()).isNull();
    }

    @Test
    void mtlsFromPkcs12() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca"));
        TestPki.Identity device = gateway.issueDevice("thing-p12");
        Path p12 = gateway.pkcs12File(device, "p12-pass".toCharArray());
        roundTrip(Mqtt5ClientBuilder.mtlsFromPkcs12(p12.toString(), "p12-pass", "localhost")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);
        assertThat(gateway.attempts().get(0).clientSubject()).contains("thing-p12");
    }

    @Test
    void mtlsFromKeyStore() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("thing-keystore");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(gateway.pkcs12File(device, "ks-pass".toCharArray()))) {
            store.load(in, "ks-pass".toCharArray());
        }
        String alias = store.aliases().nextElement();
        roundTrip(Mqtt5ClientBuilder.mtlsFromKeyStore(store, alias, "ks-pass".toCharArray(), "localhost")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);
        assertThat(gateway.attempts().get(0).clientSubject()).contains("thing-keystore");
    }

    @Test
    void aDeviceTheGatewayDoesNotKnowFailsWithATlsError() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki stranger = TestPki.create("stranger-ca");
        TestPki.Identity device = stranger.client("stranger", TestPki.KeyType.RSA);
        Mqtt5Client client = build(Mqtt5ClientBuilder.mtlsFromPath(stranger.certificateFile(device, "s.pem"),
                stranger.pkcs8File(device, "s-key.pem"), "localhost")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()));
        client.start();
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class, Duration.ofSeconds(15));
        assertThat(failure.error().kind()).isIn(ErrorKind.TLS, ErrorKind.CONNECTION_LOST);
    }

    // ==== custom authorizers ===========================================================================

    @Test
    void directWithUnsignedCustomAuthorizer() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.unsigned("TernAuthorizer").password("open sesame")));
        roundTrip(Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer("localhost", "TernAuthorizer", "device-7",
                "open sesame")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);

        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.alpn()).isEqualTo("mqtt");
        assertThat(attempt.clientCertificate()).isNull();
        assertThat(attempt.connect().username())
                .isEqualTo("device-7?x-amz-customauthorizer-name=TernAuthorizer&" + metrics());
        assertThat(attempt.password()).isEqualTo("open sesame".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void directWithSignedCustomAuthorizer() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.signing("TernAuthorizer", "tern-token", "token-value-1",
                        SIGNATURE)));
        roundTrip(Mqtt5ClientBuilder.directWithSignedCustomAuthorizer("localhost", "TernAuthorizer", SIGNATURE,
                "tern-token", "token-value-1", null, (byte[]) null)
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);

        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.username().baseUsername()).isEmpty();
        assertThat(attempt.username().parameterNames()).containsExactly("x-amz-customauthorizer-name", "tern-token",
                "x-amz-customauthorizer-signature", "SDK", "Version");
        assertThat(SIGNATURE).contains("+", "/", "=");
        assertThat(attempt.username().parameter("x-amz-customauthorizer-signature"))
                .isEqualTo(SIGNATURE.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"));
    }

    @Test
    void aRefusedCustomAuthorizerIsAConnAckRefusalWithoutTheSecretInTheMessage() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.unsigned("TernAuthorizer").password("right")));
        Mqtt5Client client = build(Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer("localhost",
                "TernAuthorizer", "u", "wrong-password-123")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()));
        client.start();
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class, Duration.ofSeconds(15));
        Mqtt5Exception error = failure.error();
        assertThat(error.kind()).isEqualTo(ErrorKind.CONNACK_REFUSED);
        assertThat(error.reasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
        assertThat(failure.connAck().reasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
        assertThat(error.getMessage()).doesNotContain("wrong-password-123");
    }

    @Test
    void websocketsWithCustomAuthorizer() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.signing("TernAuthorizer", "tern-token", "tv", SIGNATURE)
                        .password("pw")));
        roundTrip(Mqtt5ClientBuilder.websocketsWithCustomAuthorizer("localhost", "TernAuthorizer", SIGNATURE,
                "tern-token", "tv", "ws-user", "pw".getBytes(StandardCharsets.UTF_8))
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);

        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.upgrade().path()).isEqualTo("/mqtt");
        assertThat(attempt.upgrade().header("Sec-WebSocket-Protocol")).isEqualTo("mqtt");
        assertThat(attempt.username().baseUsername()).isEqualTo("ws-user");
    }

    // ==== SigV4 WebSocket ==============================================================================

    @Test
    void websocketsWithDefaultAwsSigningAndSessionCredentials() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials(AKID, SECRET, TOKEN).region("eu-west-1"));
        roundTrip(Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", "eu-west-1",
                StaticCredentialsProvider.create(AwsSessionCredentials.create(AKID, SECRET, TOKEN)))
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);

        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.accepted()).isTrue();
        assertThat(attempt.credentialScope().region()).isEqualTo("eu-west-1");
        assertThat(attempt.credentialScope().service()).isEqualTo("iotdevicegateway");
        assertThat(attempt.upgrade().path()).isEqualTo("/mqtt");
        assertThat(attempt.upgrade().queryParameterNames()).containsExactly("X-Amz-Algorithm", "X-Amz-Credential",
                "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature");
        assertThat(attempt.upgrade().queryParameter("X-Amz-SignedHeaders")).isEqualTo("host");
        assertThat(attempt.alpn()).isNull();
    }

    @Test
    void aBadSignatureIsA403WithoutSecretsInTheMessage() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials(AKID, SECRET).region("us-east-1"));
        Mqtt5Client client = build(Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(AKID, "not-the-secret-42")))
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()));
        client.start();
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class, Duration.ofSeconds(15));
        assertThat(failure.error()).isInstanceOf(WebSocketUpgradeException.class);
        assertThat(((WebSocketUpgradeException) failure.error()).httpStatus()).isEqualTo(403);
        assertThat(failure.error().getMessage()).doesNotContain("not-the-secret-42")
                .doesNotContain(gateway.attempts().get(0).upgrade().queryParameter("X-Amz-Signature"));
    }

    @Test
    void everyAttemptIsSignedWithCredentialsFetchedAfresh() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials(AKID, SECRET, TOKEN).region("us-east-1"));
        AtomicInteger calls = new AtomicInteger();
        // Expired credentials first, as a refreshing provider might hand out; the rotated ones next.
        AwsCredentialsProvider rotating = () -> calls.incrementAndGet() == 1
                ? AwsSessionCredentials.create(AKID, SECRET, "expired-token")
                : AwsSessionCredentials.create(AKID, SECRET, TOKEN);
        Mqtt5Client client = build(Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", "us-east-1",
                rotating)
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile()));
        client.start();
        assertThat(events.await(ConnectionFailureEvent.class, Duration.ofSeconds(15)).error())
                .isInstanceOf(WebSocketUpgradeException.class);
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        assertThat(calls.get()).isEqualTo(2);
        assertThat(gateway.attempts()).extracting(GatewayAttempt::accepted).containsExactly(false, true);
        client.stop();
    }

    // ==== a real endpoint name, through HTTP proxies ===================================================

    @Test
    void sigV4ThroughAnAuthenticatingProxyWithTheRegionReadFromTheEndpoint() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials(AKID, SECRET, TOKEN).region("us-east-1").serverNames(ENDPOINT));
        HttpConnectProxy proxy = closing(HttpConnectProxy.builder().basicAuth("proxy-user", "proxy-pass")
                .route(ENDPOINT, 443, gateway.port()).start());
        roundTrip(Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(ENDPOINT, null,
                StaticCredentialsProvider.create(AwsSessionCredentials.create(AKID, SECRET, TOKEN)))
                .withHttpProxyOptions(HttpProxyOptions.builder("127.0.0.1", proxy.port())
                        .basicAuth("proxy-user", "proxy-pass").build())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);

        assertThat(proxy.requests()).anySatisfy(r -> {
            assertThat(r.target).isEqualTo(ENDPOINT + ":443");
            assertThat(r.authorized).isTrue();
        });
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.sni()).isEqualTo(ENDPOINT);
        assertThat(attempt.upgrade().header("Host")).isEqualTo(ENDPOINT);
        assertThat(attempt.credentialScope().region()).isEqualTo("us-east-1");
    }

    @Test
    void mtlsOn443ThroughATlsProxy() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca")
                .serverNames(ENDPOINT));
        TestPki proxyPki = TestPki.create("proxy-ca");
        HttpConnectProxy proxy = closing(HttpConnectProxy.builder().tls(proxyPki).basicAuth("u", "p")
                .route(ENDPOINT, 443, gateway.port()).start());
        TestPki.Identity device = gateway.issueDevice("thing-behind-proxy");
        roundTrip(Mqtt5ClientBuilder.mtlsFromPath(gateway.certificateFile(device), gateway.privateKeyFile(device),
                ENDPOINT)
                .withPort(443)
                .withHttpProxyOptions(HttpProxyOptions.builder("localhost", proxy.port()).basicAuth("u", "p")
                        .tls(TlsOptions.builder().trustCertificates(proxyPki.caFile()).build()).build())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);

        assertThat(proxy.targets()).contains(ENDPOINT + ":443");
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.sni()).isEqualTo(ENDPOINT);
        assertThat(attempt.alpn()).isEqualTo("x-amzn-mqtt-ca");
    }

    @Test
    void customAuthorizerThroughAProxy() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.unsigned("TernAuthorizer")).serverNames(ENDPOINT));
        HttpConnectProxy proxy = closing(HttpConnectProxy.builder().route(ENDPOINT, 443, gateway.port()).start());
        roundTrip(Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(ENDPOINT, "TernAuthorizer", null,
                (byte[]) null)
                .withHttpProxyOptions(HttpProxyOptions.builder("127.0.0.1", proxy.port()).build())
                .withCertificateAuthorityFromPath(gateway.caFile()), gateway);
        assertThat(gateway.attempts().get(0).sni()).isEqualTo(ENDPOINT);
        assertThat(gateway.attempts().get(0).connect().username())
                .isEqualTo("?x-amz-customauthorizer-name=TernAuthorizer&" + metrics());
    }

    @Test
    void websocketsWithCognitoCredentialsThroughAProxyForBothCognitoAndIot() throws Exception {
        CognitoCredentialsProviderTest.FakeCognito cognito = closing(CognitoCredentialsProviderTest.FakeCognito.http());
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials("ASIAFAKE1", CognitoCredentialsProviderTest.SECRET_KEY_PREFIX + "1",
                        CognitoCredentialsProviderTest.SESSION_TOKEN_PREFIX + "1")
                .region("us-east-1").serverNames(ENDPOINT));
        HttpConnectProxy proxy = closing(HttpConnectProxy.builder().basicAuth("u", "p")
                .route(ENDPOINT, 443, gateway.port()).start());
        CognitoCredentialsProvider credentials = CognitoCredentialsProvider
                .builder("us-east-1:4f6a1c3e-0d2b-4c59-9b7e-1a2b3c4d5e6f")
                .login("cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI", "id-token")
                .endpointOverride(cognito.endpoint())
                .build();
        Mqtt5ClientBuilder builder = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(ENDPOINT, null, credentials)
                .withHttpProxyOptions(HttpProxyOptions.builder("127.0.0.1", proxy.port()).basicAuth("u", "p").build())
                .withCertificateAuthorityFromPath(gateway.caFile());
        roundTrip(builder, gateway);

        assertThat(cognito.requests()).hasSize(1);
        assertThat(cognito.violations()).isEmpty();
        assertThat(proxy.targets()).containsExactlyInAnyOrder("127.0.0.1:" + cognito.port(), ENDPOINT + ":443");
        assertThat(gateway.attempts().get(0).credentialScope().accessKeyId()).isEqualTo("ASIAFAKE1");

        // A second connection reuses the cached credentials: no second call to Cognito.
        Mqtt5Client again = build(builder);
        again.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        assertThat(cognito.requests()).hasSize(1);
        again.stop();
    }

    // ==== rotation ======================================================================================

    @Test
    void aConnectionOlderThanTheMaximumAgeIsReplacedAndTheSessionGoesOn() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("thing-rotating");
        Mqtt5Client client = build(Mqtt5ClientBuilder.mtlsFromPath(gateway.certificateFile(device),
                gateway.privateKeyFile(device), "localhost")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile())
                .withSessionExpiryIntervalSeconds(300L)
                .withSessionBehavior(dev.tern.mqtt5.ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .withMaxConnectionAge(Duration.ofMillis(700)));
        client.start();
        awaitConnected(gateway);
        String topic = "tern/rotation/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        DisconnectionEvent rotated = events.await(DisconnectionEvent.class, Duration.ofSeconds(10));
        assertThat(rotated.error().kind()).isEqualTo(ErrorKind.CONNECTION_ROTATED);
        ConnectionSuccessEvent again = events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
        assertThat(again.connAck().sessionPresent()).as("the broker kept the session").isTrue();
        client.publish(PublishPacket.builder().topic(topic).payload("after rotation").qos(QoS.AT_LEAST_ONCE)
                .build()).get(10, TimeUnit.SECONDS);
        PublishReceivedEvent received = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("the subscription survived the rotation").isNotNull();
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("after rotation");
        client.stop();
        assertThat(gateway.attempts()).hasSizeGreaterThanOrEqualTo(2).allMatch(GatewayAttempt::accepted);
    }

    @Test
    void aSigV4ConnectionIsReplacedBeforeItsCredentialsExpireWhenAskedTo() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials(AKID, SECRET, TOKEN).region("us-east-1"));
        AtomicInteger calls = new AtomicInteger();
        // Temporary credentials that expire 3 s after they are handed out: rotation comes 1.5 s in.
        AwsCredentialsProvider expiring = () -> {
            calls.incrementAndGet();
            return AwsSessionCredentials.builder().accessKeyId(AKID).secretAccessKey(SECRET).sessionToken(TOKEN)
                    .expirationTime(java.time.Instant.now().plusSeconds(3)).build();
        };
        Mqtt5Client client = build(Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning("localhost", "us-east-1",
                expiring)
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile())
                .withRotationBeforeCredentialsExpire(true));
        client.start();
        awaitConnected(gateway);
        long connectedAt = System.nanoTime();
        DisconnectionEvent rotated = events.await(DisconnectionEvent.class, Duration.ofSeconds(10));
        assertThat(rotated.error().kind()).isEqualTo(ErrorKind.CONNECTION_ROTATED);
        assertThat(Duration.ofNanos(System.nanoTime() - connectedAt)).as("before the credentials expired")
                .isLessThan(Duration.ofSeconds(3));
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
        assertThat(calls.get()).as("the new connection was signed with credentials fetched again").isEqualTo(2);
        client.stop();
    }

    // ==== IoT Core limits ==============================================================================

    @Test
    void withLimitsWhatIotCoreRefusesFailsHereAndBurstsAreHeldToTheRate() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("thing-limits");
        Mqtt5Client client = build(Mqtt5ClientBuilder.mtlsFromPath(gateway.certificateFile(device),
                gateway.privateKeyFile(device), "localhost")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile())
                .withIotCoreLimitsValidation(true));
        client.start();
        awaitConnected(gateway);

        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("t").payload("x")
                .qos(QoS.EXACTLY_ONCE).build()).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(Mqtt5Exception.class)
                .hasMessageContaining("QoS 2");
        assertThatThrownBy(() -> client.publish(PublishPacket.builder().topic("t").payload(new byte[128 * 1024 + 1])
                .build()).get(5, TimeUnit.SECONDS)).cause().hasMessageContaining("131072");
        assertThat(client.operationStatistics().toString()).isNotNull();

        String topic = "tern/limits/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        int count = 130; // more than one second's worth at 100 publishes per second
        List<java.util.concurrent.CompletableFuture<?>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(client.publish(PublishPacket.builder().topic(topic).payload(Integer.toString(i))
                    .qos(QoS.AT_LEAST_ONCE).build()));
        }
        for (java.util.concurrent.CompletableFuture<?> result : results) {
            result.get(20, TimeUnit.SECONDS);
        }
        List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PublishReceivedEvent event = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("message " + i).isNotNull();
            received.add(event.publishPacket().payloadAsString());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(received).as("held publishes keep their order").containsExactlyElementsOf(expected);
        client.stop();
    }
}
