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

    private final Process process;
    private final Path folder;
    private final int port;

    private MosquittoBroker(List<String> extraConfig) {
        String binary = findBinary();
        try {
            folder = Files.createTempDirectory("tern-mosquitto");
            port = HiveMqBroker.freePort();
            StringBuilder config = new StringBuilder()
                    .append("listener ").append(port).append(" 127.0.0.1\n")
                    .append("allow_anonymous true\n")
                    .append("persistence false\n")
                    .append("log_dest stderr\n")
                    .append("log_type error\n")
                    .append("max_keepalive 65535\n");
            if (isRoot()) {
                config.append("user root\n"); // otherwise it drops to the mosquitto user, which cannot read our files
            }
            for (String line : extraConfig) {
                config.append(line).append('\n');
            }
            Path conf = folder.resolve("mosquitto.conf");
            Files.writeString(conf, config.toString(), StandardCharsets.UTF_8);
            process = new ProcessBuilder(binary, "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("mosquitto.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitListening(Duration.ofSeconds(10));
    }

    /** Starts Mosquitto with the default test configuration plus {@code extraConfig} lines. */
    public static MosquittoBroker start(String... extraConfig) {
        return new MosquittoBroker(List.of(extraConfig));
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
            return Files.readString(folder.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
