package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.testing.Heap;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resources stay bounded: the offline queue holds what it is configured to hold and refuses the rest at
 * once, and a thousand clients started, stopped and closed leave no thread, memory or buffer behind.
 */
class ResourceBoundsTest {

    private static final int QUEUE_BOUND = 10_000;
    private static final int SUBMITTED = 1_000_000;

    @Test
    void aMillionPublishesWhileDisconnectedKeepOnlyTheQueueBoundAndTheRestFailAtOnce() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed: every attempt is refused
        }
        PublishPacket message = PublishPacket.builder().topic("offline/bound").payload(new byte[64])
                .qos(QoS.AT_LEAST_ONCE).build();
        Map<ErrorKind, AtomicLong> failures = new ConcurrentHashMap<>();
        AtomicLong completed = new AtomicLong();
        CountDownLatch refusedAll = new CountDownLatch(SUBMITTED - QUEUE_BOUND);
        CountDownLatch completedAll = new CountDownLatch(SUBMITTED);
        long heapBefore = Heap.usedAfterGc();
        Mqtt5Client client = Mqtt5Client.create(Mqtt5ClientOptions.builder("127.0.0.1", closedPort)
                .maxQueuedOperations(QUEUE_BOUND)
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(200)).build())
                .build());
        try {
            client.start();
            long started = System.nanoTime();
            for (int i = 0; i < SUBMITTED; i++) {
                client.publish(message).whenComplete((result, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        ErrorKind kind = cause instanceof Mqtt5Exception ? ((Mqtt5Exception) cause).kind() : null;
                        failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                    }
                    completed.incrementAndGet();
                    refusedAll.countDown();
                    completedAll.countDown();
                });
            }
            refusedAll.await(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            long heapWithFullQueue = Heap.usedAfterGc();
            long perQueued = (heapWithFullQueue - heapBefore) / QUEUE_BOUND;
            System.out.printf("offline queue: %,d submitted in %.2f s, %,d refused (%s), %,d queued; heap %+,d B"
                    + " (%,d B per queued publish); statistics %s%n", SUBMITTED, seconds,
                    completed.get(), failures, client.operationStatistics().incompleteOperationCount(),
                    heapWithFullQueue - heapBefore, perQueued, client.operationStatistics());

            assertThat(completed.get()).isEqualTo(SUBMITTED - QUEUE_BOUND);
            assertThat(failures.keySet()).containsExactly(ErrorKind.OFFLINE_QUEUE_FULL);
            assertThat(client.operationStatistics().incompleteOperationCount()).isEqualTo(QUEUE_BOUND);
            // The bound's worth: a queued publish is its operation and the caller's stage, a few hundred bytes.
            assertThat(heapWithFullQueue - heapBefore).isLessThan(QUEUE_BOUND * 1_024L);
        } finally {
            client.close();
        }
        completedAll.await(30, TimeUnit.SECONDS);
        assertThat(completed.get()).as("every publish completed, queued ones when the client closed")
                .isEqualTo(SUBMITTED);
        assertThat(failures.get(ErrorKind.CLIENT_CLOSED)).hasValue(QUEUE_BOUND);
    }

    @Test
    void aThousandStartStopCloseCyclesLeaveNothingBehind() throws Exception {
        int port = HiveMqBroker.get().port();
        for (int i = 0; i < 50; i++) {
            cycle(port, "warm-" + i); // class loading, JIT, the allocator's first chunks
        }
        Set<String> threadsBefore = ternThreads();
        long heapBefore = Heap.usedAfterGc();
        long directBefore = PlatformDependent.usedDirectMemory();
        long started = System.nanoTime();
        int cycles = Integer.getInteger("tern.test.cycles", 1_000);
        for (int i = 0; i < cycles; i++) {
            cycle(port, "cycle-" + i);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long heapAfter = Heap.usedAfterGc();
        long directAfter = PlatformDependent.usedDirectMemory();
        int threadsRightAfter = ternThreads().size();
        // Shared threads end a few seconds after their last client (event loops 2 s, callbacks 5 s, completions 30 s).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("tern-") && !threadsBefore.contains(thread.getName())) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        System.out.printf("%,d start/stop/close cycles in %.1f s: heap %+,d B, Netty direct %+,d B, Tern threads"
                + " %d before, %d right after, %s at the end%n", cycles, seconds, heapAfter - heapBefore,
                directAfter - directBefore, threadsBefore.size(), threadsRightAfter, ternThreads());

        assertThat(ternThreads()).isSubsetOf(threadsBefore);
        // The embedded broker shares this heap and keeps a little per client it has seen (≈ 200 B a cycle here;
        // against Mosquitto, out of process, the client's own growth measured ≈ 20 B a cycle, not linear).
        assertThat(heapAfter - heapBefore).as("heap growth over %d cycles", cycles)
                .isLessThan(Math.max(2L << 20, cycles * 400L));
        // The pooled allocator may take one more chunk (4 MiB) for another event loop thread's arena, no more.
        assertThat(directAfter - directBefore).isLessThanOrEqualTo(4L << 20);
    }

    private static void cycle(int port, String clientId) {
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client client = Mqtt5Client.create(Mqtt5ClientOptions.builder("127.0.0.1", port)
                .connectOptions(ConnectPacket.builder().clientId(clientId).build())
                .lifecycleEvents(events).build());
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
        client.stop();
        events.await(StoppedEvent.class, Duration.ofSeconds(10));
        client.close();
    }

    private static Set<String> ternThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("tern-")).collect(Collectors.toSet());
    }
}
