package dev.tern.mqtt5.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mosquitto 2 from the Debian package, started by the test on a free loopback port with a configuration
 * the test writes. Interop tests only: {@code .ci/run} installs the package, and a missing binary fails
 * the test (it is never skipped).
 */
public final class MosquittoBroker implements AutoCloseable {

    private final String binary;
    private final Path folder;
    private final Path conf;
    private final int port;
    private Process process;
    private int restarts;

    private MosquittoBroker(boolean persistent, List<String> extraConfig) {
        binary = findBinary();
        try {
            folder = Files.createTempDirectory("tern-mosquitto");
            port = HiveMqBroker.freePort();
            StringBuilder config = new StringBuilder()
                    .append("listener ").append(port).append(" 127.0.0.1\n")
                    .append("allow_anonymous true\n");
            if (persistent) {
                // saved on exit only (autosave 0): a restart is a clean shutdown that keeps every session,
                // queued message and in-flight QoS state
                config.append("persistence true\n")
                        .append("persistence_location ").append(folder).append("/\n")
                        .append("autosave_interval 0\n");
            } else {
                config.append("persistence false\n");
            }
            config.append("log_dest stderr\n")
                    .append("log_type error\n")
                    .append("max_keepalive 65535\n");
            if (isRoot()) {
                config.append("user root\n"); // otherwise it drops to the mosquitto user, which cannot read our files
            }
            for (String line : extraConfig) {
                config.append(line).append('\n');
            }
            conf = folder.resolve("mosquitto.conf");
            Files.writeString(conf, config.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder(binary, "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("mosquitto.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitListening(Duration.ofSeconds(10));
    }

    /** Starts Mosquitto with the default test configuration plus {@code extraConfig} lines. */
    public static MosquittoBroker start(String... extraConfig) {
        return new MosquittoBroker(false, List.of(extraConfig));
    }

    /**
     * Starts Mosquitto with persistence on: sessions, queued messages and in-flight QoS 1 and 2 state
     * survive {@link #restart()}.
     */
    public static MosquittoBroker startPersistent(String... extraConfig) {
        return new MosquittoBroker(true, List.of(extraConfig));
    }

    /**
     * Stops the broker cleanly (SIGTERM: it closes every connection and, when persistent, saves its
     * database) and starts it again on the same port; returns once it listens again.
     */
    public void restart() {
        terminate();
        restarts++;
        launch();
    }

    /** Where the broker's log goes (appended across restarts; deleted on close). */
    public Path logFile() {
        return folder.resolve("mosquitto.log");
    }

    /** How many times {@link #restart()} ran. */
    public int restarts() {
        return restarts;
    }

    public int port() {
        return port;
    }

    private static String findBinary() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("mosquitto is not installed (looked in /usr/sbin, /usr/bin, /usr/local/sbin);"
                + " install it with 'apt-get install -y mosquitto' — .ci/run does");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
        throw new AssertionError("mosquitto did not listen on " + port + " within " + timeout + ": " + log());
    }

    private String log() {
        try {
            String log = Files.readString(folder.resolve("mosquitto.log"));
            return log.length() <= 8192 ? log : "…" + log.substring(log.length() - 8192);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void terminate() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mosquitto did not exit within 10 s of SIGTERM: " + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            terminate();
        } catch (AssertionError slowExit) {
            // closing anyway; the forced kill already happened
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
