package dev.tern.mqtt5.aws;

import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.testing.ReadmeSnippets;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's AWS IoT Core examples compile, build the clients they say, and are shown exactly as written
 * here. (That each factory connects is {@link Mqtt5ClientBuilderEndToEndTest}'s job.)
 */
class ReadmeAwsExamplesTest {

    @Test
    void theAwsExamplesBuildClients() {
        String tokenSignature = "c2lnbmF0dXJl+/=";
        // snippet:start aws-iot
        String endpoint = "abc123-ats.iot.us-east-1.amazonaws.com"; // your account's device data endpoint

        // The six callbacks at once (each a default no-op), or one by one with withOn…
        Mqtt5ClientCallbacks callbacks = new Mqtt5ClientCallbacks() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                System.out.println("connected; session present: " + event.connAck().sessionPresent());
            }
        };

        // Direct MQTT with X.509 mutual TLS, certificate and private key from PEM files
        Mqtt5Client mtls = Mqtt5ClientBuilder.mtlsFromPath("certificate.pem.crt", "private.pem.key", endpoint)
                .withCallbacks(callbacks)
                .withOnPublishReceived(event -> System.out.println(event.publishPacket().payloadAsString()))
                .build();

        // The same identity from a PKCS#12 file (on every platform Java runs on)
        Mqtt5Client pkcs12 = Mqtt5ClientBuilder.mtlsFromPkcs12("device.p12", "p12-password", endpoint).build();

        // Direct MQTT with a custom authorizer; the builder adds the authorizer to the CONNECT user name
        Mqtt5Client unsigned = Mqtt5ClientBuilder.directWithUnsignedCustomAuthorizer(endpoint,
                "MyAuthorizer", "device-user", "device-password").build();
        Mqtt5Client signed = Mqtt5ClientBuilder.directWithSignedCustomAuthorizer(endpoint,
                "MySigningAuthorizer", tokenSignature, "tokenKeyName", "tokenValue", "device-user",
                "device-password").build();

        // MQTT over WebSocket signed with SigV4, from any AWS credentials provider: here a Cognito identity
        CognitoCredentialsProvider cognito = CognitoCredentialsProvider
                .builder("us-east-1:01234567-89ab-cdef-0123-456789abcdef") // an identity ID, not the pool ID
                .build();
        Mqtt5Client websocket = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, "us-east-1", cognito)
                .build();

        // Any of them through an HTTP proxy, with basic authentication and TLS to the proxy
        Mqtt5Client proxied = Mqtt5ClientBuilder.mtlsFromPath("certificate.pem.crt", "private.pem.key", endpoint)
                .withHttpProxyOptions(HttpProxyOptions.builder("proxy.example", 3128)
                        .basicAuth("proxy-user", "proxy-password")
                        .tls(TlsOptions.defaults())
                        .build())
                .build();
        // snippet:end aws-iot

        List<Mqtt5Client> clients = List.of(mtls, pkcs12, unsigned, signed, websocket, proxied);
        try {
            assertThat(mtls.options().port()).isEqualTo(8883);
            assertThat(pkcs12.options().tlsOptions().pkcs12File()).isEqualTo(Path.of("device.p12"));
            assertThat(unsigned.options().connectOptions().username())
                    .startsWith("device-user?x-amz-customauthorizer-name=MyAuthorizer&SDK=Tern");
            assertThat(signed.options().connectOptions().username())
                    .contains("&tokenKeyName=tokenValue&x-amz-customauthorizer-signature=c2lnbmF0dXJl%2B%2F%3D");
            assertThat(websocket.options().webSocketOptions().path()).isEqualTo("/mqtt");
            assertThat(proxied.options().httpProxyOptions().toString()).doesNotContain("proxy-password");
        } finally {
            clients.forEach(Mqtt5Client::close);
        }
    }

    @Test
    void theReadmeShowsTheseExamplesAsWritten() {
        assertThat(ReadmeSnippets.readme("aws-iot")).isEqualTo(ReadmeSnippets.source(
                Path.of("src/test/java/dev/tern/mqtt5/aws/ReadmeAwsExamplesTest.java"), "aws-iot"));
    }
}
