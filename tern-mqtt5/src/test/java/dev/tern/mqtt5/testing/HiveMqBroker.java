package dev.tern.mqtt5.testing;

import com.hivemq.embedded.EmbeddedHiveMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * HiveMQ Community Edition, embedded in the test JVM, listening on loopback: MQTT over TCP, over TLS
 * (with and without client certificates), over WebSocket and over secure WebSocket on {@code /mqtt}.
 * Its certificates come from a {@link TestPki} made at start-up. Start-up takes seconds, so one broker serves the whole test JVM; it is
 * stopped when the JVM exits. Tests isolate themselves with unique client identifiers and topics.
 */
public final class HiveMqBroker {

    private static HiveMqBroker shared;

    private final EmbeddedHiveMQ hivemq;
    private final Path folder;
    private final int port;
    private final int webSocketPort;
    private final int tlsPort;
    private final int mutualTlsPort;
    private final int secureWebSocketPort;
    private final TestPki pki;

    private HiveMqBroker() {
        try {
            folder = Files.createTempDirectory("tern-hivemq");
            Path conf = Files.createDirectories(folder.resolve("conf"));
            Path data = Files.createDirectories(folder.resolve("data"));
            Path extensions = Files.createDirectories(folder.resolve("extensions"));
            port = freePort();
            webSocketPort = freePort();
            tlsPort = freePort();
            mutualTlsPort = freePort();
            secureWebSocketPort = freePort();
            pki = TestPki.create("tern-test-broker-ca");
            char[] secret = "changeit".toCharArray();
            Path keyStore = pki.storeFile(pki.server("localhost", "127.0.0.1"), "broker.jks", secret, "JKS");
            Path trustStore = pki.trustStoreFile("broker-trust.jks", secret, "JKS");
            String tls = "<tls><keystore><path>" + keyStore + "</path><password>changeit</password>"
                    + "<private-key-password>changeit</private-key-password></keystore>"
                    + "<truststore><path>" + trustStore + "</path><password>changeit</password></truststore>"
                    + "<client-authentication-mode>%s</client-authentication-mode></tls>";
            Files.writeString(conf.resolve("config.xml"), "<hivemq>\n"
                    + "  <listeners>\n"
                    + "    <tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address></tcp-listener>\n"
                    + "    <websocket-listener><port>" + webSocketPort + "</port><bind-address>127.0.0.1</bind-address>"
                    + "<path>/mqtt</path><subprotocols><subprotocol>mqtt</subprotocol></subprotocols>"
                    + "</websocket-listener>\n"
                    + "    <tls-tcp-listener><port>" + tlsPort + "</port><bind-address>127.0.0.1</bind-address>"
                    + String.format(tls, "NONE") + "</tls-tcp-listener>\n"
                    + "    <tls-tcp-listener><port>" + mutualTlsPort + "</port><bind-address>127.0.0.1</bind-address>"
                    + String.format(tls, "REQUIRED") + "</tls-tcp-listener>\n"
                    + "    <tls-websocket-listener><port>" + secureWebSocketPort + "</port>"
                    + "<bind-address>127.0.0.1</bind-address><path>/mqtt</path>"
                    + "<subprotocols><subprotocol>mqtt</subprotocol></subprotocols>" + String.format(tls, "NONE")
                    + "</tls-websocket-listener>\n"
                    + "  </listeners>\n"
                    // HiveMQ queues at most 1,000 messages per client by default, for connected clients too,
                    // and discards the rest: a subscriber briefly behind a publisher's burst would lose some
                    + "  <mqtt><queued-messages><max-queue-size>1000000</max-queue-size></queued-messages></mqtt>\n"
                    + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                    + "</hivemq>\n", StandardCharsets.UTF_8);
            Files.writeString(conf.resolve("logback.xml"), "<configuration>\n"
                    + "  <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                    + "    <encoder><pattern>%-30(%d %level)- %msg%n%ex</pattern></encoder>\n"
                    + "  </appender>\n"
                    + "  <root level=\"WARN\"><appender-ref ref=\"CONSOLE\"/></root>\n"
                    + "</configuration>\n", StandardCharsets.UTF_8);
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .build();
            hivemq.start().join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker of this test JVM, started on first use. */
    public static synchronized HiveMqBroker get() {
        if (shared == null) {
            shared = new HiveMqBroker();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "hivemq-stop"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** Messages the broker has dropped since it started (queue full, expired, refused), from its metrics. */
    public long droppedMessages() {
        com.codahale.metrics.Counter counter = hivemq.getMetricRegistry().getCounters()
                .get("com.hivemq.messages.dropped.count");
        return counter == null ? 0 : counter.getCount();
    }

    public int webSocketPort() {
        return webSocketPort;
    }

    /** MQTT over TLS, no client certificate asked for; the server certificate names localhost and 127.0.0.1. */
    public int tlsPort() {
        return tlsPort;
    }

    /** MQTT over TLS requiring a client certificate issued by {@link #pki()}. */
    public int mutualTlsPort() {
        return mutualTlsPort;
    }

    /** MQTT over WebSocket over TLS ({@code wss}), path {@code /mqtt}. */
    public int secureWebSocketPort() {
        return secureWebSocketPort;
    }

    /** The CA that issued the broker's certificate and that the broker trusts for client certificates. */
    public TestPki pki() {
        return pki;
    }

    private void stop() {
        try {
            hivemq.stop().join();
            hivemq.close();
        } catch (Exception e) {
            // the JVM is exiting; nothing to report to
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
