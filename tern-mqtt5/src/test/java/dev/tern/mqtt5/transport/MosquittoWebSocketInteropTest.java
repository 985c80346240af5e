package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.testing.MosquittoBroker;
import dev.tern.mqtt5.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * MQTT over WebSocket and secure WebSocket against Mosquitto 2.0.11 (Debian 12, libwebsockets). Two
 * quirks of that build, found by trying:
 * <ul>
 *   <li>it refuses to start with only WebSocket listeners ("Error: Unable to start any listening sockets,
 *   exiting."), so the WebSocket listener comes next to {@link MosquittoBroker}'s plain MQTT one;</li>
 *   <li>given {@code 127.0.0.1} as a WebSocket listener's address, libwebsockets listens on every
 *   interface; given the interface name {@code lo}, on loopback only, which is what a test wants.</li>
 * </ul>
 * Interop only ({@code -Pinterop}): a missing mosquitto binary fails the test.
 */
@Tag("interop")
class MosquittoWebSocketInteropTest {

    private final TransportFixture fixture = new TransportFixture();
    private MosquittoBroker broker;

    @AfterEach
    void tearDown() {
        fixture.close();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void mqttOverWebSocket() throws Exception {
        int wsPort = freePort();
        broker = MosquittoBroker.start("listener " + wsPort + " lo", "protocol websockets");
        awaitListening(wsPort, Duration.ofSeconds(10));
        fixture.assertRoundTrip("127.0.0.1", wsPort, b -> b.webSocketOptions(WebSocketOptions.defaults()));
    }

    @Test
    void mqttOverSecureWebSocket() throws Exception {
        TestPki pki = TestPki.create("mosquitto-ws-ca");
        TestPki.Identity server = pki.server("localhost", "127.0.0.1");
        Path cert = pki.certificateFile(server, "mosquitto-ws.crt");
        Path key = pki.pkcs8File(server, "mosquitto-ws.key");
        int wssPort = freePort();
        broker = MosquittoBroker.start("listener " + wssPort + " lo", "protocol websockets",
                "cafile " + pki.caFile(), "certfile " + cert, "keyfile " + key);
        awaitListening(wssPort, Duration.ofSeconds(10));
        fixture.assertRoundTrip("localhost", wssPort, b -> b
                .webSocketOptions(WebSocketOptions.defaults())
                .tlsOptions(TlsOptions.builder().trustCertificates(pki.caFile()).build()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MosquittoBroker waits for its MQTT listener; the WebSocket one opens in the same start-up. */
    private static void awaitListening(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("mosquitto's WebSocket listener did not open on " + port + " within "
                            + timeout, notYet);
                }
                Thread.sleep(20);
            }
        }
    }
}
