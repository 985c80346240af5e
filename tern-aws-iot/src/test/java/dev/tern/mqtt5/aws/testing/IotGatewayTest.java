package dev.tern.mqtt5.aws.testing;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.ConnectReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.TestPki;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.mqtt5.transport.WebSocketHandshakeRequest;
import dev.tern.mqtt5.transport.WebSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway fixture itself, driven by plain clients ({@link RawClient}: JDK TLS sockets, hand-made
 * CONNECTs and upgrade requests) for its checks, and by Tern's {@link Mqtt5Client} for one round trip per
 * mode through the gateway to HiveMQ.
 */
class IotGatewayTest {

    private static final String AKID = "AKIDGATEWAYTEST";
    private static final String SECRET = "gateway/test+secret/KEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLE//token+with/slashes=";
    private static final String SIGNATURE = "dGhlIHNpZ25hdHVyZQ+/=="; // base64 with every character to encode

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private IotGateway start(IotGateway.Builder builder) {
        return closing(builder.start());
    }

    private static ConnectPacket connect(String username, byte[] password) {
        ConnectPacket.Builder builder = ConnectPacket.builder().clientId("gateway-test-" + UUID.randomUUID());
        if (username != null) {
            builder.username(username);
        }
        if (password != null) {
            builder.password(password);
        }
        return builder.build();
    }

    private static ConnAckPacket expectConnAck(RawClient client) throws Exception {
        Object packet = client.readPacket();
        assertThat(packet).isInstanceOf(ConnAckPacket.class);
        return (ConnAckPacket) packet;
    }

    // ==== MTLS ===============================================================================================

    @Nested
    class Mtls {

