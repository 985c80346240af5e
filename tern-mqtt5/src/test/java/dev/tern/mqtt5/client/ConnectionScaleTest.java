package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.testing.Heap;
import dev.tern.mqtt5.testing.MosquittoBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand connections from one process to Mosquitto (its own process, so the numbers are the
 * client's): all connect, the process keeps a handful of threads, and the heap per connection stays small.
 * The JVM raises its file descriptor limit to the hard limit itself; Mosquitto inherits it.
 */
@Tag("interop")
class ConnectionScaleTest {

    private static final int CONNECTIONS = 10_000;
    private static final int BATCH = 500;

    @Test
    @Timeout(180)
    void tenThousandConnectionsFromOneProcess() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start("max_connections -1")) {
            long heapBefore = Heap.usedAfterGc();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            List<Mqtt5Client> clients = new ArrayList<>(CONNECTIONS);
            long started = System.nanoTime();
            try {
                for (int first = 0; first < CONNECTIONS; first += BATCH) {
                    CountDownLatch connected = new CountDownLatch(BATCH);
                    LifecycleEvents events = new LifecycleEvents() {
                        @Override
                        public void onConnectionSuccess(ConnectionSuccessEvent event) {
                            connected.countDown();
                        }
                    };
                    for (int i = first; i < first + BATCH; i++) {
                        Mqtt5Client client = Mqtt5Client.create(Mqtt5ClientOptions.builder("127.0.0.1", broker.port())
                                .connectOptions(ConnectPacket.builder().clientId("scale-" + i)
                                        .keepAliveIntervalSeconds(600).build())
                                .lifecycleEvents(events).build());
                        clients.add(client);
                        client.start();
                    }
                    assertThat(connected.await(30, TimeUnit.SECONDS))
                            .as("connections %d to %d within 30 s (%d left)", first, first + BATCH, connected.getCount())
                            .isTrue();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long heap = Heap.usedAfterGc() - heapBefore;
                int threads = ManagementFactory.getThreadMXBean().getThreadCount();
                System.out.printf("%,d connections in %.1f s (%.0f per second): heap %,d B per connection,"
                        + " threads %d -> %d%n", CONNECTIONS, seconds, CONNECTIONS / seconds, heap / CONNECTIONS,
                        threadsBefore, threads);
                // Callback threads are shared and made only while all are busy (bursts of connection events):
                // a few dozen at most, never one per connection.
                assertThat(threads - threadsBefore).as("threads added for %d connections", CONNECTIONS)
                        .isLessThan(100);
                assertThat(heap / CONNECTIONS).as("heap per connection").isLessThan(16_384);
            } finally {
                for (Mqtt5Client client : clients) {
                    client.stop();
                }
                for (Mqtt5Client client : clients) {
                    client.close();
                }
            }
        }
    }
}
