package dev.tern.mqtt5.docs;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.aws.CognitoCredentialsProvider;
import dev.tern.mqtt5.aws.Mqtt5ClientBuilder;
import dev.tern.mqtt5.aws.Mqtt5ClientCallbacks;
import dev.tern.mqtt5.aws.testing.CustomAuthorizer;
import dev.tern.mqtt5.aws.testing.GatewayAttempt;
import dev.tern.mqtt5.aws.testing.IotGateway;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.testing.HttpConnectProxy;
import dev.tern.mqtt5.testing.TestPki;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS IoT Core sections of docs/userguide.md: each snippet between the markers is shown in the guide
 * exactly as written here ({@link DocSnippetsTest}), and runs here. The variables a snippet uses
 * ({@code endpoint}, {@code certPath}, …) are declared just before it and point at local fixtures: the
 * {@link IotGateway} (which checks TLS, ALPN, client certificates, custom-authorizer user names and SigV4
 * signatures the way IoT Core does, then relays to the embedded HiveMQ broker) and {@link HttpConnectProxy}.
 * A snippet builds its client for the endpoint's real port; {@link GuideFixtures#onGateway} then moves
 * that very configuration to the gateway's port and CA, and the test connects, subscribes, publishes and
 * receives through it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserGuideAwsIotTest {

    /** A device data endpoint name; served locally through a proxy's route where a test needs the name. */
    private static final String ENDPOINT = "abc123-ats.iot.us-east-1.amazonaws.com";
    private static final String AKID = "AKIDGUIDEEXAMPLE";
    private static final String SECRET = "guide/secret+key=EXAMPLE";
    private static final String TOKEN = "guide/session+token=";

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

    private IotGateway gateway(IotGateway.Builder builder) {
        return fixtures.closing(builder.start());
    }

    // ==== Lifecycle events and optional configuration ===============================================

    @Test
    void callbacksAndOptionalConfigurationAreSetOnTheBuilder() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("guide-thing-1");
        Logger log = guideLog.logger();
        Mqtt5ClientBuilder clientBuilder = Mqtt5ClientBuilder.mtlsFromPath(gateway.certificateFile(device),
                gateway.privateKeyFile(device), "localhost")
                .withPort(gateway.port())
                .withCertificateAuthorityFromPath(gateway.caFile());

        // snippet:start userguide-aws-callbacks
        // All callbacks at once: override the Mqtt5ClientCallbacks methods you need (each is a no-op by default)
        clientBuilder.withCallbacks(new Mqtt5ClientCallbacks() {
            @Override
            public void onAttemptingConnect(AttemptingConnectEvent event) {
                log.info("connecting, attempt {}", event.attempt());
            }

            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                log.info("connected as {}", event.negotiatedSettings().clientId());
            }

            @Override
            public void onConnectionFailure(ConnectionFailureEvent event) {
                log.warn("connection failed: {}", event.error().getMessage());
            }

            @Override
            public void onDisconnection(DisconnectionEvent event) {
                log.info("disconnected: {}", event.error().kind());
            }

            @Override
            public void onStopped(StoppedEvent event) {
                log.info("stopped");
            }
        });

        // Callbacks can also be set one at a time; each replaces the same callback given to withCallbacks
        clientBuilder.withOnPublishReceived(event -> log.info("received '{}' on {}",
                event.publishPacket().payloadAsString(), event.publishPacket().topic()));

        // Optional configuration, one with… method per option
        clientBuilder.withClientId("guide-thing-1")
                .withKeepAliveIntervalSeconds(300)
                .withSessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .withSessionExpiryIntervalSeconds(3600L);

        // Create the client: its configuration cannot change from here on
        Mqtt5Client client = clientBuilder.build();
        // snippet:end userguide-aws-callbacks
        fixtures.closing(client);

        client.start();
        guideLog.await("connected as guide-thing-1");
        String topic = "guide/callbacks/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(topic).payload("hello").qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);
        guideLog.await("received 'hello' on " + topic);
        client.stop();
        guideLog.await("stopped");

        assertThat(guideLog.lines()).containsSubsequence("INFO connecting, attempt 1",
                "INFO connected as guide-thing-1", "INFO disconnected: CLIENT_STOPPED", "INFO stopped");
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.connect().clientId()).isEqualTo("guide-thing-1");
        assertThat(attempt.connect().keepAliveIntervalSeconds()).isEqualTo(300);
        assertThat(attempt.connect().sessionExpiryIntervalSeconds()).isEqualTo(3600L);
    }

    // ==== Direct MQTT with X.509-based mutual TLS ======================================================

    @Test
    void mtlsFromPathConnectsWithTheCertificateAndKeyFiles() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("guide-thing-path");
        String endpoint = "localhost";
        String certPath = gateway.certificateFile(device).toString();
        String keyPath = gateway.privateKeyFile(device).toString();

        // snippet:start userguide-mtls-from-path
        Mqtt5ClientBuilder clientBuilder = Mqtt5ClientBuilder.mtlsFromPath(certPath, keyPath, endpoint);

        // Set callbacks and other options with the builder's with… methods, then create the client
        Mqtt5Client client = clientBuilder.build();
        // snippet:end userguide-mtls-from-path

        assertThat(client.options().port()).isEqualTo(8883);
        GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.accepted()).isTrue();
        assertThat(attempt.clientSubject()).contains("guide-thing-path");
        assertThat(attempt.offeredAlpn()).containsExactly("x-amzn-mqtt-ca");
        assertThat(attempt.connect().keepAliveIntervalSeconds()).isEqualTo(1200);
        assertThat(attempt.connect().clientId()).matches("gen[0-9a-f]{32}");
    }

    @Test
    void mtlsFromMemoryConnectsWithPemText() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("guide-thing-memory", TestPki.KeyType.EC);
        String endpoint = "localhost";
        String certPem = Files.readString(gateway.certificateFile(device));
        String keyPem = Files.readString(gateway.privateKeyFile(device));

        // snippet:start userguide-mtls-from-memory
        // The certificate and private key as PEM text, e.g. from a secrets store
        Mqtt5Client client = Mqtt5ClientBuilder.mtlsFromMemory(certPem, keyPem, endpoint).build();
        // snippet:end userguide-mtls-from-memory

        GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        assertThat(gateway.attempts().get(0).clientSubject()).contains("guide-thing-memory");
    }

    // ==== Direct MQTT with PKCS#12, and with any key store =============================================

    @Test
    void mtlsFromPkcs12ConnectsWithTheP12File() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca"));
        TestPki.Identity device = gateway.issueDevice("guide-thing-p12");
        String endpoint = "localhost";
        String pkcs12Path = gateway.pkcs12File(device, "p12-password".toCharArray()).toString();
        String pkcs12Password = "p12-password";

        // snippet:start userguide-pkcs12
        Mqtt5Client client = Mqtt5ClientBuilder.mtlsFromPkcs12(pkcs12Path, pkcs12Password, endpoint).build();
        // snippet:end userguide-pkcs12

        GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        assertThat(gateway.attempts().get(0).clientSubject()).contains("guide-thing-p12");
        assertThat(gateway.attempts().get(0).alpn()).isEqualTo("x-amzn-mqtt-ca");
    }

    @Test
    void mtlsFromKeyStoreConnectsWithTheEntryNamedByItsAlias() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS));
        TestPki.Identity device = gateway.issueDevice("guide-thing-keystore");
        String endpoint = "localhost";
        char[] keyStorePassword = "store-password".toCharArray();
        String keyStorePath = keyStoreFile(gateway, device, "device", keyStorePassword).toString();

        // snippet:start userguide-key-store
        // Any loaded KeyStore: PKCS#12 or JKS from a file, or a PKCS#11 token whose key never leaves the hardware
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(keyStorePath))) {
            keyStore.load(in, keyStorePassword);
        }

        Mqtt5Client client = Mqtt5ClientBuilder.mtlsFromKeyStore(keyStore, "device", keyStorePassword, endpoint)
                .build();
        // snippet:end userguide-key-store

        GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        assertThat(gateway.attempts().get(0).clientSubject()).contains("guide-thing-keystore");
    }

    /** A PKCS#12 key store holding the device's key and chain under {@code alias}. */
    private static Path keyStoreFile(IotGateway gateway, TestPki.Identity device, String alias, char[] password)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, device.privateKey, password, device.chain.toArray(new X509Certificate[0]));
        Path file = Files.createTempFile("guide-device", ".p12");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    // ==== Direct MQTT with custom authentication ========================================================

    @Test
    void anUnsignedCustomAuthorizerGetsItsNameUserNameAndPassword() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.unsigned("GuideAuthorizer").password("open sesame")));
        String endpoint = "localhost";
        String authorizerName = "GuideAuthorizer";
        String username = "device-7";
        String password = "open sesame";

        // snippet:start userguide-custom-auth-unsigned
        Mqtt5Client client = Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(endpoint,
                authorizerName,  // the authorizer's name; null for the endpoint's default authorizer
                username,        // for your authorizer's Lambda; null for none
                password)        // for the Lambda, as raw bytes (a String is sent as UTF-8); null for none
                .build();
        // snippet:end userguide-custom-auth-unsigned

        assertThat(client.options().port()).isEqualTo(443);
        GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.accepted()).isTrue();
        assertThat(attempt.alpn()).isEqualTo("mqtt");
        assertThat(attempt.connect().username()).startsWith("device-7?x-amz-customauthorizer-name=GuideAuthorizer&SDK=Tern");
        assertThat(attempt.password()).isEqualTo("open sesame".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSigningCustomAuthorizerGetsTheTokenAndTheEncodedSignature() throws Exception {
        String signature = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 1, 2});
        assertThat(signature).contains("+", "/", "=");
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.signing("GuideSigningAuthorizer", "guide-token",
                        "device%207%2Ftoken%2B1", signature).password("secret")));
        String endpoint = "localhost";
        String authorizerName = "GuideSigningAuthorizer";
        String authorizerSignature = signature;
        String tokenKeyName = "guide-token";
        String token = "device 7/token+1";
        String username = "device-7";
        String password = "secret";

        // snippet:start userguide-custom-auth-signed
        // The authorizer name, token key name and token value go into the CONNECT user name as given:
        // URI-encode those that need it (this token has a space, a '/' and a '+')
        String tokenValue = URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20");

        Mqtt5Client client = Mqtt5ClientBuilder.directWithSignedCustomAuthorizer(endpoint,
                authorizerName,
                authorizerSignature,  // base64, as your signing key produced it: the builder URI-encodes it
                tokenKeyName,
                tokenValue,
                username,
                password)
                .build();
        // snippet:end userguide-custom-auth-signed

        GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.accepted()).as(attempt.refusal()).isTrue();
        assertThat(attempt.connect().username()).startsWith("device-7?x-amz-customauthorizer-name=GuideSigningAuthorizer"
                + "&guide-token=device%207%2Ftoken%2B1&x-amz-customauthorizer-signature=%2B%2F%2B%2FAQI%3D&SDK=Tern");
    }

    @Test
    void theBuilderComposesTheUserNameAndKeepsTheUsersOwnParameters() {
        String endpoint = ENDPOINT;

        // snippet:start userguide-custom-auth-username
        Mqtt5ClientBuilder clientBuilder = Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(endpoint,
                "MyAuthorizer", "device-7?site=berlin", "secret")
                .withSdkMetrics(false);  // leaves out SDK=Tern&Version=…, which IoT Core reads as telemetry

        String username = clientBuilder.options().connectOptions().username();
        // "device-7?site=berlin&x-amz-customauthorizer-name=MyAuthorizer"
        // snippet:end userguide-custom-auth-username

        assertThat(username).isEqualTo("device-7?site=berlin&x-amz-customauthorizer-name=MyAuthorizer");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(endpoint, "MyAuthorizer",
                "device-7?x-amz-customauthorizer-name=MyAuthorizer", "secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("username already carries x-amz-customauthorizer-name; pass the plain user name, the"
                        + " builder adds the authorizer parameters");
    }

    // ==== MQTT over WebSockets ============================================================================

    @Test
    void websocketsSignedWithTheDefaultCredentialsChain() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials(AKID, SECRET, TOKEN).region("us-east-1"));
        String endpoint = "localhost";
        // The default chain's first source: Java system properties (no environment, profile or network needed)
        System.setProperty("aws.accessKeyId", AKID);
        System.setProperty("aws.secretAccessKey", SECRET);
        System.setProperty("aws.sessionToken", TOKEN);
        try {
            // snippet:start userguide-websocket-sigv4
            // Any AWS SDK for Java v2 credentials provider: the default chain, a profile, STS, Cognito, …
            AwsCredentialsProvider credentialsProvider = DefaultCredentialsProvider.builder().build();

            Mqtt5Client client = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint,
                    "us-east-1",  // the signing region; null reads it from <prefix>.iot.<region>.amazonaws.com
                    credentialsProvider)
                    .build();
            // snippet:end userguide-websocket-sigv4

            fixtures.closing((DefaultCredentialsProvider) credentialsProvider);
            assertThat(client.options().port()).isEqualTo(443);
            GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            System.clearProperty("aws.sessionToken");
        }
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.accepted()).isTrue();
        assertThat(attempt.credentialScope().accessKeyId()).isEqualTo(AKID);
        assertThat(attempt.credentialScope().region()).isEqualTo("us-east-1");
        assertThat(attempt.credentialScope().service()).isEqualTo("iotdevicegateway");
        assertThat(attempt.upgrade().path()).isEqualTo("/mqtt");
        assertThat(attempt.upgrade().queryParameter("X-Amz-Security-Token")).isEqualTo(TOKEN);
    }

    @Test
    void websocketsThroughACustomAuthorizer() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.unsigned("GuideAuthorizer").password("open sesame")));
        String endpoint = "localhost";
        String authorizerName = "GuideAuthorizer";
        String username = "device-7";
        String password = "open sesame";

        // snippet:start userguide-websocket-custom-auth
        Mqtt5Client client = Mqtt5ClientBuilder.websocketsWithCustomAuthorizer(endpoint, authorizerName, username,
                password.getBytes(StandardCharsets.UTF_8))
                .build();
        // snippet:end userguide-websocket-custom-auth

        GuideFixtures.roundTrip(fixtures.onGateway(client, gateway), gateway);
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.accepted()).isTrue();
        assertThat(attempt.upgrade().path()).isEqualTo("/mqtt");
        assertThat(attempt.connect().username()).startsWith("device-7?x-amz-customauthorizer-name=GuideAuthorizer");
    }

    @Test
    void cognitoCredentialsForAnIdentity() {
        String endpoint = ENDPOINT;
        String identityId = "us-east-1:4f6a1c3e-0d2b-4c59-9b7e-1a2b3c4d5e6f";
        String idToken = "id-token-from-the-user-pool";

        // snippet:start userguide-cognito
        // A Cognito identity ID (GetId on your identity pool returns it): not the identity pool ID
        CognitoCredentialsProvider cognito = CognitoCredentialsProvider.builder(identityId)
                // For an authenticated identity: its identity provider and the token that provider issued
                .login("cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI", idToken)
                .build();

        Mqtt5Client client = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, null, cognito).build();
        // snippet:end userguide-cognito
        fixtures.closing(client);

        // Not started: that would ask the real Cognito service. Mqtt5ClientBuilderEndToEndTest connects with
        // Cognito credentials from a local Cognito stand-in, through a proxy, end to end.
        assertThat(cognito.region()).as("read from the identity ID").isEqualTo("us-east-1");
        assertThat(cognito.toString()).doesNotContain(idToken);
        assertThat(client.options().port()).isEqualTo(443);
        assertThat(client.options().webSocketOptions().path()).isEqualTo("/mqtt");
        assertThat(client.options().webSocketOptions().handshakeTransformer()).as("the SigV4 signer").isNotNull();
    }

    // ==== HTTP proxy ======================================================================================

    @Test
    void anHttpProxyWithBasicAuthentication() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.MTLS).serverNames(ENDPOINT));
        HttpConnectProxy proxy = fixtures.closing(HttpConnectProxy.builder().basicAuth("proxy-user", "proxy-password")
                .route(ENDPOINT, 8883, gateway.port()).start());
        TestPki.Identity device = gateway.issueDevice("guide-thing-proxy");
        String endpoint = ENDPOINT;
        String certPath = gateway.certificateFile(device).toString();
        String keyPath = gateway.privateKeyFile(device).toString();
        String proxyHost = "127.0.0.1";
        int proxyPort = proxy.port();
        String proxyUser = "proxy-user";
        String proxyPassword = "proxy-password";

        // snippet:start userguide-http-proxy
        HttpProxyOptions proxyOptions = HttpProxyOptions.builder(proxyHost, proxyPort)
                .basicAuth(proxyUser, proxyPassword)  // only if the proxy asks for it
                .build();

        Mqtt5Client client = Mqtt5ClientBuilder.mtlsFromPath(certPath, keyPath, endpoint)
                .withHttpProxyOptions(proxyOptions)
                .build();
        // snippet:end userguide-http-proxy

        GuideFixtures.roundTrip(fixtures.trustingGateway(client, gateway), gateway);
        assertThat(proxy.requests()).anySatisfy(r -> {
            assertThat(r.target).isEqualTo(ENDPOINT + ":8883");
            assertThat(r.authorized).isTrue();
        });
        assertThat(gateway.attempts().get(0).sni()).as("TLS to the endpoint inside the tunnel").isEqualTo(ENDPOINT);
    }

    @Test
    void tlsToTheProxyItselfForAnyConnectionMethod() throws Exception {
        IotGateway gateway = gateway(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials(AKID, SECRET, TOKEN).region("us-east-1").serverNames(ENDPOINT));
        TestPki proxyPki = TestPki.create("guide-proxy-ca");
        HttpConnectProxy proxy = fixtures.closing(HttpConnectProxy.builder().tls(proxyPki)
                .basicAuth("proxy-user", "proxy-password").route(ENDPOINT, 443, gateway.port()).start());
        String endpoint = ENDPOINT;
        AwsCredentialsProvider credentialsProvider = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(AKID, SECRET, TOKEN));
        String proxyHost = "localhost";
        int proxyPort = proxy.port();
        String proxyUser = "proxy-user";
        String proxyPassword = "proxy-password";
        String proxyCaPath = proxyPki.caFile().toString();

        // snippet:start userguide-http-proxy-tls
        HttpProxyOptions proxyOptions = HttpProxyOptions.builder(proxyHost, proxyPort)
                .basicAuth(proxyUser, proxyPassword)
                // TLS to the proxy itself; TlsOptions.defaults() when its certificate is publicly trusted
                .tls(TlsOptions.builder().trustCertificates(Path.of(proxyCaPath)).build())
                .build();

        Mqtt5Client client = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, null, credentialsProvider)
                .withHttpProxyOptions(proxyOptions)
                .build();
        // snippet:end userguide-http-proxy-tls

        GuideFixtures.roundTrip(fixtures.trustingGateway(client, gateway), gateway);
        assertThat(proxy.targets()).contains(ENDPOINT + ":443");
        GatewayAttempt attempt = gateway.attempts().get(0);
        assertThat(attempt.sni()).isEqualTo(ENDPOINT);
        assertThat(attempt.upgrade().header("Host")).isEqualTo(ENDPOINT);
        assertThat(attempt.credentialScope().region()).as("read from the endpoint").isEqualTo("us-east-1");
    }

    // ==== Tuning for IoT Core ==============================================================================

    @Test
    void iotCoreLimitsFailOperationsLocallyAndConnectionsAreRotated() throws Exception {
        String endpoint = ENDPOINT;
        AwsCredentialsProvider credentialsProvider = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(AKID, SECRET, TOKEN));

        // snippet:start userguide-aws-tuning
        Mqtt5Client client = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, null, credentialsProvider)
                // Fail what IoT Core would refuse (QoS 2, payloads over 128 KiB, topics over 256 bytes or
                // 7 slashes, more than 8 filters) as operation errors instead of disconnections, and hold
                // publishes to IoT Core's 100 per second and 512 KiB per second per connection
                .withIotCoreLimitsValidation(true)
                // Replace each connection with a fresh one before IoT Core ends it at 24 hours …
                .withMaxConnectionAge(Duration.ofHours(23))
                // … or before the temporary credentials it was signed with expire, if that comes first
                .withRotationBeforeCredentialsExpire(true)
                .build();
        // snippet:end userguide-aws-tuning
        fixtures.closing(client);

        assertThat(client.options().maxConnectionAge()).isEqualTo(Duration.ofHours(23));
        // Refused before anything is sent (the client is not even started)
        CompletableFuture<?> qos2 = client.publish(PublishPacket.builder().topic("guide/limits").payload("x")
                .qos(QoS.EXACTLY_ONCE).build());
        assertThatThrownBy(() -> qos2.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(Mqtt5Exception.class)
                .hasMessage("AWS IoT Core does not support QoS 2; publish with QoS 0 or 1")
                .extracting(e -> ((Mqtt5Exception) e).kind()).isEqualTo(ErrorKind.UNSUPPORTED_BY_SERVER);
        CompletableFuture<?> deep = client.subscribe(SubscribePacket.of("a/b/c/d/e/f/g/h/i", QoS.AT_LEAST_ONCE));
        assertThatThrownBy(() -> deep.get(5, TimeUnit.SECONDS)).cause()
                .hasMessageContaining("at most 7 slashes");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, null,
                credentialsProvider).withIotCoreLimitsValidation(true).withKeepAliveIntervalSeconds(3600).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS IoT Core accepts keep alive intervals from 30 to 1200 seconds; was 3600");
    }
}