        @Test
        void aDeviceCertificateFromTheDeviceCaIsAcceptedAndTheConnectionRelayedToTheBroker() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS));
            TestPki.Identity device = gateway.issueDevice("device-1");

            try (RawClient client = RawClient.connect(gateway, List.of("x-amzn-mqtt-ca"), device)) {
                assertThat(client.negotiatedAlpn()).isEqualTo("x-amzn-mqtt-ca");
                ConnectPacket connect = connect(null, null);
                client.send(connect);

                assertThat(expectConnAck(client).reasonCode()).as("HiveMQ's answer").isEqualTo(ConnectReasonCode.SUCCESS);
                GatewayAttempt attempt = gateway.nextAttempt();
                assertThat(attempt.accepted()).isTrue();
                assertThat(attempt.sni()).isEqualTo("localhost");
                assertThat(attempt.offeredAlpn()).containsExactly("x-amzn-mqtt-ca");
                assertThat(attempt.alpn()).isEqualTo("x-amzn-mqtt-ca");
                assertThat(attempt.clientSubject()).isEqualTo("CN=device-1");
                assertThat(attempt.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
                assertThat(attempt.awaitConnect(Duration.ofSeconds(5)).clientId()).isEqualTo(connect.clientId());
            }
        }

        @Test
        void withoutAClientCertificateTheHandshakeFails() {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS));

            assertTlsFailure(() -> RawClient.connect(gateway, List.of(), null));

            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isFalse();
            assertThat(attempt.refusal()).startsWith("TLS handshake failed").containsIgnoringCase("certificate");
        }

        @Test
        void aCertificateFromAnotherCaIsRefused() {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS));
            TestPki.Identity stranger = TestPki.create("some-other-ca").client("stranger", TestPki.KeyType.EC);

            assertTlsFailure(() -> RawClient.connect(gateway, List.of(), stranger));

            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isFalse();
            assertThat(attempt.refusal()).startsWith("TLS handshake failed");
        }

        @Test
        void likePort8883ItTakesAClientThatOffersNoAlpn() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS));

            try (RawClient client = RawClient.connect(gateway, List.of(), gateway.issueDevice("no-alpn", TestPki.KeyType.RSA))) {
                client.send(connect(null, null));
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
            }
            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isTrue();
            assertThat(attempt.offeredAlpn()).isNull();
            assertThat(attempt.alpn()).isNull();
            assertThat(attempt.clientSubject()).isEqualTo("CN=no-alpn");
        }

        @Test
        void likePort443ItRefusesAClientHelloWithoutXAmznMqttCa() {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca"));
            TestPki.Identity device = gateway.issueDevice("device-443");

            assertThatThrownBy(() -> RawClient.connect(gateway, List.of(), device))
                    .isInstanceOf(SSLException.class).hasMessageContaining("no_application_protocol");
            GatewayAttempt without = gateway.nextAttempt();
            assertThat(without.refusal()).contains("x-amzn-mqtt-ca", "no ALPN extension");

            assertThatThrownBy(() -> RawClient.connect(gateway, List.of("mqtt", "http/1.1"), device))
                    .isInstanceOf(SSLException.class);
            GatewayAttempt wrong = gateway.nextAttempt();
            assertThat(wrong.accepted()).isFalse();
            assertThat(wrong.offeredAlpn()).containsExactly("mqtt", "http/1.1");
        }

        @Test
        void likePort443ItAcceptsXAmznMqttCaAmongOtherProtocols() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca"));

            try (RawClient client = RawClient.connect(gateway, List.of("h2", "x-amzn-mqtt-ca"), gateway.issueDevice("d"))) {
                assertThat(client.negotiatedAlpn()).isEqualTo("x-amzn-mqtt-ca");
            }
            assertThat(gateway.nextAttempt().accepted()).isTrue();
        }

        @Test
        void ternsClientMakesARoundTripThroughTheGatewayWithAPkcs12IdentityAndAnEndpointName() throws Exception {
            String endpoint = "abc123-ats.iot.us-east-1.amazonaws.com";
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca")
                    .serverNames(endpoint));
            char[] password = "p12-secret".toCharArray();
            TestPki.Identity device = gateway.issueDevice("tern-device");

            roundTrip(gateway, b -> b.tlsOptions(TlsOptions.builder().trustCertificates(gateway.caFile())
                    .pkcs12(gateway.pkcs12File(device, password), password).alpnProtocols("x-amzn-mqtt-ca")
                    .serverName(endpoint).build()));

            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isTrue();
            assertThat(attempt.sni()).isEqualTo(endpoint);
            assertThat(attempt.clientSubject()).isEqualTo("CN=tern-device");
            assertThat(attempt.alpn()).isEqualTo("x-amzn-mqtt-ca");
        }

        @Test
        void ternsClientPresentsPemFilesTheGatewayWrote() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.MTLS));
            TestPki.Identity device = gateway.issueDevice("pem-device");

            roundTrip(gateway, b -> b.tlsOptions(TlsOptions.builder().trustCertificates(gateway.caFile())
                    .clientCertificate(gateway.certificateFile(device), gateway.privateKeyFile(device)).build()));

            assertThat(gateway.nextAttempt().clientSubject()).isEqualTo("CN=pem-device");
        }
    }

    // ==== CUSTOM_AUTH ========================================================================================

    @Nested
    class CustomAuth {

        private final CustomAuthorizer signing = CustomAuthorizer.signing("TernAuthorizer", "tern-token", "token-value-1",
                SIGNATURE);

        private String username(String base, String authorizer, String tokenValue, String signatureAsSent) {
            return base + "?x-amz-customauthorizer-name=" + authorizer + "&tern-token=" + tokenValue
                    + "&x-amz-customauthorizer-signature=" + signatureAsSent + "&SDK=Tern&Version=0.1.0";
        }

        private String encodedSignature() {
            return SigV4Verifier.uriEncode(SIGNATURE, true);
        }

        @Test
        void aSigningAuthorizersTokenAndSignatureAreAcceptedAndTheConnectGoesToTheBrokerUnchanged() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH).customAuthorizer(signing));
            byte[] password = {0, 1, 2, (byte) 0xFF};
            ConnectPacket connect = connect(username("device", "TernAuthorizer", "token-value-1", encodedSignature()),
                    password);

            try (RawClient client = RawClient.connect(gateway, List.of("mqtt"), null)) {
                assertThat(client.negotiatedAlpn()).isEqualTo("mqtt");
                client.send(connect);
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
            }
            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isTrue();
            assertThat(attempt.alpn()).isEqualTo("mqtt");
            assertThat(attempt.clientCertificate()).isNull();
            assertThat(attempt.connect().clientId()).isEqualTo(connect.clientId());
            CustomAuthUsername username = attempt.username();
            assertThat(username.baseUsername()).isEqualTo("device");
            assertThat(username.parameterNames()).containsExactly("x-amz-customauthorizer-name", "tern-token",
                    "x-amz-customauthorizer-signature", "SDK", "Version");
            assertThat(username.parameter("x-amz-customauthorizer-signature")).isEqualTo("dGhlIHNpZ25hdHVyZQ%2B%2F%3D%3D");
            assertThat(attempt.password()).containsExactly(password);
        }

        @Test
        void anUnknownAuthorizerNameGetsConnAckNotAuthorizedAndTheConnectionIsClosed() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH).customAuthorizer(signing));

            try (RawClient client = RawClient.connect(gateway, List.of("mqtt"), null)) {
                client.send(connect(username("device", "OtherAuthorizer", "token-value-1", encodedSignature()), null));
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
                assertThat(client.closedByPeer()).isTrue();
            }
            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isFalse();
            assertThat(attempt.refusal()).contains("OtherAuthorizer");
            assertThat(attempt.username().parameter("x-amz-customauthorizer-name")).isEqualTo("OtherAuthorizer");
        }

        @Test
        void aWrongSignatureOrTokenIsNotAuthorized() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH).customAuthorizer(signing));

            assertNotAuthorized(gateway, username("d", "TernAuthorizer", "token-value-1", "b3RoZXI%3D"), "does not verify");
            assertNotAuthorized(gateway, username("d", "TernAuthorizer", "token-value-2", encodedSignature()), "token");
            assertNotAuthorized(gateway, "d?x-amz-customauthorizer-name=TernAuthorizer&tern-token=token-value-1",
                    "x-amz-customauthorizer-signature is given 0 times");
        }

        @Test
        void aSignatureThatIsNotUrlEncodedIsNotAuthorized() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH).customAuthorizer(signing));

            assertNotAuthorized(gateway, username("d", "TernAuthorizer", "token-value-1", SIGNATURE), "not URL-encoded");
        }

        @Test
        void aUsernameWithTwoQuestionMarksIsNotAuthorized() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH).customAuthorizer(signing));

            assertNotAuthorized(gateway, username("user?x=1", "TernAuthorizer", "token-value-1", encodedSignature()),
                    "more than one '?'");
        }

        @Test
        void anUnsignedDefaultAuthorizerNeedsNoParametersButItsPassword() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                    .customAuthorizer(CustomAuthorizer.unsigned("Default").asDefault().password("open sesame")));

            try (RawClient client = RawClient.connect(gateway, List.of("mqtt"), null)) {
                client.send(connect("?SDK=Tern&Version=0.1.0", "open sesame".getBytes(StandardCharsets.UTF_8)));
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
            }
            GatewayAttempt accepted = gateway.nextAttempt();
            assertThat(accepted.accepted()).isTrue();
            assertThat(accepted.username().baseUsername()).isEmpty();
            assertThat(accepted.username().parameterNames()).containsExactly("SDK", "Version");

            try (RawClient client = RawClient.connect(gateway, List.of("mqtt"), null)) {
                client.send(connect("?SDK=Tern&Version=0.1.0", "wrong".getBytes(StandardCharsets.UTF_8)));
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
            }
            assertThat(gateway.nextAttempt().refusal()).contains("password");
        }

        @Test
        void withoutAlpnMqttTheHandshakeIsRefused() {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH).customAuthorizer(signing));

            assertThatThrownBy(() -> RawClient.connect(gateway, List.of(), null)).isInstanceOf(SSLException.class);
            assertThat(gateway.nextAttempt().refusal()).contains("ALPN protocol mqtt");
            assertThatThrownBy(() -> RawClient.connect(gateway, List.of("x-amzn-mqtt-ca"), null))
                    .isInstanceOf(SSLException.class);
            assertThat(gateway.nextAttempt().refusal()).contains("[x-amzn-mqtt-ca]");
        }

        @Test
        void ternsClientMakesARoundTripThroughTheGateway() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH).customAuthorizer(signing));

            roundTrip(gateway, b -> b
                    .tlsOptions(TlsOptions.builder().trustCertificates(gateway.caFile()).alpnProtocols("mqtt").build())
                    .connectOptions(connect(username("tern", "TernAuthorizer", "token-value-1", encodedSignature()),
                            null)));

            assertThat(gateway.nextAttempt().accepted()).isTrue();
        }

        private void assertNotAuthorized(IotGateway gateway, String username, String reason) throws Exception {
            try (RawClient client = RawClient.connect(gateway, List.of("mqtt"), null)) {
                client.send(connect(username, null));
                assertThat(expectConnAck(client).reasonCode()).as(username).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
                assertThat(client.closedByPeer()).isTrue();
            }
            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isFalse();
            assertThat(attempt.refusal()).as(username).contains(reason);
        }
    }

    // ==== WEBSOCKET_SIGV4 ====================================================================================

    /**
     * A presigned upgrade target in the form IoT documents and Tern sends, built here from the SigV4
     * algorithm: {@code /mqtt?X-Amz-Algorithm&X-Amz-Credential&X-Amz-Date&X-Amz-SignedHeaders} signed, then
     * {@code X-Amz-Security-Token} (not signed), then {@code X-Amz-Signature}.
     */
    static String presign(String host, String accessKeyId, String secret, String token, String region, String service,
            Instant at) {
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(at.atOffset(ZoneOffset.UTC));
        String date = amzDate.substring(0, 8);
        String scope = SigV4Verifier.credentialScope(date, region, service);
        List<Map.Entry<String, String>> parameters = List.of(
                Map.entry("X-Amz-Algorithm", SigV4Verifier.ALGORITHM),
                Map.entry("X-Amz-Credential", accessKeyId + "/" + scope),
                Map.entry("X-Amz-Date", amzDate),
                Map.entry("X-Amz-SignedHeaders", "host"));
        String canonicalRequest = SigV4Verifier.canonicalRequest("GET", "/mqtt",
                SigV4Verifier.canonicalQueryString(parameters), "host:" + host + "\n", "host",
                SigV4Verifier.EMPTY_PAYLOAD_SHA256);
        String signature = SigV4Verifier.signature(SigV4Verifier.signingKey(secret, date, region, service),
                SigV4Verifier.stringToSign(amzDate, scope, canonicalRequest));
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> parameter : parameters) {
            query.append(query.length() == 0 ? "" : "&").append(parameter.getKey()).append('=')
                    .append(SigV4Verifier.uriEncode(parameter.getValue(), true));
        }
        if (token != null) {
            query.append("&X-Amz-Security-Token=").append(SigV4Verifier.uriEncode(token, true));
        }
        return "/mqtt?" + query.append("&X-Amz-Signature=").append(signature);
    }

    @Nested
    class WebSocketSigV4 {

        private static final String HOST = "abc123-ats.iot.eu-west-1.amazonaws.com";

        private IotGateway gateway(String token, Clock clock) {
            return start(IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4).credentials(AKID, SECRET, token)
                    .region("eu-west-1").clock(clock));
        }

        private String presigned(String token) {
            return presign(HOST, AKID, SECRET, token, "eu-west-1", "iotdevicegateway", Instant.now());
        }

        @Test
        void aPresignedUpgradeIsAcceptedAndMqttIsRelayedInBinaryFrames() throws Exception {
            IotGateway gateway = gateway(null, Clock.systemUTC());
            String target = presigned(null);

            try (RawClient client = RawClient.connect(gateway, List.of(), null)) {
                RawClient.HttpAnswer answer = client.upgrade(target, HOST, "mqtt");
                assertThat(answer.status()).isEqualTo(101);
                assertThat(answer.header("Sec-WebSocket-Protocol")).isEqualTo("mqtt");
                client.send(connect(null, null));
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
                assertThat(client.serverOpcodes).containsOnly(0x2);
            }
            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isTrue();
            assertThat(attempt.upgrade().uri()).isEqualTo(target);
            assertThat(attempt.upgrade().path()).isEqualTo("/mqtt");
            assertThat(attempt.upgrade().header("Host")).isEqualTo(HOST);
            assertThat(attempt.upgrade().queryParameterNames()).containsExactly("X-Amz-Algorithm", "X-Amz-Credential",
                    "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature");
            assertThat(attempt.credentialScope().accessKeyId()).isEqualTo(AKID);
            assertThat(attempt.credentialScope().region()).isEqualTo("eu-west-1");
            assertThat(attempt.credentialScope().service()).isEqualTo("iotdevicegateway");
            assertThat(attempt.canonicalRequest()).startsWith("GET\n/mqtt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&")
                    .contains("\nhost:" + HOST + "\n\nhost\n" + SigV4Verifier.EMPTY_PAYLOAD_SHA256);
            assertThat(attempt.awaitConnect(Duration.ofSeconds(5))).isNotNull();
        }

        @Test
        void theSessionTokenTravelsUnsignedAfterTheSignedParameters() throws Exception {
            IotGateway gateway = gateway(TOKEN, Clock.systemUTC());

            assertThat(upgradeStatus(gateway, presigned(TOKEN), HOST)).isEqualTo(101);

            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isTrue();
            assertThat(attempt.upgrade().queryParameter("X-Amz-Security-Token")).isEqualTo(TOKEN);
            assertThat(attempt.canonicalRequest()).doesNotContain("Security-Token");
        }

        @Test
        void aTamperedSignatureIsForbidden() throws Exception {
            IotGateway gateway = gateway(null, Clock.systemUTC());
            String target = presigned(null);
            char last = target.charAt(target.length() - 1);
            String tampered = target.substring(0, target.length() - 1) + (last == '0' ? '1' : '0');

            assertForbidden(gateway, tampered, HOST, "the signature does not match");
            assertThat(gateway.attempts().get(0).stringToSign()).startsWith("AWS4-HMAC-SHA256\n");
        }

        @Test
        void aSignatureForAnotherHostIsForbidden() throws Exception {
            IotGateway gateway = gateway(null, Clock.systemUTC());

            assertForbidden(gateway, presigned(null), HOST + ":443", "the signature does not match");
        }

        @Test
        void aStaleOrFutureDateIsForbiddenAndFourMinutesOffIsNot() throws Exception {
            Instant now = Instant.now();
            String target = presigned(null);

            IotGateway sixMinutesLater = gateway(null, Clock.fixed(now.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
            assertForbidden(sixMinutesLater, target, HOST, "from the gateway's clock");
            IotGateway sixMinutesEarlier = gateway(null, Clock.fixed(now.minus(Duration.ofMinutes(6)), ZoneOffset.UTC));
            assertForbidden(sixMinutesEarlier, target, HOST, "at most 5 minutes");
            IotGateway fourMinutesLater = gateway(null, Clock.fixed(now.plus(Duration.ofMinutes(4)), ZoneOffset.UTC));
            assertThat(upgradeStatus(fourMinutesLater, target, HOST)).isEqualTo(101);
        }

        @Test
        void aWrongRegionServiceOrAccessKeyIsForbidden() throws Exception {
            IotGateway gateway = gateway(null, Clock.systemUTC());
            Instant now = Instant.now();

            assertForbidden(gateway, presign(HOST, AKID, SECRET, null, "us-east-1", "iotdevicegateway", now), HOST,
                    "region us-east-1, this endpoint is in eu-west-1");
            assertForbidden(gateway, presign(HOST, AKID, SECRET, null, "eu-west-1", "iot", now), HOST,
                    "service iot, expected iotdevicegateway");
            assertForbidden(gateway, presign(HOST, "AKIDUNKNOWN", SECRET, null, "eu-west-1", "iotdevicegateway", now),
                    HOST, "unknown access key id AKIDUNKNOWN");
            assertForbidden(gateway, presign(HOST, AKID, "wrong secret", null, "eu-west-1", "iotdevicegateway", now),
                    HOST, "the signature does not match");
        }

        @Test
        void aMissingOrWrongSessionTokenIsForbidden() throws Exception {
            IotGateway gateway = gateway(TOKEN, Clock.systemUTC());

            assertForbidden(gateway, presigned(null), HOST, "X-Amz-Security-Token is missing");
            assertForbidden(gateway, presigned("another-token"), HOST, "X-Amz-Security-Token is not the session token");

            IotGateway longTerm = gateway(null, Clock.systemUTC());
            assertForbidden(longTerm, presigned(TOKEN), HOST, "has no session token");
        }

        @Test
        void onlyHostMayBeSignedAndEveryPresignParameterIsRequired() throws Exception {
            IotGateway gateway = gateway(null, Clock.systemUTC());
            String target = presigned(null);

            assertForbidden(gateway, target.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=connection%3Bhost"),
                    HOST, "X-Amz-SignedHeaders is connection;host, expected host");
            assertForbidden(gateway, target.replaceAll("&X-Amz-Date=[^&]*", ""), HOST, "X-Amz-Date is missing");
            assertForbidden(gateway, target.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"), HOST, "X-Amz-Algorithm");
        }

        @Test
        void theWrongPathOrNoMqttSubprotocolIsRefusedBeforeTheSignatureIsLookedAt() throws Exception {
            IotGateway gateway = gateway(null, Clock.systemUTC());
            String target = presigned(null);

            try (RawClient client = RawClient.connect(gateway, List.of(), null)) {
                RawClient.HttpAnswer answer = client.upgrade(target.replace("/mqtt?", "/ws?"), HOST, "mqtt");
                assertThat(answer.status()).isEqualTo(404);
                assertThat(answer.body()).contains("/mqtt");
            }
            try (RawClient client = RawClient.connect(gateway, List.of(), null)) {
                assertThat(client.upgrade(target, HOST, null).status()).isEqualTo(400);
            }
            assertThat(gateway.nextAttempt().refusal()).startsWith("404");
            assertThat(gateway.nextAttempt().refusal()).startsWith("400").contains("Sec-WebSocket-Protocol");
        }

        @Test
        void ternsClientMakesARoundTripWithAHandshakeTransformerThatPresigns() throws Exception {
            IotGateway gateway = gateway(TOKEN, Clock.systemUTC());

            roundTrip(gateway, b -> b
                    .tlsOptions(TlsOptions.builder().trustCertificates(gateway.caFile()).build())
                    .webSocketOptions(WebSocketOptions.builder().handshakeTransformer(request -> {
                        // Tern's Host header carries the port when it is not 443: sign what it will send
                        String host = request.host() + ":" + request.port();
                        String target = presign(host, AKID, SECRET, TOKEN, "eu-west-1", "iotdevicegateway", Instant.now());
                        WebSocketHandshakeRequest signed = request.toBuilder()
                                .query(target.substring(target.indexOf('?') + 1)).build();
                        return CompletableFuture.completedFuture(signed);
                    }).build()));

            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).as("%s", attempt).isTrue();
            assertThat(attempt.upgrade().header("Host")).isEqualTo("localhost:" + gateway.port());
            assertThat(attempt.upgrade().header("Sec-WebSocket-Protocol")).isEqualTo("mqtt");
        }

        private int upgradeStatus(IotGateway gateway, String target, String host) throws Exception {
            try (RawClient client = RawClient.connect(gateway, List.of(), null)) {
                return client.upgrade(target, host, "mqtt").status();
            }
        }

        private void assertForbidden(IotGateway gateway, String target, String host, String reason) throws Exception {
            try (RawClient client = RawClient.connect(gateway, List.of(), null)) {
                RawClient.HttpAnswer answer = client.upgrade(target, host, "mqtt");
                assertThat(answer.status()).as(target).isEqualTo(403);
                assertThat(answer.body()).as(target).contains(reason);
                assertThat(client.closedByPeer()).isTrue();
            }
            GatewayAttempt attempt = gateway.nextAttempt();
            assertThat(attempt.accepted()).isFalse();
            assertThat(attempt.refusal()).startsWith("403").contains(reason);
            assertThat(attempt.upgrade().uri()).isEqualTo(target);
        }
    }

    // ==== WEBSOCKET_CUSTOM_AUTH ==============================================================================

    @Nested
    class WebSocketCustomAuth {

        private final CustomAuthorizer authorizer = CustomAuthorizer.signing("WsAuthorizer", "tok", "t-1", SIGNATURE);
        private final String good = "ws-user?x-amz-customauthorizer-name=WsAuthorizer&tok=t-1"
                + "&x-amz-customauthorizer-signature=" + SigV4Verifier.uriEncode(SIGNATURE, true);

        @Test
        void theUpgradeNeedsNoSignatureAndTheConnectIsCheckedLikeOverTls() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.WEBSOCKET_CUSTOM_AUTH).customAuthorizer(authorizer));

            try (RawClient client = RawClient.connect(gateway, List.of(), null)) {
                assertThat(client.upgrade("/mqtt", "localhost", "mqtt").status()).isEqualTo(101);
                client.send(connect(good, null));
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.SUCCESS);
            }
            GatewayAttempt accepted = gateway.nextAttempt();
            assertThat(accepted.accepted()).isTrue();
            assertThat(accepted.upgrade().rawQuery()).isNull();
            assertThat(accepted.username().baseUsername()).isEqualTo("ws-user");

            try (RawClient client = RawClient.connect(gateway, List.of(), null)) {
                assertThat(client.upgrade("/mqtt", "localhost", "mqtt").status()).isEqualTo(101);
                client.send(connect(good.replace("WsAuthorizer", "Nobody"), null));
                assertThat(expectConnAck(client).reasonCode()).isEqualTo(ConnectReasonCode.NOT_AUTHORIZED);
                assertThat(client.closedByPeer()).isTrue();
                assertThat(client.serverOpcodes).first().isEqualTo(0x2);
            }
            assertThat(gateway.nextAttempt().refusal()).contains("Nobody");
        }

        @Test
        void ternsClientMakesARoundTripThroughTheGateway() throws Exception {
            IotGateway gateway = start(IotGateway.builder(IotGateway.Mode.WEBSOCKET_CUSTOM_AUTH).customAuthorizer(authorizer));

            roundTrip(gateway, b -> b
                    .tlsOptions(TlsOptions.builder().trustCertificates(gateway.caFile()).build())
                    .webSocketOptions(WebSocketOptions.defaults())
                    .connectOptions(connect(good, null)));

            assertThat(gateway.nextAttempt().accepted()).isTrue();
        }
    }

    // ==== helpers ============================================================================================

    /** Bounded: the failure shows within the handshake or on the first read (TLS 1.3 client certificates). */
    private static void assertTlsFailure(ThrowingSupplier<RawClient> connect) {
        assertThatThrownBy(() -> {
            try (RawClient client = connect.get()) {
                client.send(connect(null, null));
                client.readPacket();
            }
        }).isInstanceOfAny(SSLException.class, java.net.SocketException.class, java.io.EOFException.class);
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** Tern's client through the gateway to HiveMQ: connect, subscribe, publish at QoS 1, receive it back. */
    private void roundTrip(IotGateway gateway, UnaryOperator<Mqtt5ClientOptions.Builder> customize) throws Exception {
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5ClientOptions.Builder builder = Mqtt5ClientOptions.builder("localhost", gateway.port())
                .connectOptions(connect(null, null))
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(200))
                        .maxDelay(Duration.ofSeconds(2)).jitter(JitterMode.NONE).build())
                .lifecycleEvents(events)
                .onPublishReceived(inbox::add);
        Mqtt5Client client = closing(Mqtt5Client.create(customize.apply(builder).build()));
        client.start();
        Object event = events.next(Duration.ofSeconds(15));
        while (!(event instanceof ConnectionSuccessEvent)) {
            if (event instanceof ConnectionFailureEvent) {
                throw new AssertionError("the client could not connect through the gateway: " + event
                        + "; gateway attempts: " + gateway.attempts(), ((ConnectionFailureEvent) event).error());
            }
            event = events.next(Duration.ofSeconds(15));
        }
        String topic = "gateway/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(topic).payload("through the gateway").qos(QoS.AT_LEAST_ONCE)
                .build()).get(10, TimeUnit.SECONDS);
        PublishReceivedEvent received = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("the message back through the gateway").isNotNull();
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("through the gateway");
        client.stop();
    }
}
