package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS and mutual TLS against HiveMQ CE's TLS listeners, with certificates made at test time. */
class TlsTransportTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();

    private final TransportFixture fixture = new TransportFixture();
    private final HiveMqBroker broker = HiveMqBroker.get();
    private final TestPki pki = broker.pki();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private TlsOptions.Builder trusting() {
        return TlsOptions.builder().trustCertificates(pki.caFile());
    }

    @Test
    void tlsWithACustomCaFile() throws Exception {
        fixture.assertRoundTrip("localhost", broker.tlsPort(), b -> b.tlsOptions(trusting().build()));
    }

    @Test
    void tlsWithTheCaGivenAsPemText() throws Exception {
        String pem = Files.readString(pki.caFile());
        fixture.assertRoundTrip("127.0.0.1", broker.tlsPort(), b -> b.tlsOptions(
                TlsOptions.builder().trustCertificatesPem(pem).build()));
    }

    @Test
    void mutualTlsWithAPkcs8KeyFile() throws Exception {
        TestPki.Identity device = pki.client("device-pkcs8", TestPki.KeyType.EC);
        Path cert = pki.certificateFile(device, "pkcs8.crt");
        Path key = pki.pkcs8File(device, "pkcs8.key");
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(trusting()
                .clientCertificate(cert, key).build()));
    }

    @Test
    void mutualTlsWithAPkcs1RsaKeyFile() throws Exception {
        TestPki.Identity device = pki.client("device-pkcs1", TestPki.KeyType.RSA);
        Path cert = pki.certificateFile(device, "pkcs1.crt");
        Path key = pki.traditionalKeyFile(device, "pkcs1.key");
        assertThat(Files.readString(key)).contains("BEGIN RSA PRIVATE KEY");
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(trusting()
                .clientCertificate(cert, key).build()));
    }

    @Test
    void mutualTlsWithASec1EcKeyFile() throws Exception {
        TestPki.Identity device = pki.client("device-sec1", TestPki.KeyType.EC);
        Path cert = pki.certificateFile(device, "sec1.crt");
        Path key = pki.traditionalKeyFile(device, "sec1.key");
        assertThat(Files.readString(key)).contains("BEGIN EC PRIVATE KEY");
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(trusting()
                .clientCertificate(cert, key).build()));
    }

    @Test
    void mutualTlsWithAnEncryptedPkcs8KeyAndItsPassword() throws Exception {
        TestPki.Identity device = pki.client("device-enc", TestPki.KeyType.RSA);
        Path cert = pki.certificateFile(device, "enc.crt");
        Path key = pki.encryptedPkcs8File(device, "enc.key", PASSWORD);
        assertThat(Files.readString(key)).contains("BEGIN ENCRYPTED PRIVATE KEY");
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(trusting()
                .clientCertificate(cert, key, PASSWORD).build()));
    }

    @Test
    void mutualTlsWithCertificateAndKeyInMemory() throws Exception {
        TestPki.Identity device = pki.client("device-memory", TestPki.KeyType.EC);
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(trusting()
                .clientCertificatePem(TestPki.pem(device.certificate), TestPki.pkcs8(device.privateKey)).build()));
    }

    @Test
    void mutualTlsWithAPkcs12File() throws Exception {
        TestPki.Identity device = pki.client("device-p12", TestPki.KeyType.RSA);
        Path p12 = pki.pkcs12File(device, "device.p12", PASSWORD);
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(trusting()
                .pkcs12(p12, PASSWORD).build()));
    }

    @Test
    void theCallersPasswordArrayMayBeClearedOnceTheOptionsAreBuiltAndTwoConnectionsStillLoadTheKey()
            throws Exception {
        TestPki.Identity device = pki.client("device-p12-cleared", TestPki.KeyType.RSA);
        Path p12 = pki.pkcs12File(device, "device-cleared.p12", PASSWORD);
        char[] password = PASSWORD.clone();
        TlsOptions options = trusting().pkcs12(p12, password).build();
        java.util.Arrays.fill(password, '\0'); // what a careful caller does with its copy
        char[] copy = options.password();
        java.util.Arrays.fill(copy, 'x'); // a copy handed out cannot change the options either
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(options));
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(options));
        assertThat(options.password()).containsExactly(PASSWORD);
    }

    @Test
    void mutualTlsWithOneAliasOfAKeyStoreHoldingSeveral() throws Exception {
        TestPki other = TestPki.create("unrelated-ca");
        TestPki.Identity wrong = other.client("wrong", TestPki.KeyType.EC);
        TestPki.Identity right = pki.client("right", TestPki.KeyType.EC);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("aaa-wrong", wrong.privateKey, PASSWORD, new java.security.cert.Certificate[] {wrong.certificate});
        store.setKeyEntry("zzz-right", right.privateKey, PASSWORD, new java.security.cert.Certificate[] {right.certificate});
        fixture.assertRoundTrip("localhost", broker.mutualTlsPort(), b -> b.tlsOptions(trusting()
                .keyStore(store, "zzz-right", PASSWORD).build()));
    }

    private static TlsException tlsError(ConnectionFailureEvent failure) {
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.TLS);
        assertThat(failure.error()).isInstanceOf(TlsException.class);
        return (TlsException) failure.error();
    }

    @Test
    void theSystemTrustStoreDoesNotTrustATestCa() {
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.tlsPort(),
                b -> b.tlsOptions(TlsOptions.defaults())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.UNTRUSTED_CERTIFICATE);
        assertThat(error.getMessage()).contains("not trusted", "localhost:" + broker.tlsPort());
    }

    @Test
    void aServerThatRequiresAClientCertificateSaysSoWhenNoneIsConfigured() {
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.mutualTlsPort(),
                b -> b.tlsOptions(trusting().build())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.CLIENT_CERTIFICATE_REQUIRED);
        assertThat(error.getMessage()).contains("client certificate");
    }

    @Test
    void aClientCertificateFromAnotherCaIsRejected() {
        TestPki other = TestPki.create("stranger-ca");
        TestPki.Identity stranger = other.client("stranger", TestPki.KeyType.EC);
        Path cert = other.certificateFile(stranger, "stranger.crt");
        Path key = other.pkcs8File(stranger, "stranger.key");
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.mutualTlsPort(),
                b -> b.tlsOptions(trusting().clientCertificate(cert, key).build())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.CLIENT_CERTIFICATE_REJECTED);
    }

    @Test
    void aMissingKeyFileNamesTheFile() {
        TestPki.Identity device = pki.client("missing", TestPki.KeyType.EC);
        Path cert = pki.certificateFile(device, "missing.crt");
        Path key = pki.folder().resolve("no-such.key");
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.mutualTlsPort(),
                b -> b.tlsOptions(trusting().clientCertificate(cert, key).build())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.KEY_MATERIAL);
        assertThat(error.getMessage()).contains(key.toString(), "does not exist");
    }

    @Test
    void aCertificateGivenAsTheKeyNamesTheFormatsExpectedWithoutPrintingTheFile() throws Exception {
        TestPki.Identity device = pki.client("swapped", TestPki.KeyType.EC);
        Path cert = pki.certificateFile(device, "swapped.crt");
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.mutualTlsPort(),
                b -> b.tlsOptions(trusting().clientCertificate(cert, cert).build())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.KEY_MATERIAL);
        assertThat(error.getMessage()).contains(cert.toString(), "PRIVATE KEY", "PKCS#8", "PKCS#1", "SEC1",
                "found [CERTIFICATE]");
        String base64 = Files.readString(cert).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(error.getMessage()).doesNotContain(base64);
    }

    @Test
    void aWrongPasswordForAnEncryptedKeyIsReportedWithoutThePassword() {
        TestPki.Identity device = pki.client("wrong-password", TestPki.KeyType.EC);
        Path cert = pki.certificateFile(device, "wp.crt");
        Path key = pki.encryptedPkcs8File(device, "wp.key", PASSWORD);
        char[] wrong = "Tr0ub4dor&3".toCharArray();
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.mutualTlsPort(),
                b -> b.tlsOptions(trusting().clientCertificate(cert, key, wrong).build())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.KEY_MATERIAL);
        assertThat(error.getMessage()).contains("password").doesNotContain("Tr0ub4dor", "correct horse");
        assertThat(String.valueOf(error.getCause())).doesNotContain("Tr0ub4dor");
    }

    @Test
    void anEncryptedKeyWithoutAPasswordAsksForOne() {
        TestPki.Identity device = pki.client("no-password", TestPki.KeyType.EC);
        Path cert = pki.certificateFile(device, "np.crt");
        Path key = pki.encryptedPkcs8File(device, "np.key", PASSWORD);
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.mutualTlsPort(),
                b -> b.tlsOptions(trusting().clientCertificate(cert, key).build())));
        assertThat(error.getMessage()).contains("encrypted", "password");
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsCaughtBeforeTheHandshake() {
        TestPki.Identity a = pki.client("a", TestPki.KeyType.EC);
        TestPki.Identity b2 = pki.client("b", TestPki.KeyType.EC);
        Path cert = pki.certificateFile(a, "a.crt");
        Path key = pki.pkcs8File(b2, "b.key");
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.mutualTlsPort(),
                b -> b.tlsOptions(trusting().clientCertificate(cert, key).build())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.KEY_MATERIAL);
        assertThat(error.getMessage()).contains("does not belong to the certificate");
    }

    @Test
    void askingForOpenSslWithoutNettyTcnativeSaysWhatToAdd() {
        TlsException error = tlsError(fixture.firstFailure("localhost", broker.tlsPort(),
                b -> b.tlsOptions(trusting().engine(TlsOptions.Engine.OPENSSL).build())));
        assertThat(error.failure()).isEqualTo(TlsException.Failure.ENGINE_UNAVAILABLE);
        assertThat(error.getMessage()).contains("netty-tcnative");
    }

    @Test
    void tlsOptionsNeverPrintPasswords() {
        TlsOptions options = trusting().pkcs12(Path.of("x.p12"), "hunter2".toCharArray()).build();
        assertThat(options.toString()).contains("password=<redacted>").doesNotContain("hunter2");
        assertThat(List.of(options.versions())).isNotEmpty();
    }
}
