package dev.tern.benchmarks.harness;

import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.MosquittoBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every adapter against a real broker: connect, subscribe, QoS 1 and QoS 0 round trips, disconnect, close. */
class BenchClientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MESSAGES = 200;

    @BeforeAll
    static void startBroker() {
        HiveMqBroker.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tern", "hivemq", "paho", "crt"})
    void roundTripsAgainstHiveMq(String name) throws Exception {
        roundTrip(name, HiveMqBroker.get().port());
    }

    @Tag("interop")
    @ParameterizedTest
    @ValueSource(strings = {"tern", "hivemq", "paho", "crt"})
    void roundTripsAgainstMosquitto(String name) throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.start()) {
            roundTrip(name, mosquitto.port());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tern", "hivemq", "paho", "crt"})
    void closeWithoutConnectIsHarmlessAndIdempotent(String name) {
        BenchClient client = BenchClients.create(name);
        assertThat(client.name()).isEqualTo(name);
        client.close();
        client.close();
    }

    @Test
    void factoryKnowsEveryNameAndRefusesOthers() {
        assertThat(BenchClients.NAMES).containsExactly("tern", "hivemq", "paho", "crt");
        for (String name : BenchClients.NAMES) {
            assertThat(BenchClients.create(name).name()).isEqualTo(name);
        }
        assertThatThrownBy(() -> BenchClients.create("mosquitto")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void roundTrip(String name, int port) throws Exception {
        Set<Long> threadsBefore = nonDaemonThreads().keySet();
        String topic = "bench/" + name + "/" + UUID.randomUUID();
        Queue<String> received = new ConcurrentLinkedQueue<>(); // a queue, so a duplicate would show
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray completions = new AtomicIntegerArray(2 * MESSAGES);
        CountDownLatch allCompleted = new CountDownLatch(2 * MESSAGES);

        BenchClient client = BenchClients.create(name);
        try {
            client.connect("127.0.0.1", port, "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8),
                    TIMEOUT);
            assertThat(client.serverReceiveMaximum()).isPositive();
            CountDownLatch qos1Arrivals = new CountDownLatch(MESSAGES);
            CountDownLatch qos0Arrivals = new CountDownLatch(MESSAGES);
            client.subscribe(topic, 1, payload -> {
                String message = utf8(payload);
                received.add(message);
                (message.startsWith("q1-") ? qos1Arrivals : qos0Arrivals).countDown();
            }, TIMEOUT);

            // QoS 1 within the server's Receive Maximum, as the harness does: Paho refuses more.
            int windowSize = Math.min(client.serverReceiveMaximum(), 64);
            Semaphore window = new Semaphore(windowSize);
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(window.tryAcquire(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("window slot").isTrue();
                int index = i;
                client.publish(topic, ("q1-" + i).getBytes(StandardCharsets.UTF_8), 1, error -> {
                    record(index, error, completions, errors);
                    window.release();
                    allCompleted.countDown();
                });
            }
            // Paho refuses a publish of any QoS while its QoS 1 window is full: let the QoS 1 stream finish.
            assertThat(window.tryAcquire(windowSize, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("QoS 1 acknowledged").isTrue();
            window.release(windowSize);
            for (int i = 0; i < MESSAGES; i++) {
                int index = MESSAGES + i;
                client.publish(topic, ("q0-" + i).getBytes(StandardCharsets.UTF_8), 0, error -> {
                    record(index, error, completions, errors);
                    allCompleted.countDown();
                });
            }
            assertThat(allCompleted.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%d of %d completions", 2 * MESSAGES - allCompleted.getCount(), 2 * MESSAGES).isTrue();

            // QoS 1 must all arrive. QoS 0 is at most once: a broker may drop it when the subscriber falls
            // behind (HiveMQ CE drops it while the subscriber's socket is not writable), so it must arrive at
            // most once each and only what was sent — and most of it, on loopback.
            List<String> expectedQos1 = new ArrayList<>();
            List<String> sentQos0 = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                expectedQos1.add("q1-" + i);
                sentQos0.add("q0-" + i);
            }
            qos1Arrivals.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            qos0Arrivals.await(1, TimeUnit.SECONDS); // all of QoS 0, or as much as the broker kept
            assertThat(received).containsAll(expectedQos1);
            List<String> receivedQos0 = received.stream().filter(m -> m.startsWith("q0-")).collect(Collectors.toList());
            assertThat(sentQos0).containsAll(receivedQos0);
            assertThat(receivedQos0).doesNotHaveDuplicates().hasSizeGreaterThan(MESSAGES / 2);
            assertThat(errors).isEmpty();
            for (int i = 0; i < 2 * MESSAGES; i++) {
                assertThat(completions.get(i)).as("completions of publish %d", i).isEqualTo(1);
            }

            client.disconnect(TIMEOUT);
        } finally {
            client.close();
        }
        client.close();
        for (int i = 0; i < 2 * MESSAGES; i++) {
            assertThat(completions.get(i)).as("completions of publish %d after close", i).isEqualTo(1);
        }

        // Shared event loops may take a moment to wind down after the last connection.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> leftover;
        do {
            leftover = nonDaemonThreads().entrySet().stream()
                    .filter(e -> !threadsBefore.contains(e.getKey()))
                    .map(e -> e.getValue())
                    .collect(Collectors.toList());
            if (leftover.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertThat(leftover).as("non-daemon threads left by %s", name).isEmpty();
    }

    private static void record(int index, Throwable error, AtomicIntegerArray completions,
                               ConcurrentLinkedQueue<Throwable> errors) {
        completions.incrementAndGet(index);
        if (error != null) {
            errors.add(error);
        }
    }

    private static String utf8(ByteBuffer payload) {
        ByteBuffer view = payload.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static java.util.Map<Long, String> nonDaemonThreads() {
        // The embedded broker starts its own threads ("hivemq-...") as connections arrive: not the client's.
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && !t.getName().startsWith("hivemq-"))
                .collect(Collectors.toMap(Thread::getId, Thread::getName, (a, b) -> a));
    }
}
