package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.testing.HttpConnectProxy;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Proxy credentials are for the proxy: not one byte of them reaches the broker through the tunnel. */
class ProxyCredentialsTest {

    private static final String USER = "tern-proxy-user";
    private static final String PASSWORD = "pr0xy-only-S3cret!";

    @Test
    void theBrokerNeverSeesTheProxyCredentials() throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpConnectProxy proxy = HttpConnectProxy.builder().basicAuth(USER, PASSWORD).start()) {
            // A broker that records every byte it receives and accepts the CONNECT.
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = broker.accept()) {
                    InputStream in = socket.getInputStream();
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    byte[] chunk = new byte[4096];
                    int n = in.read(chunk);
                    all.write(chunk, 0, n);
                    socket.getOutputStream().write(new byte[] {0x20, 3, 0, 0, 0}); // CONNACK, success
                    while ((n = in.read(chunk)) > 0) {
                        all.write(chunk, 0, n); // until the client's DISCONNECT and close
                    }
                    return all.toByteArray();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            RecordingLifecycleEvents events = new RecordingLifecycleEvents();
            try (Mqtt5Client client = Mqtt5Client.create(Mqtt5ClientOptions.builder("127.0.0.1", broker.getLocalPort())
                    .httpProxyOptions(HttpProxyOptions.builder("127.0.0.1", proxy.port())
                            .basicAuth(USER, PASSWORD).build())
                    .lifecycleEvents(events).build())) {
                client.start();
                events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
                client.stop();
                events.await(StoppedEvent.class, Duration.ofSeconds(10));
            }
            byte[] bytes = received.get(10, TimeUnit.SECONDS);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

            assertThat(proxy.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.authorized).isTrue());
            assertThat(bytes[0]).as("the broker's first byte is an MQTT CONNECT").isEqualTo((byte) 0x10);
            assertThat(text).doesNotContain(PASSWORD).doesNotContain(USER).doesNotContain(basic)
                    .doesNotContainIgnoringCase("authorization");
        }
    }
}
