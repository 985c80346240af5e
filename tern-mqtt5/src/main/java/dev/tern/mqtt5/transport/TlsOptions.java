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
        /**
         * OpenSSL (netty-tcnative BoringSSL) if it is on the classpath and the identity is not a
         * {@link KeyStore}, else the JDK's. The default.
         */
        AUTO,
        /** The JDK's TLS implementation. */
        JDK,
        /** OpenSSL through netty-tcnative; fails the connection if it is not on the classpath. */
        OPENSSL
    }

    /** Protocol versions Tern offers; older ones are not supported. */
    public enum Version {
        /** TLS 1.2 (RFC 5246). */
        TLS_1_2("TLSv1.2"),
        /** TLS 1.3 (RFC 8446). */
        TLS_1_3("TLSv1.3");

        private final String jdkName;

        Version(String jdkName) {
            this.jdkName = jdkName;
        }

        /** {@return the protocol name in JSSE terms, such as {@code TLSv1.3}} */
        public String jdkName() {
            return jdkName;
        }
    }

    /** Where the certificates come from that the server's certificate must chain to. */
    public enum TrustSource {
        /** The certificates the JDK trusts (its {@code cacerts} store). The default. */
        SYSTEM,
        /** The CA certificates in a PEM file, read when a connection is made. */
        PEM_FILE,
        /** The CA certificates in PEM text held in memory. */
        PEM,
        /** The trusted certificate entries of a {@link KeyStore}. */
        KEY_STORE
    }

    /** Where the client's certificate and private key for mutual TLS come from. */
    public enum IdentitySource {
        /** No client certificate. The default. */
        NONE,
        /** A certificate file and a private key file in PEM, read when a connection is made. */
        PEM_FILES,
        /** A certificate and a private key in PEM text held in memory. */
        PEM,
        /** The key and certificate chain of a PKCS#12 file, read when a connection is made. */
        PKCS12_FILE,
        /** A key entry of a {@link KeyStore}. */
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

    /**
     * {@return a new builder with every default: system trust, no client certificate, TLS 1.3 and 1.2, host
     * name verification, engine {@code AUTO}, handshake timeout 10 s}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return TLS with every default: the system's trusted certificates, no client certificate} Enough for a
     * server with a publicly trusted certificate and no mutual TLS.
     */
    public static TlsOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding these options; changing it does not change these options} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * {@return where trust comes from, never null} The matching accessor ({@link #trustFile()},
     * {@link #trustPem()}, {@link #trustStore()}) holds the value.
     */
    public TrustSource trustSource() {
        return trustSource;
    }

    /**
     * {@return the PEM file of trusted CA certificates, or null unless the trust source is
     * {@link TrustSource#PEM_FILE}}
     */
    public Path trustFile() {
        return trustFile;
    }

    /**
     * {@return a copy of the trusted CA certificates as PEM, or null unless the trust source is
     * {@link TrustSource#PEM}}
     */
    public byte[] trustPem() {
        return trustPem == null ? null : trustPem.clone();
    }

    /**
     * {@return the key store of trusted certificates, or null unless the trust source is
     * {@link TrustSource#KEY_STORE}} The store itself is the caller's and is not copied.
     */
    public KeyStore trustStore() {
        return trustStore;
    }

    /**
     * {@return where the client's certificate and key come from, never null; {@link IdentitySource#NONE}
     * without mutual TLS}
     */
    public IdentitySource identitySource() {
        return identitySource;
    }

    /**
     * {@return the client certificate (chain) PEM file, or null unless the identity source is
     * {@link IdentitySource#PEM_FILES}}
     */
    public Path certificateFile() {
        return certificateFile;
    }

    /**
     * {@return the private key PEM file, or null unless the identity source is
     * {@link IdentitySource#PEM_FILES}}
     */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /**
     * {@return a copy of the client certificate (chain) as PEM, or null unless the identity source is
     * {@link IdentitySource#PEM}}
     */
    public byte[] certificatePem() {
        return certificatePem == null ? null : certificatePem.clone();
    }

    /**
     * {@return a copy of the private key as PEM, or null unless the identity source is
     * {@link IdentitySource#PEM}} Secret: do not log it. Meant for the client's TLS stage; applications
     * rarely need it.
     */
    public byte[] privateKeyPem() {
        return privateKeyPem == null ? null : privateKeyPem.clone();
    }

    /**
     * {@return a copy of the password of the private key, PKCS#12 file or key store entry, or null} Secret:
     * do not log it. Meant for the client's TLS stage; applications rarely need it.
     */
    public char[] password() {
        return password == null ? null : password.clone();
    }

    /**
     * {@return the PKCS#12 file, or null unless the identity source is {@link IdentitySource#PKCS12_FILE}}
     */
    public Path pkcs12File() {
        return pkcs12File;
    }

    /**
     * {@return the key store holding the client's key entry, or null unless the identity source is
     * {@link IdentitySource#KEY_STORE}} The store itself is the caller's and is not copied.
     */
    public KeyStore keyStore() {
        return keyStore;
    }

    /** {@return the alias of the client's key entry in {@link #keyStore()}, or null} */
    public String keyAlias() {
        return keyAlias;
    }

    /** {@return the ALPN protocols offered, most preferred first; an immutable list, empty for no ALPN} */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /**
     * {@return the host name to send as SNI and to verify the server's certificate against, or null to use
     * the host connected to}
     */
    public String serverName() {
        return serverName;
    }

    /** {@return the protocol versions offered; an immutable set, never empty} */
    public Set<Version> versions() {
        return versions;
    }

    /**
     * {@return whether the server's certificate must match the host name; true unless turned off, which is
     * insecure}
     */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** {@return which TLS implementation to use, never null} */
    public Engine engine() {
        return engine;
    }

    /** {@return how long the TLS handshake may take, never null} */
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

    /**
     * Builds {@link TlsOptions}. Not thread-safe. Trust setters replace each other, and so do identity
     * setters: the last one called wins.
     */
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

        /**
         * Trusts the certificates the JDK trusts (its {@code cacerts} store). The default.
         *
         * @return this builder
         */
        public Builder trustSystemCertificates() {
            trustSource = TrustSource.SYSTEM;
            trustFile = null;
            trustPem = null;
            trustStore = null;
            return this;
        }

        /**
         * Trusts only the CA certificates in a PEM file, such as {@code AmazonRootCA1.pem}. The file is read
         * when a connection is made.
         *
         * @param pemFile one or more {@code CERTIFICATE} blocks
         * @return this builder
         * @throws NullPointerException if {@code pemFile} is null
         */
        public Builder trustCertificates(Path pemFile) {
            trustSystemCertificates();
            trustSource = TrustSource.PEM_FILE;
            trustFile = Checks.notNull(pemFile, "pemFile");
            return this;
        }

        /**
         * Trusts only the CA certificates in PEM text.
         *
         * @param pem one or more {@code CERTIFICATE} blocks, in ASCII
         * @return this builder
         * @throws NullPointerException if {@code pem} is null
         */
        public Builder trustCertificatesPem(String pem) {
            return trustCertificatesPem(Checks.notNull(pem, "pem").getBytes(StandardCharsets.US_ASCII));
        }

        /**
         * Trusts only the CA certificates in PEM bytes, which are copied.
         *
         * @param pem one or more {@code CERTIFICATE} blocks
         * @return this builder
         * @throws NullPointerException if {@code pem} is null
         */
        public Builder trustCertificatesPem(byte[] pem) {
            trustSystemCertificates();
            trustSource = TrustSource.PEM;
            trustPem = Checks.notNull(pem, "pem").clone();
            return this;
        }

        /**
         * Trusts the trusted certificate entries of a loaded key store. The store is not copied: do not
         * change it while clients use it.
         *
         * @param trustStore the store
         * @return this builder
         * @throws NullPointerException if {@code trustStore} is null
         */
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
         * Sets mutual TLS with a certificate (chain) and an unencrypted private key from PEM files, read when
         * a connection is made. The key may be PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE
         * KEY}) or SEC1 EC ({@code EC PRIVATE KEY}).
         *
         * @param certificatePemFile the certificate, followed by any intermediate certificates
         * @param privateKeyPemFile the private key
         * @return this builder
         * @throws NullPointerException if either file is null
         */
        public Builder clientCertificate(Path certificatePemFile, Path privateKeyPemFile) {
            return clientCertificate(certificatePemFile, privateKeyPemFile, null);
        }

        /**
         * As {@link #clientCertificate(Path, Path)}, for an encrypted PKCS#8 key ({@code ENCRYPTED PRIVATE
         * KEY}).
         *
         * @param certificatePemFile the certificate, followed by any intermediate certificates
         * @param privateKeyPemFile the private key
         * @param keyPassword the key's password, copied; null for an unencrypted key
         * @return this builder
         * @throws NullPointerException if either file is null
         */
        public Builder clientCertificate(Path certificatePemFile, Path privateKeyPemFile, char[] keyPassword) {
            clearIdentity();
            identitySource = IdentitySource.PEM_FILES;
            certificateFile = Checks.notNull(certificatePemFile, "certificatePemFile");
            privateKeyFile = Checks.notNull(privateKeyPemFile, "privateKeyPemFile");
            password = keyPassword == null ? null : keyPassword.clone();
            return this;
        }

        /**
         * Sets mutual TLS with a certificate (chain) and an unencrypted private key held in memory as PEM
         * text, in the formats {@link #clientCertificate(Path, Path)} accepts.
         *
         * @param certificatePem the certificate, followed by any intermediate certificates
         * @param privateKeyPem the private key
         * @return this builder
         * @throws NullPointerException if either is null
         */
        public Builder clientCertificatePem(String certificatePem, String privateKeyPem) {
            return clientCertificatePem(certificatePem, privateKeyPem, null);
        }

        /**
         * As {@link #clientCertificatePem(String, String)}, for an encrypted PKCS#8 key.
         *
         * @param certificatePem the certificate, followed by any intermediate certificates
         * @param privateKeyPem the private key
         * @param keyPassword the key's password, copied; null for an unencrypted key
         * @return this builder
         * @throws NullPointerException if {@code certificatePem} or {@code privateKeyPem} is null
         */
        public Builder clientCertificatePem(String certificatePem, String privateKeyPem, char[] keyPassword) {
            clearIdentity();
            identitySource = IdentitySource.PEM;
            this.certificatePem = Checks.notNull(certificatePem, "certificatePem").getBytes(StandardCharsets.US_ASCII);
            this.privateKeyPem = Checks.notNull(privateKeyPem, "privateKeyPem").getBytes(StandardCharsets.US_ASCII);
            password = keyPassword == null ? null : keyPassword.clone();
            return this;
        }

        /**
         * Sets mutual TLS with the key and certificate chain of a PKCS#12 file ({@code .p12}, {@code .pfx}),
         * read when a connection is made.
         *
         * @param pkcs12File the file
         * @param password the file's password, copied
         * @return this builder
         * @throws NullPointerException if either is null
         */
        public Builder pkcs12(Path pkcs12File, char[] password) {
            clearIdentity();
            identitySource = IdentitySource.PKCS12_FILE;
            this.pkcs12File = Checks.notNull(pkcs12File, "pkcs12File");
            this.password = Checks.notNull(password, "password").clone();
            return this;
        }

        /**
         * Sets mutual TLS with a key entry of any loaded {@link KeyStore}: JKS, PKCS#12, or a PKCS#11 store
         * whose key never leaves its hardware. With engine {@code AUTO} this selects the JDK's TLS. The store
         * is not copied.
         *
         * @param keyStore the store
         * @param alias the alias of the key entry
         * @param password the entry's password, copied; null for stores such as PKCS#11 that need none
         * @return this builder
         * @throws NullPointerException if {@code keyStore} or {@code alias} is null
         */
        public Builder keyStore(KeyStore keyStore, String alias, char[] password) {
            clearIdentity();
            identitySource = IdentitySource.KEY_STORE;
            this.keyStore = Checks.notNull(keyStore, "keyStore");
            this.keyAlias = Checks.notNull(alias, "alias");
            this.password = password == null ? null : password.clone();
            return this;
        }

        /**
         * Sets the ALPN protocols to offer, most preferred first. AWS IoT Core needs {@code x-amzn-mqtt-ca}
         * for MQTT with a client certificate on port 443. The default is none.
         *
         * @param protocols the protocol names, each 1 to 255 characters; none for no ALPN
         * @return this builder
         * @throws NullPointerException if {@code protocols} or one of its elements is null
         * @throws IllegalArgumentException if a name is empty or longer than 255 characters
         */
        public Builder alpnProtocols(String... protocols) {
            return alpnProtocols(Arrays.asList(Checks.notNull(protocols, "protocols")));
        }

        /**
         * Sets the ALPN protocols to offer, most preferred first, as {@link #alpnProtocols(String...)} does.
         *
         * @param protocols the protocol names, each 1 to 255 characters; empty for no ALPN
         * @return this builder
         * @throws NullPointerException if {@code protocols} or one of its elements is null
         * @throws IllegalArgumentException if a name is empty or longer than 255 characters
         */
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

        /**
         * Sets the host name to send as SNI and to verify the server's certificate against, for a server
         * reached under another name or address (a tunnel, a load balancer's IP). The default is the host
         * connected to; SNI is never sent for an IP address.
         *
         * @param serverName the host name, or null for the host connected to
         * @return this builder
         */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /**
         * Sets the protocol versions to offer. TLS 1.3 and 1.2 (the default) are the only ones available.
         *
         * @param versions at least one version
         * @return this builder
         * @throws NullPointerException if {@code versions} is null
         * @throws IllegalArgumentException if {@code versions} is empty
         */
        public Builder versions(Version... versions) {
            Checks.notNull(versions, "versions");
            if (versions.length == 0) {
                throw new IllegalArgumentException("at least one TLS version is needed");
            }
            this.versions = new LinkedHashSet<>(Arrays.asList(versions));
            return this;
        }

        /**
         * Accepts a server certificate issued for another host name. A man-in-the-middle with any certificate
         * from a trusted CA can then read and change everything. For tests only; the options' {@code
         * toString()} shows it.
         *
         * @return this builder
         */
        public Builder insecureDisableHostnameVerification() {
            this.hostnameVerification = false;
            return this;
        }

        /**
         * Sets which TLS implementation to use. The default is {@link Engine#AUTO}.
         *
         * @param engine the engine
         * @return this builder
         * @throws NullPointerException if {@code engine} is null
         */
        public Builder engine(Engine engine) {
            this.engine = Checks.notNull(engine, "engine");
            return this;
        }

        /**
         * Sets how long the TLS handshake may take; past it the attempt fails with
         * {@link dev.tern.mqtt5.TlsException.Failure#HANDSHAKE_TIMEOUT}. The default is 10 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder handshakeTimeout(Duration timeout) {
            Checks.notNull(timeout, "handshakeTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive, was " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * {@return new immutable options with this builder's values} Files are not read here but when a
         * connection is made.
         */
        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
