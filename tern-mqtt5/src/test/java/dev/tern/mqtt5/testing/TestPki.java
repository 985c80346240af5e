package dev.tern.mqtt5.testing;

import dev.tern.testing.LoggedSecrets;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made at test time with BouncyCastle: a CA, server certificates (for any host names,
 * expired, not yet valid), client certificates, and their keys in every format Tern reads — PKCS#8,
 * encrypted PKCS#8, PKCS#1 RSA, SEC1 EC, PKCS#12 — written to a temporary folder.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** Key algorithms for issued certificates. */
    public enum KeyType {
        RSA,
        EC
    }

    /** A certificate with its key (and the chain up to, not including, the root). */
    public static final class Identity {
        public final X509Certificate certificate;
        public final PrivateKey privateKey;
        public final List<X509Certificate> chain;

        Identity(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
            this.certificate = certificate;
            this.privateKey = privateKey;
            this.chain = chain;
        }
    }

    private final Path folder;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final String caName;

    private TestPki(Path folder, String caName) {
        this.folder = folder;
        this.caName = caName;
        try {
            caKeys = keyPair(KeyType.EC);
            X500Name name = new X500Name("CN=" + caName);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                    caKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            caCertificate = sign(builder, caKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test CA", e);
        }
    }

    /** A new CA with its files in a new temporary folder. */
    public static TestPki create(String caName) {
        try {
            return new TestPki(Files.createTempDirectory("tern-pki"), caName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path folder() {
        return folder;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The CA certificate as a PEM file (what {@code TlsOptions.trustCertificates(Path)} takes). */
    public Path caFile() {
        return writeIfAbsent(caName.replace(' ', '-') + "-ca.pem", pem(caCertificate));
    }

    /** A server certificate for these DNS names and IP addresses, valid now. */
    public Identity server(String... names) {
        return issue(KeyType.EC, names, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
                KeyPurposeId.id_kp_serverAuth);
    }

    /** A server certificate whose validity ended yesterday. */
    public Identity expiredServer(String... names) {
        return issue(KeyType.EC, names, Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)),
                KeyPurposeId.id_kp_serverAuth);
    }

    /** A client certificate with subject CN {@code name}. */
    public Identity client(String name, KeyType type) {
        return issue(type, new String[] {name}, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)), KeyPurposeId.id_kp_clientAuth);
    }

    private Identity issue(KeyType type, String[] names, Instant notBefore, Instant notAfter, KeyPurposeId purpose) {
        try {
            KeyPair keys = keyPair(type);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + names[0]), keys.getPublic());
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : names) {
                boolean ip = name.matches("[0-9.]+") || name.contains(":");
                alternatives.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternatives.toArray(new GeneralName[0])));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            X509Certificate certificate = sign(builder, caKeys.getPrivate());
            return new Identity(certificate, keys.getPrivate(), List.of(certificate));
        } catch (Exception e) {
            throw new IllegalStateException("could not issue a test certificate", e);
        }
    }

    // ---- files --------------------------------------------------------------------------------------

    /** The certificate as PEM, in {@code name}. */
    public Path certificateFile(Identity identity, String name) {
        return write(name, pem(identity.certificate));
    }

    /** The key as unencrypted PKCS#8 ({@code PRIVATE KEY}). */
    public Path pkcs8File(Identity identity, String name) {
        return write(name, pkcs8(identity.privateKey));
    }

    /** The key as encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 with AES-256). */
    public Path encryptedPkcs8File(Identity identity, String name, char[] password) {
        LoggedSecrets.register(password);
        try {
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new JcaPKCS8Generator(identity.privateKey,
                        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                                .setPassword(password).build()).generate());
            }
            return write(name, out.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key in OpenSSL's traditional form: PKCS#1 for RSA, SEC1 for EC — with the curve in its
     * parameters, as {@code openssl ec} writes it.
     */
    public Path traditionalKeyFile(Identity identity, String name) {
        try {
            StringWriter out = new StringWriter();
            if (identity.privateKey.getAlgorithm().equals("EC")) {
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
                        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(identity.privateKey.getEncoded());
                org.bouncycastle.asn1.sec.ECPrivateKey inner =
                        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                org.bouncycastle.asn1.sec.ECPrivateKey withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                        inner.getKey(), inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters());
                try (PemWriter writer = new PemWriter(out)) {
                    writer.writeObject(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
                }
            } else {
                try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                    writer.writeObject(identity.privateKey);
                }
            }
            return write(name, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Key and chain as a PKCS#12 file. */
    public Path pkcs12File(Identity identity, String name, char[] password) {
        return storeFile(identity, name, password, "PKCS12");
    }

    /** Key and chain in a key store of {@code type} (JKS, PKCS12) under alias "key". */
    public Path storeFile(Identity identity, String name, char[] password, String type) {
        LoggedSecrets.register(password);
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            List<X509Certificate> chain = new ArrayList<>(identity.chain);
            chain.add(caCertificate);
            store.setKeyEntry("key", identity.privateKey, password, chain.toArray(new X509Certificate[0]));
            Path file = folder.resolve(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store of {@code type} holding this CA's certificate. */
    public Path trustStoreFile(String name, char[] password, String type) {
        LoggedSecrets.register(password);
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setCertificateEntry("ca", caCertificate);
            Path file = folder.resolve(name);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate certificate) {
        try {
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("CERTIFICATE", certificate.getEncoded()));
            }
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pkcs8(PrivateKey key) {
        try {
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, String content) {
        try {
            Path file = folder.resolve(name);
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeIfAbsent(String name, String content) {
        Path file = folder.resolve(name);
        return Files.exists(file) ? file : write(name, content);
    }

    // ---- crypto --------------------------------------------------------------------------------------

    private static KeyPair keyPair(KeyType type) throws GeneralSecurityException {
        if (type == KeyType.RSA) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
