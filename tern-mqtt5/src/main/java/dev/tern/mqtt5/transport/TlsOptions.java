package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.internal.util.Checks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TLS for a connection (to the broker, or to an HTTP proxy): what to trust, how the client proves who
 * it is, and the protocol settings. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults are the safe ones: the system's trusted certificates, TLS 1.3 and 1.2 only, the server's
 * host name verified against its certificate, SNI set to that host name. Files are read when a
 * connection is made, so rotated certificates are picked up by the next connection; an unreadable file
 * fails that connection attempt with a message naming the file and the format expected.
 *
 * <pre>{@code
 * TlsOptions tls = TlsOptions.builder()
 *         .trustCertificates(Path.of("AmazonRootCA1.pem"))
 *         .clientCertificate(Path.of("device.pem.crt"), Path.of("private.pem.key"))
 *         .alpnProtocols("x-amzn-mqtt-ca")
 *         .build();
 * }</pre>
 * Passwords are copied and never printed.
 */
public final class TlsOptions {

    /** Which TLS implementation to use. */
    public enum Engine {
        /** OpenSSL (netty-tcnative BoringSSL) if it is on the classpath, else the JDK's. The default. */
        AUTO,
        /** The JDK's TLS implementation. */
        JDK,
        /** OpenSSL through netty-tcnative; fails the connection if it is not on the classpath. */
        OPENSSL
    }

    /** Protocol versions Tern offers; older ones are not supported. */
    public enum Version {
        TLS_1_2("TLSv1.2"),
        TLS_1_3("TLSv1.3");

        private final String jdkName;

        Version(String jdkName) {
            this.jdkName = jdkName;
        }

        /** The protocol name in JSSE terms, e.g. {@code TLSv1.3}. */
        public String jdkName() {
            return jdkName;
        }
    }

    /** Where trust comes from. */
    public enum TrustSource {
        SYSTEM,
        PEM_FILE,
        PEM,
        KEY_STORE
    }

    /** Where the client's identity comes from. */
    public enum IdentitySource {
        NONE,
        PEM_FILES,
        PEM,
        PKCS12_FILE,
        KEY_STORE
    }

    private final TrustSource trustSource;
    private final Path trustFile;
    private final byte[] trustPem;
    private final KeyStore trustStore;
    private final IdentitySource identitySource;
    private final Path certificateFile;
    private final Path privateKeyFile;
    private final byte[] certificatePem;
    private final byte[] privateKeyPem;
    private final char[] password;
    private final Path pkcs12File;
    private final KeyStore keyStore;
    private final String keyAlias;
    private final List<String> alpnProtocols;
    private final String serverName;
    private final Set<Version> versions;
    private final boolean hostnameVerification;
    private final Engine engine;
    private final Duration handshakeTimeout;

