package dev.tern.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Mosquitto 2 for the harness, on a free loopback port with a private configuration: no persistence, no
 * connection limit, a deep per-client queue (so a fast QoS 0 publisher does not make it drop what the
 * subscriber has not read yet), TCP_NODELAY on its sockets, and a file descriptor limit raised as far as the
 * shell allows.
 */
final class MosquittoProcess implements AutoCloseable {

    static final List<String> CONFIG = List.of(
            "allow_anonymous true",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "max_keepalive 65535",
            "max_connections -1",
            "max_queued_messages 1000000",
            // Without it Mosquitto's own Nagle delays the second of two small writes (PUBACK to the publisher,
            // then PUBLISH to the subscriber on the same socket) by the peer's delayed ACK: 40 ms round trips at
            // p99 for every client, which measures the kernel, not the clients.
            "set_tcp_nodelay true");

    private final Process process;
    private final Path folder;
    private final int port;
    private final String binary;

    private MosquittoProcess() {
        binary = findBinary();
        try {
            folder = Files.createTempDirectory("tern-bench-mosquitto");
            port = freePort();
            StringBuilder config = new StringBuilder("listener ").append(port).append(" 127.0.0.1\n");
            for (String line : CONFIG) {
                config.append(line).append('\n');
            }
            if ("root".equals(System.getProperty("user.name"))) {
                config.append("user root\n");
            }
            Path conf = folder.resolve("mosquitto.conf");
            Files.writeString(conf, config.toString(), StandardCharsets.UTF_8);
            String script = "ulimit -n 65536 2>/dev/null || ulimit -n \"$(ulimit -Hn)\"; exec \"$0\" -c \"$1\"";
            process = new ProcessBuilder("sh", "-c", script, binary, conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("mosquitto.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitListening(Duration.ofSeconds(10));
    }

    static MosquittoProcess start() {
        return new MosquittoProcess();
    }

    int port() {
        return port;
    }

    String binary() {
        return binary;
    }

    /** The Mosquitto binary: {@code $MOSQUITTO}, else the usual Debian locations. Missing is an error. */
    static String findBinary() {
        String override = System.getenv("MOSQUITTO");
        if (override != null && Files.isExecutable(Path.of(override))) {
            return override;
        }
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("mosquitto is not installed (looked in $MOSQUITTO, /usr/sbin, /usr/bin,"
                + " /usr/local/sbin); install it with 'apt-get install -y mosquitto'");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        close();
        throw new IllegalStateException("mosquitto did not listen on " + port + " within " + timeout + ": " + log());
    }

    String log() {
        try {
            return Files.readString(folder.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
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
