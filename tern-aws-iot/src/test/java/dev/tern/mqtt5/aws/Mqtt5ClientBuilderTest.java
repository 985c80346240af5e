package dev.tern.mqtt5.aws;

import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each factory puts on the wire: port, ALPN, WebSocket path, CONNECT user name and defaults. */
class Mqtt5ClientBuilderTest {

    private static final String ENDPOINT = "abc123-ats.iot.us-east-1.amazonaws.com";
    private static final String METRICS = "SDK=Tern&Version=" + Mqtt5ClientBuilder.version();
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    @Test
    void mtlsDefaultsTo8883WithTheIotAlpnOffered() {
        Mqtt5ClientOptions options = Mqtt5ClientBuilder.mtlsFromPath("cert.pem", "key.pem", ENDPOINT).options();
        assertThat(options.host()).isEqualTo(ENDPOINT);
        assertThat(options.port()).isEqualTo(8883);
        assertThat(options.tlsOptions().alpnProtocols()).containsExactly("x-amzn-mqtt-ca");
        assertThat(options.tlsOptions().certificateFile()).isEqualTo(Path.of("cert.pem"));
        assertThat(options.webSocketOptions()).isNull();
        assertThat(options.connectOptions().keepAliveIntervalSeconds()).isEqualTo(1200);
        assertThat(options.connectOptions().username()).isEqualTo("?" + METRICS);
        assertThat(options.connectOptions().password()).isNull();
        assertThat(options.connectOptions().sessionExpiryIntervalSeconds()).isNull();
        assertThat(options.connectOptions().userProperties()).isEmpty();
    }

    @Test
    void mtlsOn443KeepsTheAlpnThatMakesItWork() {
        Mqtt5ClientOptions options = Mqtt5ClientBuilder.mtlsFromPath("cert.pem", "key.pem", ENDPOINT).withPort(443)
                .options();
        assertThat(options.port()).isEqualTo(443);
        assertThat(options.tlsOptions().alpnProtocols()).containsExactly("x-amzn-mqtt-ca");
    }

    @Test
    void aClientIdIsGeneratedWhenNoneIsGivenAndKeptAcrossBuilds() {
        Mqtt5ClientBuilder builder = Mqtt5ClientBuilder.mtlsFromMemory("cert", "key", ENDPOINT);
        String generated = builder.options().connectOptions().clientId();
        assertThat(generated).matches("gen[0-9a-f]{32}");
        assertThat(builder.options().connectOptions().clientId()).isEqualTo(generated);
        assertThat(Mqtt5ClientBuilder.mtlsFromMemory("cert", "key", ENDPOINT).options().connectOptions().clientId())
                .isNotEqualTo(generated);
        assertThat(Mqtt5ClientBuilder.mtlsFromMemory("cert", "key", ENDPOINT).withClientId("thing-1").options()
                .connectOptions().clientId()).isEqualTo("thing-1");
        assertThat(Mqtt5ClientBuilder.mtlsFromMemory("cert", "key", ENDPOINT)
                .withConnectOptions(ConnectPacket.builder().clientId("from-connect").build()).options()
                .connectOptions().clientId()).isEqualTo("from-connect");
    }

