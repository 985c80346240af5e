package dev.tern.cli;

import com.hivemq.embedded.EmbeddedHiveMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * HiveMQ Community Edition in this process, MQTT 5 over TCP on a free loopback port, its files in a
 * temporary folder removed on close: the broker {@code tern pubsub} uses when no endpoint is given.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** Brokers whose stop has not finished yet: their folders, to remove before a quick exit. */
    private static final java.util.Set<EmbeddedBroker> STOPPING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(boolean verbose) throws IOException {
        folder = Files.createTempDirectory("tern-embedded-broker");
        Path conf = Files.createDirectories(folder.resolve("conf"));
        port = freePort();
        Files.writeString(conf.resolve("config.xml"), "<hivemq>\n"
                + "  <listeners>\n"
                + "    <tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address></tcp-listener>\n"
                + "  </listeners>\n"
                + "  <persistence><mode>in-memory</mode></persistence>\n"
                + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                + "</hivemq>\n", StandardCharsets.UTF_8);
        // HiveMQ configures the process's logback from this file: it is the CLI's logging too.
        Files.writeString(conf.resolve("logback.xml"), Logging.configuration(verbose), StandardCharsets.UTF_8);
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(folder.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(folder.resolve("extensions")))
                .build();
    }

    /** Starts a broker and waits until it accepts connections. */
    static EmbeddedBroker start(boolean verbose) {
        EmbeddedBroker broker;
        try {
            broker = new EmbeddedBroker(verbose);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "could not prepare the embedded broker's folder: " + e.getMessage(),
                    e);
        }
        try {
            broker.hivemq.start().join();
        } catch (RuntimeException e) {
            broker.close();
            throw new CliException(ExitCode.FAILED, "the embedded broker did not start: " + e.getMessage(), e);
        }
        return broker;
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return port;
    }

    /**
     * Stops the broker, waiting at most a moment: HiveMQ's persistence shutdown takes seconds even in memory,
     * and a command line tool should not make its user wait for it. The rest of the stop, and the removal of
     * the folder, go on in the background (and at JVM exit).
     */
    @Override
    public void close() {
        java.util.concurrent.CompletableFuture<Void> stop;
        try {
            stop = hivemq.stop();
        } catch (RuntimeException e) {
            deleteFolder();
            return;
        }
        STOPPING.add(this);
        stop.whenComplete((ok, error) -> {
            try {
                hivemq.close();
            } catch (Exception e) {
                // stopped or failed to start: nothing left to release
            }
            deleteFolder();
            STOPPING.remove(this);
        });
        try {
            stop.get(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // finishing in the background
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean stillStopping() {
        return !STOPPING.isEmpty();
    }

    static void deleteFolders() {
        STOPPING.forEach(EmbeddedBroker::deleteFolder);
    }

    private void deleteFolder() {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary folder, perhaps already gone: best effort
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
