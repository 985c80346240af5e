package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.testing.ReadmeSnippets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's transport examples compile, build valid options, and are shown exactly as written here. */
class ReadmeTransportExamplesTest {

    @Test
    void theTransportExamplesBuildTheOptionsTheySay() {
        char[] password = "secret".toCharArray();
        // snippet:start transports
        // Mutual TLS with a certificate and key from PEM files (MQTT over TLS, usually port 8883)
        Mqtt5ClientOptions mtls = Mqtt5ClientOptions.builder("broker.example", 8883)
                .tlsOptions(TlsOptions.builder()
                        .trustCertificates(Path.of("ca.pem"))
                        .clientCertificate(Path.of("device.pem.crt"), Path.of("private.pem.key"))
                        .build())
                .build();

        // The same identity from a PKCS#12 file
        TlsOptions pkcs12 = TlsOptions.builder().pkcs12(Path.of("device.p12"), password).build();

        // MQTT over WebSocket over TLS (wss), with an extra header on the upgrade request
        Mqtt5ClientOptions wss = Mqtt5ClientOptions.builder("broker.example", 443)
                .tlsOptions(TlsOptions.defaults())
                .webSocketOptions(WebSocketOptions.builder().path("/mqtt").header("X-Device", "sensor-1").build())
                .build();

        // Through an HTTP proxy, with basic authentication and TLS to the proxy itself
        Mqtt5ClientOptions proxied = Mqtt5ClientOptions.builder("broker.example", 8883)
                .tlsOptions(TlsOptions.defaults())
                .httpProxyOptions(HttpProxyOptions.builder("proxy.example", 3128)
                        .basicAuth("user", "secret")
                        .tls(TlsOptions.defaults())
                        .build())
                .build();

        // Through a SOCKS5 proxy with username and password
        Mqtt5ClientOptions socks = Mqtt5ClientOptions.builder("broker.example", 1883)
                .socks5ProxyOptions(Socks5ProxyOptions.of("socks.example", 1080, "user", "secret"))
                .build();
        // snippet:end transports

        assertThat(mtls.tlsOptions().identitySource()).isEqualTo(TlsOptions.IdentitySource.PEM_FILES);
        assertThat(pkcs12.identitySource()).isEqualTo(TlsOptions.IdentitySource.PKCS12_FILE);
        assertThat(wss.webSocketOptions().headers()).hasSize(1);
        assertThat(proxied.httpProxyOptions().tls()).isNotNull();
        assertThat(proxied.toString()).doesNotContain("secret");
        assertThat(socks.socks5ProxyOptions().toString()).doesNotContain("secret");
    }

    @Test
    void theReadmeShowsTheseExamplesAsWritten() {
        assertThat(ReadmeSnippets.readme("transports")).isEqualTo(ReadmeSnippets.source(
                Path.of("src/test/java/dev/tern/mqtt5/transport/ReadmeTransportExamplesTest.java"), "transports"));
    }
}
