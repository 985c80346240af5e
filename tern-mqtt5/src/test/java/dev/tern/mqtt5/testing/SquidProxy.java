package dev.tern.mqtt5.testing;

import dev.tern.testing.LoggedSecrets;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Squid 5 from the Debian package ({@code squid}, built with GnuTLS), started by the test on free loopback
 * ports with a configuration the test writes: CONNECT tunnels to loopback targets only, no caching,
 * optionally basic authentication with {@code basic_ncsa_auth} against an htpasswd file made with
 * {@code htpasswd} (package {@code apache2-utils}), optionally an {@code https_port} (TLS to the proxy)
 * with a certificate from a {@link TestPki}. Interop tests only; a missing binary fails the test.
 */
public final class SquidProxy implements AutoCloseable {

    /** Configures a squid before it starts. */
    public static final class Builder {
        private String username;
        private String password;
        private TestPki pki;
        private final List<Integer> deniedPorts = new ArrayList<>();

        private Builder() {
        }

        /** Require basic authentication, with this one user in the password file. */
        public Builder basicAuth(String username, String password) {
            LoggedSecrets.register(password);
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * Also listen with TLS ({@link SquidProxy#tlsPort()}), with a certificate for localhost and 127.0.0.1
         * issued by {@code pki}.
         */
        public Builder tls(TestPki pki) {
            this.pki = pki;
            return this;
        }

        /** Answer CONNECT to this port with 403 (checked before authentication). */
        public Builder denyPort(int port) {
            deniedPorts.add(port);
            return this;
        }

        public SquidProxy start() {
            return new SquidProxy(this);
        }
    }

    private static final String[] SQUID = {"/usr/sbin/squid", "/usr/local/sbin/squid"};
    private static final String[] NCSA_AUTH = {"/usr/lib/squid/basic_ncsa_auth", "/usr/lib64/squid/basic_ncsa_auth"};
    private static final String[] HTPASSWD = {"/usr/bin/htpasswd"};

    private final ProxyProcess process;
    private final int port;
    private final int tlsPort;

    private SquidProxy(Builder b) {
        String squid = ProxyProcess.findBinary("squid", SQUID);
        process = new ProxyProcess("squid");
        try {
            Path folder = process.folder();
            port = ProxyProcess.freePort();
            tlsPort = b.pki != null ? ProxyProcess.freePort() : -1;
            StringBuilder conf = new StringBuilder()
                    .append("http_port 127.0.0.1:").append(port).append('\n');
            if (b.pki != null) {
                TestPki.Identity identity = b.pki.server("localhost", "127.0.0.1");
                Path cert = process.write("proxy.crt", TestPki.pem(identity.certificate));
                Path key = process.write("proxy.key", pkcs8WithPublicKey(identity));
                conf.append("https_port 127.0.0.1:").append(tlsPort).append(" tls-cert=").append(cert)
                        .append(" tls-key=").append(key).append('\n');
            }
            conf.append("pid_filename ").append(folder.resolve("squid.pid")).append('\n')
                    .append("cache_log ").append(folder.resolve("cache.log")).append('\n')
                    .append("access_log stdio:").append(folder.resolve("access.log")).append('\n')
                    .append("cache_store_log none\n")
                    .append("coredump_dir ").append(folder).append('\n')
                    .append("cache deny all\n")
                    .append("shutdown_lifetime 0 seconds\n")
                    .append("pinger_enable off\n")
                    .append("acl loopback_targets dst 127.0.0.0/8\n")
                    .append("http_access deny !loopback_targets\n");
            for (int denied : b.deniedPorts) {
                conf.append("acl denied_ports port ").append(denied).append('\n');
            }
            if (!b.deniedPorts.isEmpty()) {
                conf.append("http_access deny denied_ports\n");
            }
            if (b.username != null) {
                String helper = ProxyProcess.findBinary("squid", NCSA_AUTH);
                String htpasswd = ProxyProcess.findBinary("apache2-utils", HTPASSWD);
                Path passwords = folder.resolve("passwd");
                // -m: Apache MD5 ($apr1$), which basic_ncsa_auth checks; -i: the password on standard input.
                ProxyProcess.run(Duration.ofSeconds(10), b.password + "\n", htpasswd, "-c", "-i", "-m",
                        passwords.toString(), b.username);
                process.readableByAll(passwords); // basic_ncsa_auth runs as squid's user
                conf.append("auth_param basic program ").append(helper).append(' ').append(passwords).append('\n')
                        .append("auth_param basic children 2\n")
                        .append("auth_param basic realm tern-squid\n")
                        .append("acl authenticated proxy_auth REQUIRED\n")
                        .append("http_access allow authenticated\n");
            } else {
                conf.append("http_access allow loopback_targets\n");
            }
            conf.append("http_access deny all\n");
            Path confFile = process.write("squid.conf", conf.toString());
            List<String> command = List.of(squid, "-N", "-f", confFile.toString());
            if (b.pki != null) {
                process.start(command, Duration.ofSeconds(20), port, tlsPort);
            } else {
                process.start(command, Duration.ofSeconds(20), port);
            }
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    /**
     * The EC key as PKCS#8 with the public key inside, as OpenSSL writes it. Squid's GnuTLS refuses the
     * JDK's encoding, which leaves the optional public key out ("The request is invalid").
     */
    private static String pkcs8WithPublicKey(TestPki.Identity identity) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(identity.privateKey.getEncoded());
            ECPrivateKey key = ECPrivateKey.getInstance(info.parsePrivateKey());
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(
                    identity.certificate.getPublicKey().getEncoded());
            ECPrivateKey withPublicKey = new ECPrivateKey(256, key.getKey(), publicKey.getPublicKeyData(), null);
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("PRIVATE KEY",
                        new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), withPublicKey).getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The plain HTTP port. */
    public int port() {
        return port;
    }

    /** The port where squid speaks TLS (an HTTPS proxy). */
    public int tlsPort() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this squid was started without tls(...)");
        }
        return tlsPort;
    }

    /** Squid's access log so far: one line per finished transaction ({@code CONNECT host:port}, status). */
    public String accessLog() {
        return process.read(process.folder().resolve("access.log"));
    }

    /**
     * Waits (bounded) until the access log has a line containing every one of {@code fragments}, and
     * returns it. Squid logs a tunnel when it closes; there is no event to await but the file.
     */
    public String awaitAccessLogLine(Duration timeout, String... fragments) {
        return process.awaitLine("access.log", timeout, fragments);
    }

    public String logs() {
        return process.logs();
    }

    @Override
    public void close() {
        process.close();
    }
}
