package dev.tern.mqtt5.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server} from the Debian package, on a free loopback port, offering only the TLS versions
 * the test names. It speaks no MQTT: a client that completes the handshake gets no CONNACK. It exists for
 * what JDK servers will not do any more, such as offering TLS 1.0 or 1.1 (OpenSSL 3 needs security level
 * 0 for those).
 */
public final class OpenSslTlsServer implements AutoCloseable {

    private final ProxyProcess process = new ProxyProcess("openssl");
    private final int port = ProxyProcess.freePort();

    private OpenSslTlsServer(TestPki pki, TestPki.Identity identity, String versionFlag) {
        String binary = ProxyProcess.findBinary("openssl", "/usr/bin/openssl", "/usr/local/bin/openssl");
        List<String> command = new ArrayList<>(List.of(binary, "s_server",
                "-accept", "127.0.0.1:" + port,
                "-cert", pki.certificateFile(identity, "openssl-server.pem").toString(),
                "-key", pki.pkcs8File(identity, "openssl-server.key").toString(),
                versionFlag,
                "-cipher", "DEFAULT:@SECLEVEL=0"));
        process.start(command, Duration.ofSeconds(10), port);
    }

    /**
     * Starts a server offering one version only: {@code versionFlag} is an {@code s_server} flag such as
     * {@code -tls1}, {@code -tls1_1}, {@code -tls1_2} or {@code -tls1_3}.
     */
    public static OpenSslTlsServer start(TestPki pki, TestPki.Identity identity, String versionFlag) {
        return new OpenSslTlsServer(pki, identity, versionFlag);
    }

    public int port() {
        return port;
    }

    /** What the server printed, for failure messages. */
    public String logs() {
        return process.logs();
    }

    @Override
    public void close() {
        process.close();
    }
}