    private TlsOptions(Builder b) {
        trustSource = b.trustSource;
        trustFile = b.trustFile;
        trustPem = b.trustPem;
        trustStore = b.trustStore;
        identitySource = b.identitySource;
        certificateFile = b.certificateFile;
        privateKeyFile = b.privateKeyFile;
        certificatePem = b.certificatePem;
        privateKeyPem = b.privateKeyPem;
        password = b.password;
        pkcs12File = b.pkcs12File;
        keyStore = b.keyStore;
        keyAlias = b.keyAlias;
        alpnProtocols = b.alpnProtocols;
        serverName = b.serverName;
        versions = Collections.unmodifiableSet(new LinkedHashSet<>(b.versions));
        hostnameVerification = b.hostnameVerification;
        engine = b.engine;
        handshakeTimeout = b.handshakeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** TLS with every default: system trust, no client certificate. */
    public static TlsOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public TrustSource trustSource() {
        return trustSource;
    }

    public Path trustFile() {
        return trustFile;
    }

    /** A copy of the trusted certificates given as PEM, or null. */
    public byte[] trustPem() {
        return trustPem == null ? null : trustPem.clone();
    }

    public KeyStore trustStore() {
        return trustStore;
    }

    public IdentitySource identitySource() {
        return identitySource;
    }

    public Path certificateFile() {
        return certificateFile;
    }

    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** A copy of the client certificate PEM, or null. */
    public byte[] certificatePem() {
        return certificatePem == null ? null : certificatePem.clone();
    }

    /** A copy of the private key PEM, or null. Handle with care. */
    public byte[] privateKeyPem() {
        return privateKeyPem == null ? null : privateKeyPem.clone();
    }

    /** A copy of the password (key, PKCS#12 or key store entry), or null. Handle with care. */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    public Path pkcs12File() {
        return pkcs12File;
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    public String keyAlias() {
        return keyAlias;
    }

    /** ALPN protocols offered, in preference order; empty for no ALPN. */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /** The SNI host name; null to use the host connected to. */
    public String serverName() {
        return serverName;
    }

    public Set<Version> versions() {
        return versions;
    }

    /** Whether the server's certificate must match the host name (true unless turned off, insecurely). */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    public Engine engine() {
        return engine;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TlsOptions{trust=").append(trustSource);
        if (trustFile != null) {
            sb.append(' ').append(trustFile);
        }
        sb.append(", identity=").append(identitySource);
        if (certificateFile != null) {
            sb.append(' ').append(certificateFile).append(" + ").append(privateKeyFile);
        }
        if (pkcs12File != null) {
            sb.append(' ').append(pkcs12File);
        }
        if (keyAlias != null) {
            sb.append(" alias ").append(keyAlias);
        }
        if (password != null) {
            sb.append(", password=<redacted>");
        }
        if (!alpnProtocols.isEmpty()) {
            sb.append(", alpn=").append(alpnProtocols);
        }
        if (serverName != null) {
            sb.append(", serverName=").append(serverName);
        }
        sb.append(", versions=").append(versions);
        if (!hostnameVerification) {
            sb.append(", HOSTNAME VERIFICATION DISABLED");
        }
        return sb.append(", engine=").append(engine).append('}').toString();
    }

    /** Builds {@link TlsOptions}. Not thread-safe. */
    public static final class Builder {
        private TrustSource trustSource = TrustSource.SYSTEM;
        private Path trustFile;
        private byte[] trustPem;
        private KeyStore trustStore;
        private IdentitySource identitySource = IdentitySource.NONE;
        private Path certificateFile;
        private Path privateKeyFile;
        private byte[] certificatePem;
        private byte[] privateKeyPem;
        private char[] password;
        private Path pkcs12File;
        private KeyStore keyStore;
        private String keyAlias;
        private List<String> alpnProtocols = List.of();
        private String serverName;
        private Set<Version> versions = new LinkedHashSet<>(List.of(Version.TLS_1_3, Version.TLS_1_2));
        private boolean hostnameVerification = true;
        private Engine engine = Engine.AUTO;
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        private Builder(TlsOptions o) {
            trustSource = o.trustSource;
            trustFile = o.trustFile;
            trustPem = o.trustPem;
            trustStore = o.trustStore;
            identitySource = o.identitySource;
            certificateFile = o.certificateFile;
            privateKeyFile = o.privateKeyFile;
            certificatePem = o.certificatePem;
            privateKeyPem = o.privateKeyPem;
            password = o.password;
            pkcs12File = o.pkcs12File;
            keyStore = o.keyStore;
            keyAlias = o.keyAlias;
            alpnProtocols = o.alpnProtocols;
            serverName = o.serverName;
            versions = new LinkedHashSet<>(o.versions);
            hostnameVerification = o.hostnameVerification;
            engine = o.engine;
            handshakeTimeout = o.handshakeTimeout;
        }

        /** Trust the certificates the JDK trusts (its cacerts store). The default. */
        public Builder trustSystemCertificates() {
            trustSource = TrustSource.SYSTEM;
            trustFile = null;
            trustPem = null;
            trustStore = null;
            return this;
        }

        /** Trust only the CA certificates in this PEM file (e.g. AmazonRootCA1.pem). */
        public Builder trustCertificates(Path pemFile) {
            trustSystemCertificates();
            trustSource = TrustSource.PEM_FILE;
            trustFile = Checks.notNull(pemFile, "pemFile");
            return this;
        }

        /** Trust only the CA certificates in this PEM text. */
        public Builder trustCertificatesPem(String pem) {
            return trustCertificatesPem(Checks.notNull(pem, "pem").getBytes(StandardCharsets.US_ASCII));
        }

        /** Trust only the CA certificates in these PEM bytes (copied). */
        public Builder trustCertificatesPem(byte[] pem) {
            trustSystemCertificates();
            trustSource = TrustSource.PEM;
            trustPem = Checks.notNull(pem, "pem").clone();
            return this;
        }

        /** Trust the certificates in this key store (entries of type trusted certificate). */
        public Builder trustStore(KeyStore trustStore) {
            trustSystemCertificates();
            trustSource = TrustSource.KEY_STORE;
            this.trustStore = Checks.notNull(trustStore, "trustStore");
            return this;
        }

        private void clearIdentity() {
            identitySource = IdentitySource.NONE;
            certificateFile = null;
            privateKeyFile = null;
            certificatePem = null;
            privateKeyPem = null;
            password = null;
            pkcs12File = null;
            keyStore = null;
            keyAlias = null;
        }

        /**
         * Mutual TLS with a certificate (chain) and private key from PEM files. The key may be PKCS#8
         * ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}) or SEC1 EC ({@code EC PRIVATE KEY}).
         */
        public Builder clientCertificate(Path certificatePemFile, Path privateKeyPemFile) {
            return clientCertificate(certificatePemFile, privateKeyPemFile, null);
        }

        /** As {@link #clientCertificate(Path, Path)}, for an encrypted PKCS#8 key and its password. */
        public Builder clientCertificate(Path certificatePemFile, Path privateKeyPemFile, char[] keyPassword) {
            clearIdentity();
            identitySource = IdentitySource.PEM_FILES;
            certificateFile = Checks.notNull(certificatePemFile, "certificatePemFile");
            privateKeyFile = Checks.notNull(privateKeyPemFile, "privateKeyPemFile");
            password = keyPassword == null ? null : keyPassword.clone();
            return this;
        }

        /** Mutual TLS with a certificate and key held in memory as PEM text. */
        public Builder clientCertificatePem(String certificatePem, String privateKeyPem) {
            return clientCertificatePem(certificatePem, privateKeyPem, null);
        }

        /** As {@link #clientCertificatePem(String, String)}, for an encrypted PKCS#8 key and its password. */
        public Builder clientCertificatePem(String certificatePem, String privateKeyPem, char[] keyPassword) {
            clearIdentity();
            identitySource = IdentitySource.PEM;
            this.certificatePem = Checks.notNull(certificatePem, "certificatePem").getBytes(StandardCharsets.US_ASCII);
            this.privateKeyPem = Checks.notNull(privateKeyPem, "privateKeyPem").getBytes(StandardCharsets.US_ASCII);
            password = keyPassword == null ? null : keyPassword.clone();
            return this;
        }

        /** Mutual TLS with the key and certificate chain of a PKCS#12 file (.p12, .pfx). */
        public Builder pkcs12(Path pkcs12File, char[] password) {
            clearIdentity();
            identitySource = IdentitySource.PKCS12_FILE;
            this.pkcs12File = Checks.notNull(pkcs12File, "pkcs12File");
            this.password = Checks.notNull(password, "password").clone();
            return this;
        }

        /**
         * Mutual TLS with the key entry {@code alias} of any loaded {@link KeyStore}: JKS, PKCS#12, or a
         * PKCS#11 store whose key never leaves its hardware. {@code password} protects the entry (null for
         * stores such as PKCS#11 that need none).
         */
        public Builder keyStore(KeyStore keyStore, String alias, char[] password) {
            clearIdentity();
            identitySource = IdentitySource.KEY_STORE;
            this.keyStore = Checks.notNull(keyStore, "keyStore");
            this.keyAlias = Checks.notNull(alias, "alias");
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** ALPN protocols to offer, most preferred first (AWS IoT on port 443: {@code x-amzn-mqtt-ca}). */
        public Builder alpnProtocols(String... protocols) {
            return alpnProtocols(Arrays.asList(Checks.notNull(protocols, "protocols")));
        }

        public Builder alpnProtocols(List<String> protocols) {
            List<String> copy = Checks.immutableList(protocols, "alpnProtocols");
            for (String protocol : copy) {
                if (protocol.isEmpty() || protocol.length() > 255) {
                    throw new IllegalArgumentException("an ALPN protocol name must have 1 to 255 characters");
                }
            }
            this.alpnProtocols = copy;
            return this;
        }

        /** The SNI host name to send; by default the host connected to (never an IP address). */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** The protocol versions to offer; TLS 1.2 and 1.3 (the default) are the only ones available. */
        public Builder versions(Version... versions) {
            Checks.notNull(versions, "versions");
            if (versions.length == 0) {
                throw new IllegalArgumentException("at least one TLS version is needed");
            }
            this.versions = new LinkedHashSet<>(Arrays.asList(versions));
            return this;
        }

        /**
         * Accepts a server certificate issued for another host name — a man-in-the-middle can then read and
         * change everything. For tests only.
         */
        public Builder insecureDisableHostnameVerification() {
            this.hostnameVerification = false;
            return this;
        }

        public Builder engine(Engine engine) {
            this.engine = Checks.notNull(engine, "engine");
            return this;
        }

        /** How long the TLS handshake may take; default 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            Checks.notNull(timeout, "handshakeTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive, was " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