    @Test
    void unsignedCustomAuthorizerGoesTo443WithAlpnMqtt() {
        Mqtt5ClientOptions options = Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(ENDPOINT, "MyAuthorizer",
                "alice", "pa55".getBytes(StandardCharsets.UTF_8)).options();
        assertThat(options.port()).isEqualTo(443);
        assertThat(options.tlsOptions().alpnProtocols()).containsExactly("mqtt");
        assertThat(options.tlsOptions().identitySource()).isEqualTo(
                dev.tern.mqtt5.transport.TlsOptions.IdentitySource.NONE);
        assertThat(options.connectOptions().username())
                .isEqualTo("alice?x-amz-customauthorizer-name=MyAuthorizer&" + METRICS);
        assertThat(options.connectOptions().password()).isEqualTo("pa55".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signedCustomAuthorizerWithoutMetrics() {
        Mqtt5ClientOptions options = Mqtt5ClientBuilder.directWithSignedCustomAuthorizer(ENDPOINT, "MyAuthorizer",
                "c2ln+bmF0/dXJl=", "token", "tokenValue", null, (byte[]) null).withSdkMetrics(false).options();
        assertThat(options.connectOptions().username()).isEqualTo("?x-amz-customauthorizer-name=MyAuthorizer"
                + "&token=tokenValue&x-amz-customauthorizer-signature=c2ln%2BbmF0%2FdXJl%3D");
        assertThat(options.connectOptions().password()).isNull();
    }

    @Test
    void aUsernameFromTheConnectOptionsIsKept() {
        Mqtt5ClientOptions options = Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(ENDPOINT, "A", null,
                (byte[]) null).withConnectOptions(ConnectPacket.builder().username("bob?tenant=7").build()).options();
        assertThat(options.connectOptions().username()).isEqualTo("bob?tenant=7&x-amz-customauthorizer-name=A&"
                + METRICS);
    }

    @Test
    void sigV4WebSocketsGoTo443OnMqttPathWithTheRegionFromTheEndpoint() {
        Mqtt5ClientBuilder builder = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(ENDPOINT, null, CREDENTIALS);
        Mqtt5ClientOptions options = builder.options();
        assertThat(options.port()).isEqualTo(443);
        assertThat(options.webSocketOptions().path()).isEqualTo("/mqtt");
        assertThat(options.webSocketOptions().handshakeTransformer()).isNotNull();
        assertThat(options.tlsOptions().alpnProtocols()).isEmpty();
        assertThat(options.connectOptions().username()).isEqualTo("?" + METRICS);
    }

    @Test
    void aRegionThatCannotBeReadIsATypedErrorNotANull() {
        assertThatThrownBy(() -> Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning("iot.example.com", null,
                CREDENTIALS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
        assertThat(Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning("iot.example.com", "eu-west-1", CREDENTIALS)
                .options().host()).isEqualTo("iot.example.com");
    }

    @Test
    void customAuthorizerOverWebSockets() {
        Mqtt5ClientOptions options = Mqtt5ClientBuilder.websocketsWithCustomAuthorizer(ENDPOINT, "A", "u",
                "p".getBytes(StandardCharsets.UTF_8)).withSdkMetrics(false).options();
        assertThat(options.webSocketOptions().path()).isEqualTo("/mqtt");
        assertThat(options.webSocketOptions().handshakeTransformer()).isNull();
        assertThat(options.connectOptions().username()).isEqualTo("u?x-amz-customauthorizer-name=A");
    }

    @Test
    void theProxyIsUsed() {
        HttpProxyOptions proxy = HttpProxyOptions.builder("proxy.local", 3128).basicAuth("u", "p").build();
        assertThat(Mqtt5ClientBuilder.mtlsFromMemory("c", "k", ENDPOINT).withHttpProxyOptions(proxy).options()
                .httpProxyOptions()).isSameAs(proxy);
    }

    @Test
    void misconfigurationsNameTheArgument() {
        assertThatThrownBy(() -> Mqtt5ClientBuilder.mtlsFromPath("c", "k", "mqtts://" + ENDPOINT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without scheme");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.mtlsFromPath("c", "k", ENDPOINT + ":8883"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.mtlsFromPath((String) null, "k", ENDPOINT))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("certPath");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.mtlsFromPkcs12("p.p12", null, ENDPOINT))
                .hasMessageContaining("pkcs12Password");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(ENDPOINT, "A", "a?b?c",
                (byte[]) null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'?'");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.directWithSignedCustomAuthorizer(ENDPOINT, "A", "", "k", "v",
                null, (byte[]) null)).hasMessageContaining("authorizerSignature");
        assertThatThrownBy(() -> Mqtt5ClientBuilder.mtlsFromMemory("c", "k", ENDPOINT).withPort(0))
                .hasMessageContaining("port");
    }

    @Test
    void iotCoreLimitsAreCheckedAtBuildWhenAskedFor() {
        Mqtt5ClientBuilder builder = Mqtt5ClientBuilder.mtlsFromMemory("c", "k", ENDPOINT)
                .withKeepAliveIntervalSeconds(10);
        builder.options(); // not validated unless asked for
        builder.withIotCoreLimitsValidation(true);
        assertThatThrownBy(builder::options).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep alive");
        try (Mqtt5Client client = builder.withKeepAliveIntervalSeconds(30).build()) {
            assertThat(client.getClass().getSimpleName()).isEqualTo("IotCoreLimitedClient");
        }
    }
}
