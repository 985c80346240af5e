package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.TestPki;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS on the OpenSSL engine (netty-tcnative BoringSSL), in the surefire run that puts tcnative on the
 * classpath: the round trips that the JDK engine does elsewhere.
 */
class TlsEngineOpenSslTest {

    private final TransportFixture fixture = new TransportFixture();
    private final HiveMqBroker broker = HiveMqBroker.get();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void openSslIsOnTheClasspathOfThisRun() {
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative loads: %s", OpenSsl.unavailabilityCause()).isTrue();
    }

    @Test
    void tlsOnOpenSsl() throws Exception {
        fixture.assertRoundTrip("localhost", broker.tlsPort(), b -> b.tlsOptions(TlsOptions.builder()
                .trustCertificates(broker.pki().caFile()).engine(TlsOptions.Engine.OPENSSL).build()));
    }

    @Test
    void mutualTlsWithAPkcs1KeyOnOpenSslChosenAutomatically() throws Exception {
        TestPki pki = broker.pki();
        TestPki.Identity device = pki.client("openssl-device", TestPki.KeyType.RSA);
        Path cert = pki.certificateFile(device, "openssl.crt");
        Path key = pki.traditionalKeyFile(device, "openssl.key");
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(TlsOptions.builder()
                .trustCertificates(pki.caFile()).clientCertificate(cert, key).build()));
    }
}
