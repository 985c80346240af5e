package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.MosquittoBroker;
import dev.tern.mqtt5.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS and mutual TLS against Mosquitto 2's TLS listeners (Debian package; interop profile). */
@Tag("interop")
class MosquittoTlsInteropTest {

    private static TestPki pki;
    private static MosquittoBroker broker;
    private static int tlsPort;
    private static int mutualTlsPort;

    private final TransportFixture fixture = new TransportFixture();

    @BeforeAll
    static void startBroker() {
        pki = TestPki.create("mosquitto-ca");
        TestPki.Identity server = pki.server("localhost", "127.0.0.1");
        Path cert = pki.certificateFile(server, "mosquitto-server.crt");
        Path key = pki.pkcs8File(server, "mosquitto-server.key");
        Path ca = pki.caFile();
        tlsPort = HiveMqBroker.freePort();
        mutualTlsPort = HiveMqBroker.freePort();
        broker = MosquittoBroker.start(
                "listener " + tlsPort + " 127.0.0.1",
                "cafile " + ca, "certfile " + cert, "keyfile " + key,
                "listener " + mutualTlsPort + " 127.0.0.1",
                "cafile " + ca, "certfile " + cert, "keyfile " + key,
                "require_certificate true");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeClients() {
        fixture.close();
    }

    @Test
    void tlsWithTheTestCa() throws Exception {
        fixture.assertRoundTrip("localhost", tlsPort, b -> b.tlsOptions(
                TlsOptions.builder().trustCertificates(pki.caFile()).build()));
    }

    @Test
    void mutualTlsWithPemFiles() throws Exception {
        TestPki.Identity device = pki.client("mosquitto-device", TestPki.KeyType.RSA);
        Path cert = pki.certificateFile(device, "device.crt");
        Path key = pki.traditionalKeyFile(device, "device.key");
        fixture.assertRoundTrip("localhost", mutualTlsPort, b -> b.tlsOptions(TlsOptions.builder()
                .trustCertificates(pki.caFile()).clientCertificate(cert, key).build()));
    }

    @Test
    void mutualTlsWithPkcs12() throws Exception {
        TestPki.Identity device = pki.client("mosquitto-p12", TestPki.KeyType.EC);
        char[] password = "p12-password".toCharArray();
        Path p12 = pki.pkcs12File(device, "device.p12", password);
        fixture.assertRoundTrip("localhost", mutualTlsPort, b -> b.tlsOptions(TlsOptions.builder()
                .trustCertificates(pki.caFile()).pkcs12(p12, password).build()));
    }

    @Test
    void mosquittoRequiringACertificateIsReportedAsSuch() {
        ConnectionFailureEvent failure = fixture.firstFailure("localhost", mutualTlsPort, b -> b.tlsOptions(
                TlsOptions.builder().trustCertificates(pki.caFile()).build()));
        assertThat(((TlsException) failure.error()).failure())
                .isEqualTo(TlsException.Failure.CLIENT_CERTIFICATE_REQUIRED);
    }

    @Test
    void mosquittosCertificateIsNotTrustedWithoutTheCa() {
        ConnectionFailureEvent failure = fixture.firstFailure("localhost", tlsPort, b -> b.tlsOptions(
                TlsOptions.defaults()));
        assertThat(((TlsException) failure.error()).failure()).isEqualTo(TlsException.Failure.UNTRUSTED_CERTIFICATE);
    }
}
