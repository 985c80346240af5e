package dev.tern.mqtt5.internal.transport;

import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.transport.TlsOptions;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/** Builds Netty {@link SslContext}s from {@link TlsOptions}, with failures a user can act on. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * A client context for {@code options}, reading its files now.
     *
     * @throws TlsException with {@link TlsException.Failure#KEY_MATERIAL} if a file cannot be read, or
     *     {@link TlsException.Failure#ENGINE_UNAVAILABLE} if OpenSSL was required and is missing
     */
    public static SslContext build(TlsOptions options) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(provider(options))
                    .protocols(options.versions().stream().map(TlsOptions.Version::jdkName).toArray(String[]::new));
            trust(builder, options);
            identity(builder, options);
            if (!options.alpnProtocols().isEmpty()) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, options.alpnProtocols()));
            }
            return builder.build();
        } catch (Pem.KeyMaterialException e) {
            throw new TlsException(TlsException.Failure.KEY_MATERIAL, e.getMessage(), null);
        } catch (javax.net.ssl.SSLException e) {
            throw new TlsException(TlsException.Failure.OTHER, "the TLS context could not be created: "
                    + e.getMessage(), e);
        }
    }

    private static SslProvider provider(TlsOptions options) {
        switch (options.engine()) {
            case JDK:
                return SslProvider.JDK;
            case OPENSSL:
                if (!OpenSsl.isAvailable()) {
                    throw new TlsException(TlsException.Failure.ENGINE_UNAVAILABLE, "the OpenSSL TLS engine was"
                            + " requested but netty-tcnative is not on the classpath (add"
                            + " io.netty:netty-tcnative-boringssl-static for your platform)",
                            OpenSsl.unavailabilityCause());
                }
                return SslProvider.OPENSSL;
            default:
                // Hardware-held keys (PKCS#11) cannot be handed to OpenSSL: keep those on the JDK engine.
                boolean keyStoreIdentity = options.identitySource() == TlsOptions.IdentitySource.KEY_STORE;
                return OpenSsl.isAvailable() && !keyStoreIdentity ? SslProvider.OPENSSL : SslProvider.JDK;
        }
    }

    private static void trust(SslContextBuilder builder, TlsOptions options) {
        switch (options.trustSource()) {
            case PEM_FILE:
                builder.trustManager(Pem.certificates(read(options.trustFile(), "trusted certificates"),
                        "the trusted certificates file " + options.trustFile()).toArray(new X509Certificate[0]));
                return;
            case PEM:
                builder.trustManager(Pem.certificates(options.trustPem(), "the trusted certificates PEM")
                        .toArray(new X509Certificate[0]));
                return;
            case KEY_STORE:
                try {
                    TrustManagerFactory factory = TrustManagerFactory.getInstance(
                            TrustManagerFactory.getDefaultAlgorithm());
                    factory.init(options.trustStore());
                    builder.trustManager(factory);
                } catch (GeneralSecurityException e) {
                    throw new Pem.KeyMaterialException("the trust store cannot be used: " + e.getMessage());
                }
                return;
            default:
                // SYSTEM: the JDK's default trust manager (cacerts)
        }
    }

    private static void identity(SslContextBuilder builder, TlsOptions options) {
        // A copy, cleared as soon as the key material is loaded; the options keep theirs for the next load
        // (files are read again on every connection, so that rotated certificates are picked up).
        char[] password = options.password();
        try {
            loadIdentity(builder, options, password);
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    private static void loadIdentity(SslContextBuilder builder, TlsOptions options, char[] password) {
        switch (options.identitySource()) {
            case PEM_FILES: {
                String certSource = "the certificate file " + options.certificateFile();
                String keySource = "the private key file " + options.privateKeyFile();
                List<X509Certificate> chain = Pem.certificates(read(options.certificateFile(), "certificate"),
                        certSource);
                PrivateKey key = Pem.privateKey(read(options.privateKeyFile(), "private key"), password, keySource);
                checkPair(key, chain.get(0), keySource, certSource);
                builder.keyManager(key, chain.toArray(new X509Certificate[0]));
                return;
            }
            case PEM: {
                List<X509Certificate> chain = Pem.certificates(options.certificatePem(), "the certificate PEM");
                PrivateKey key = Pem.privateKey(options.privateKeyPem(), password, "the private key PEM");
                checkPair(key, chain.get(0), "the private key PEM", "the certificate PEM");
                builder.keyManager(key, chain.toArray(new X509Certificate[0]));
                return;
            }
            case PKCS12_FILE: {
                KeyStore store;
                try (InputStream in = Files.newInputStream(options.pkcs12File())) {
                    store = KeyStore.getInstance("PKCS12");
                    store.load(in, password);
                } catch (NoSuchFileException e) {
                    throw new Pem.KeyMaterialException("the PKCS#12 file " + options.pkcs12File() + " does not exist");
                } catch (IOException e) {
                    throw new Pem.KeyMaterialException("the PKCS#12 file " + options.pkcs12File() + " could not be"
                            + " read: " + (e.getCause() instanceof javax.crypto.BadPaddingException
                            || String.valueOf(e.getMessage()).contains("password")
                                    ? "wrong password, or not a PKCS#12 file" : e.getMessage()));
                } catch (GeneralSecurityException e) {
                    throw new Pem.KeyMaterialException("the PKCS#12 file " + options.pkcs12File()
                            + " could not be read: " + e.getClass().getSimpleName());
                }
                builder.keyManager(keyManagerFactory(store, password, "the PKCS#12 file " + options.pkcs12File()));
                return;
            }
            case KEY_STORE: {
                KeyManagerFactory factory = keyManagerFactory(options.keyStore(), password,
                        "the key store entry " + options.keyAlias());
                try {
                    if (!options.keyStore().isKeyEntry(options.keyAlias())) {
                        throw new Pem.KeyMaterialException("the key store has no key entry with alias "
                                + options.keyAlias());
                    }
                } catch (java.security.KeyStoreException e) {
                    throw new Pem.KeyMaterialException("the key store is not loaded");
                }
                builder.keyManager(new AliasKeyManager(firstX509(factory), options.keyAlias()));
                return;
            }
            default:
                // NONE
        }
    }

    private static KeyManagerFactory keyManagerFactory(KeyStore store, char[] password, String source) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (java.security.UnrecoverableKeyException e) {
            throw new Pem.KeyMaterialException(source + ": the key cannot be recovered with the given password");
        } catch (GeneralSecurityException e) {
            throw new Pem.KeyMaterialException(source + " cannot be used: " + e.getClass().getSimpleName());
        }
    }

    private static X509KeyManager firstX509(KeyManagerFactory factory) {
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager) {
                return (X509KeyManager) manager;
            }
        }
        throw new Pem.KeyMaterialException("the key store offers no X.509 key manager");
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Pem.KeyMaterialException("the " + what + " file " + file + " does not exist");
        } catch (IOException e) {
            throw new Pem.KeyMaterialException("the " + what + " file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Signs and verifies a few bytes, so a key that does not belong to the certificate fails here, clearly. */
    private static void checkPair(PrivateKey key, X509Certificate certificate, String keySource, String certSource) {
        String algorithm;
        switch (key.getAlgorithm()) {
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            case "EdDSA":
            case "Ed25519":
                algorithm = "Ed25519";
                break;
            default:
                return; // leave unusual key types to the handshake
        }
        try {
            byte[] probe = {0x74, 0x65, 0x72, 0x6e};
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new Pem.KeyMaterialException(keySource + " does not belong to the certificate in " + certSource);
            }
        } catch (GeneralSecurityException e) {
            throw new Pem.KeyMaterialException(keySource + " does not belong to the certificate in " + certSource
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Presents one alias of a key store, whatever the server's hints. */
    private static final class AliasKeyManager extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final String alias;

        AliasKeyManager(X509KeyManager delegate, String alias) {
            this.delegate = delegate;
            this.alias = alias;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {alias};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return alias;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return alias;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
