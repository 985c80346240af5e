package dev.tern.mqtt5.testing;

import dev.tern.testing.LoggedSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Dante 1.4 ({@code danted}, Debian package {@code dante-server}), a SOCKS5 server, started by the test
 * on a free loopback port with a configuration the test writes: CONNECT to loopback targets only.
 *
 * <p>With {@link Builder#usernameAuth()} it requires RFC 1929 username/password authentication. Dante
 * checks those against the system's accounts ({@code socksmethod: username} reads the password database),
 * so the fixture creates a system account {@value #SYSTEM_USER} (no home, no login shell) with a random
 * password, and deletes it on {@link #close()}. That needs root ({@code useradd}, {@code chpasswd}); not
 * being root fails the test with that explanation. Interop tests only; a missing binary fails the test.
 */
public final class DanteProxy implements AutoCloseable {

    /** The system account made for username authentication. */
    public static final String SYSTEM_USER = "tern-socks-test";

    /** Configures a dante before it starts. */
    public static final class Builder {
        private boolean usernameAuth;
        private final List<Integer> deniedPorts = new ArrayList<>();

        private Builder() {
        }

        /** Require username/password authentication, as {@link DanteProxy#username()}/{@link DanteProxy#password()}. */
        public Builder usernameAuth() {
            usernameAuth = true;
            return this;
        }

        /** Refuse (SOCKS5 reply "not allowed by ruleset") connections to this port. */
        public Builder denyPort(int port) {
            deniedPorts.add(port);
            return this;
        }

        public DanteProxy start() {
            return new DanteProxy(this);
        }
    }

    private final ProxyProcess process;
    private final int port;
    private final String password;
    private boolean userCreated;

    private DanteProxy(Builder b) {
        String danted = ProxyProcess.findBinary("dante-server", "/usr/sbin/danted", "/usr/local/sbin/danted");
        process = new ProxyProcess("dante");
        try {
            port = ProxyProcess.freePort();
            if (b.usernameAuth) {
                password = "pw-" + UUID.randomUUID();
                LoggedSecrets.register(password);
                createSystemUser();
            } else {
                password = null;
            }
            String log = "\n  log: connect disconnect error\n";
            StringBuilder conf = new StringBuilder()
                    .append("logoutput: ").append(process.folder().resolve("danted.log")).append('\n')
                    .append("internal: 127.0.0.1 port = ").append(port).append('\n')
                    .append("external: 127.0.0.1\n")
                    .append("clientmethod: none\n")
                    .append("socksmethod: ").append(b.usernameAuth ? "username" : "none").append('\n');
            if (ProxyProcess.isRoot()) {
                conf.append("user.privileged: root\n") // reads the shadow password database
                        .append("user.unprivileged: nobody\n");
            }
            conf.append("client pass {\n  from: 127.0.0.0/8 to: 0.0.0.0/0\n  log: error\n}\n");
            for (int denied : b.deniedPorts) {
                conf.append("socks block {\n  from: 0.0.0.0/0 to: 127.0.0.0/8 port = ").append(denied).append(log)
                        .append("}\n");
            }
            // One item a line: a list such as "command:" would take the next keyword for one of its values.
            conf.append("socks pass {\n  from: 127.0.0.0/8 to: 127.0.0.0/8\n  command: connect").append(log)
                    .append("}\n")
                    .append("socks block {\n  from: 0.0.0.0/0 to: 0.0.0.0/0").append(log).append("}\n");
            Path confFile = process.write("danted.conf", conf.toString());
            process.start(List.of(danted, "-f", confFile.toString(), "-p", process.folder().resolve("danted.pid")
                    .toString()), Duration.ofSeconds(20), port);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A dante without authentication. */
    public static DanteProxy start() {
        return builder().start();
    }

    public int port() {
        return port;
    }

    /** The user name to authenticate with ({@link Builder#usernameAuth()}). */
    public String username() {
        return SYSTEM_USER;
    }

    /** The password of {@link #username()}, random per start. */
    public String password() {
        if (password == null) {
            throw new IllegalStateException("this dante was started without usernameAuth()");
        }
        return password;
    }

    /**
     * Waits (bounded) until dante's log has a line containing every one of {@code fragments} (it logs each
     * connect and disconnect, e.g. {@code 127.0.0.1.1883}), and returns it.
     */
    public String awaitLogLine(Duration timeout, String... fragments) {
        return process.awaitLine("danted.log", timeout, fragments);
    }

    /** What dante logged so far (its log file and its output). */
    public String logs() {
        return process.logs();
    }

    private void createSystemUser() {
        if (!ProxyProcess.isRoot()) {
            throw new AssertionError("SOCKS5 username authentication on dante checks the system's accounts, and"
                    + " the test creates one for it with useradd, which needs root; run the interop profile as"
                    + " root (as .ci/run does)");
        }
        String useradd = ProxyProcess.findBinary("passwd", "/usr/sbin/useradd");
        String chpasswd = ProxyProcess.findBinary("passwd", "/usr/sbin/chpasswd");
        if (!exists(SYSTEM_USER)) {
            ProxyProcess.run(Duration.ofSeconds(20), null, useradd, "--system", "--no-create-home",
                    "--shell", "/usr/sbin/nologin", SYSTEM_USER);
        }
        userCreated = true;
        ProxyProcess.run(Duration.ofSeconds(20), SYSTEM_USER + ":" + password + "\n", chpasswd);
    }

    private static boolean exists(String user) {
        try {
            ProxyProcess.run(Duration.ofSeconds(10), null, "/usr/bin/id", "-u", user);
            return true;
        } catch (AssertionError noSuchUser) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
        if (userCreated) {
            userCreated = false;
            ProxyProcess.run(Duration.ofSeconds(20), null, ProxyProcess.findBinary("passwd", "/usr/sbin/userdel"),
                    SYSTEM_USER);
        }
    }
}
