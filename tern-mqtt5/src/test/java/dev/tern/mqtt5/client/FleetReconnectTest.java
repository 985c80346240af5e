package dev.tern.mqtt5.client;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.testing.PeerConnection;
import dev.tern.mqtt5.testing.ScriptedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many real clients that lose the broker at the same moment come back spread out, not in a burst. */
class FleetReconnectTest {

    @Test
    void clientsThatLoseTheBrokerTogetherDoNotReconnectInLockStep() throws Exception {
        int clients = 40;
        java.util.Map<Integer, Long> reconnectAttempts = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch disconnected = new CountDownLatch(clients);
        List<Mqtt5Client> fleet = new ArrayList<>();
        try (ScriptedServer server = ScriptedServer.start()) {
            for (int i = 0; i < clients; i++) {
                int index = i;
                LifecycleEvents events = new LifecycleEvents() {
                    @Override
                    public void onAttemptingConnect(AttemptingConnectEvent event) {
                        if (disconnected.getCount() == 0) {
                            reconnectAttempts.putIfAbsent(index, System.nanoTime()); // the first retry only
                        }
                    }

                    @Override
                    public void onConnectionSuccess(ConnectionSuccessEvent event) {
                        connected.countDown();
                    }

                    @Override
                    public void onDisconnection(DisconnectionEvent event) {
                        disconnected.countDown();
                    }
                };
                Mqtt5Client client = Mqtt5Client.create(Mqtt5ClientOptions.builder("127.0.0.1", server.port())
                        .connectOptions(ConnectPacket.builder().clientId("fleet-" + i).build())
                        .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(1000))
                                .maxDelay(Duration.ofSeconds(5)).jitter(JitterMode.FULL).build())
                        .lifecycleEvents(events).build());
                fleet.add(client);
                client.start();
            }
            List<PeerConnection> peers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                PeerConnection peer = server.accept();
                peer.handshake();
                peers.add(peer);
            }
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            long lost = System.nanoTime();
            server.stopListening();
            peers.forEach(PeerConnection::close);
            assertThat(disconnected.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (reconnectAttempts.size() < clients && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(reconnectAttempts).hasSize(clients);
            // Full jitter over the first 1 s ceiling: the attempts spread over most of that second.
            long[] offsets = reconnectAttempts.values().stream().mapToLong(t -> (t - lost) / 1_000_000).sorted().toArray();
            long spread = offsets[offsets.length - 1] - offsets[0];
            assertThat(spread).as("ms between first and last reconnect attempt: %s", java.util.Arrays.toString(offsets))
                    .isGreaterThan(500);
            int inBusiestTenth = 0;
            for (int start = 0; start <= 900; start += 100) {
                int count = 0;
                for (long o : offsets) {
                    if (o >= start && o < start + 100) {
                        count++;
                    }
                }
                inBusiestTenth = Math.max(inBusiestTenth, count);
            }
            assertThat(inBusiestTenth).as("attempts in the busiest 100 ms").isLessThan(clients / 2);
        } finally {
            fleet.forEach(Mqtt5Client::close);
        }
    }
}
