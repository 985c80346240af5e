package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.OperationStatistics;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.testing.FaultRelay;
import dev.tern.mqtt5.testing.Heap;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.PublishOutcomes;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.StreamReceipts;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.mqtt5.transport.WebSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against a real broker (embedded HiveMQ) through a {@link FaultRelay}: a half-open
 * connection, connections reset in the middle of a QoS 1 stream, and TCP writes split to single bytes.
 * Every wait is bounded; each test prints what it measured.
 */
class FaultInjectionTest {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String prefix = "tern/faults/" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private FaultRelay relay() {
        FaultRelay relay = FaultRelay.to(HiveMqBroker.get().port());
        resources.add(relay);
        return relay;
    }

    private Mqtt5Client client(int port, String name, RecordingLifecycleEvents events,
            UnaryOperator<Mqtt5ClientOptions.Builder> customize) {
        Mqtt5ClientOptions.Builder builder = Mqtt5ClientOptions.builder("127.0.0.1", port)
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-" + name).build())
                .lifecycleEvents(events);
        Mqtt5Client client = Mqtt5Client.create(customize.apply(builder).build());
        resources.add(client);
        return client;
    }

    private static ReconnectOptions fastReconnect() {
        return ReconnectOptions.builder().minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1))
                .resetAfter(Duration.ZERO).build();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    @Test
    @Timeout(30)
    void aBlackholedConnectionIsDetectedByKeepAliveAndRecoveredAfterwards() {
        FaultRelay relay = relay();
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Duration keepAlive = Duration.ofSeconds(2);
        Duration pingTimeout = Duration.ofSeconds(1);
        Duration connAckTimeout = Duration.ofSeconds(1);
        ReconnectOptions reconnect = fastReconnect();
        Mqtt5Client client = client(relay.port(), "blackhole", events, b -> b
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-blackhole")
                        .keepAliveIntervalSeconds((int) keepAlive.toSeconds()).build())
                .pingTimeout(pingTimeout)
                .connAckTimeout(connAckTimeout)
                .reconnectOptions(reconnect));
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));

        long blackholed = System.nanoTime();
        relay.blackhole(true);
        Duration detectBound = keepAlive.plus(pingTimeout).plusMillis(750);
        DisconnectionEvent disconnection = events.await(DisconnectionEvent.class, detectBound.plusSeconds(5));
        long detected = System.nanoTime() - blackholed;
        assertThat(disconnection.error().kind()).isEqualTo(ErrorKind.KEEP_ALIVE_TIMEOUT);
        assertThat(Duration.ofNanos(detected)).as("detection").isLessThanOrEqualTo(detectBound);

        // attempts while the hole is there: the CONNECT vanishes, so the CONNACK times out
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class,
                connAckTimeout.plus(reconnect.maxDelay()).plusSeconds(2));
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.CONNACK_TIMEOUT);
        assertThat(client.isConnected()).isFalse();

        long healed = System.nanoTime();
        relay.blackhole(false);
        // an attempt under way may have lost its CONNECT (waits out the CONNACK timeout), then one backoff
        Duration recoverBound = connAckTimeout.plus(reconnect.maxDelay()).plusMillis(750);
        events.await(ConnectionSuccessEvent.class, recoverBound.plusSeconds(5));
        long recovered = System.nanoTime() - healed;
        assertThat(client.isConnected()).isTrue();
        System.out.printf("blackhole: keepAlive=%ds pingTimeout=%dms detected=%.3fs (bound %.3fs, kind %s);"
                        + " recovered=%.3fs after healing (bound %.3fs); events=%s; relay=%s%n",
                keepAlive.toSeconds(), pingTimeout.toMillis(), seconds(detected), seconds(detectBound.toNanos()),
                disconnection.error().kind(), seconds(recovered), seconds(recoverBound.toNanos()), events.names(),
                relay);
        assertThat(Duration.ofNanos(recovered)).as("recovery").isLessThanOrEqualTo(recoverBound);
    }

    @Test
    @Timeout(60)
    void aQos1StreamSurvivesConnectionResetsWithNothingLost() throws Exception {
        streamThroughResets(QoS.AT_LEAST_ONCE, 20_000, Transport.TCP);
    }

    @Test
    @Timeout(60)
    void aQos2StreamSurvivesConnectionResetsExactlyOnce() throws Exception {
        streamThroughResets(QoS.EXACTLY_ONCE, 10_000, Transport.TCP);
    }

    /** Resets cut TLS records in the middle: the next connection's handshake and session must not care. */
    @Test
    @Timeout(60)
    void aQos1StreamOverTlsSurvivesConnectionResetsWithNothingLost() throws Exception {
        streamThroughResets(QoS.AT_LEAST_ONCE, 10_000, Transport.TLS);
    }

    /** Resets cut WebSocket frames inside TLS records; QoS 2 must still arrive exactly once. */
    @Test
    @Timeout(60)
    void aQos2StreamOverSecureWebSocketSurvivesConnectionResetsExactlyOnce() throws Exception {
        streamThroughResets(QoS.EXACTLY_ONCE, 5_000, Transport.WSS);
    }

    /** How the publisher reaches the broker through the relay. */
    private enum Transport {
        TCP, TLS, WSS;

        int brokerPort() {
            HiveMqBroker broker = HiveMqBroker.get();
            return this == TCP ? broker.port() : this == TLS ? broker.tlsPort() : broker.secureWebSocketPort();
        }

        Mqtt5ClientOptions.Builder apply(Mqtt5ClientOptions.Builder b) {
            if (this == TCP) {
                return b;
            }
            b.tlsOptions(TlsOptions.builder().trustCertificates(HiveMqBroker.get().pki().caFile()).build());
            return this == WSS ? b.webSocketOptions(WebSocketOptions.defaults()) : b;
        }
    }

    private void streamThroughResets(QoS qos, int total, Transport transport) throws Exception {
        int window = 500;
        int resetCount = 5;
        String topic = prefix + "/stream";
        FaultRelay relay = FaultRelay.to(transport.brokerPort());
        resources.add(relay);
        long brokerDroppedBefore = HiveMqBroker.get().droppedMessages();

        StreamReceipts receipts = new StreamReceipts(total);
        RecordingLifecycleEvents subscriberEvents = new RecordingLifecycleEvents();
        Mqtt5Client subscriber = client(HiveMqBroker.get().port(), "sub", subscriberEvents, b -> b
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-sub")
                        .sessionExpiryIntervalSeconds(120L).build())
                .sessionBehavior(ClientSessionBehavior.REJOIN_ALWAYS)
                .onPublishReceived(receipts::record));
        subscriber.start();
        subscriberEvents.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
        subscriber.subscribe(SubscribePacket.of(topic, qos)).get(10, TimeUnit.SECONDS);

        RecordingLifecycleEvents publisherEvents = new RecordingLifecycleEvents();
        Mqtt5Client publisher = client(relay.port(), "pub", publisherEvents, b -> transport.apply(b
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-pub")
                        .sessionExpiryIntervalSeconds(120L).build())
                .sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .reconnectOptions(fastReconnect())));
        publisher.start();
        publisherEvents.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));

        // resets spaced through the stream, by how far the publisher has got
        AtomicInteger resetsDone = new AtomicInteger();

        Semaphore inFlight = new Semaphore(window);
        PublishOutcomes outcomes = new PublishOutcomes(total);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(40);
        for (int id = 0; id < total; id++) {
            long left = deadline - System.nanoTime();
            assertThat(inFlight.tryAcquire(Math.max(0, left), TimeUnit.NANOSECONDS))
                    .as("window slot for message %d within the deadline; %s", id, publisher.operationStatistics())
                    .isTrue();
            CompletableFuture<PublishResult> future = publisher.publish(PublishPacket.builder().topic(topic)
                    .payload(StreamReceipts.payload(id)).qos(qos).build());
            if (resetsDone.get() < resetCount && id + 1 == total * (resetsDone.get() + 1) / (resetCount + 1)) {
                relay.reset();
                resetsDone.incrementAndGet();
            }
            future.whenComplete((result, error) -> {
                inFlight.release();
                outcomes.record(result, error);
            });
        }
        boolean allCompleted = outcomes.awaitAll(deadline - System.nanoTime());
        long publishedNanos = System.nanoTime() - start;
        boolean everyIdSeen = receipts.awaitAllSeen(Math.max(1_000_000_000L, deadline - System.nanoTime()));
        long receivedNanos = System.nanoTime() - start;
        // late duplicates (resent PUBLISHes whose PUBACK was lost) arrive before the end marker
        publisher.publish(PublishPacket.builder().topic(topic).payload(StreamReceipts.END).qos(qos).build())
                .get(10, TimeUnit.SECONDS);
        assertThat(receipts.awaitEnd(Duration.ofSeconds(10))).as("the end marker arrived").isTrue();
        long disconnections = publisherEvents.all().stream().filter(e -> e instanceof DisconnectionEvent).count();
        long reconnects = publisherEvents.all().stream().filter(e -> e instanceof ConnectionSuccessEvent).count() - 1;
        OperationStatistics stats = publisher.operationStatistics();
        long brokerDropped = HiveMqBroker.get().droppedMessages() - brokerDroppedBefore;
        System.out.printf("qos" + qos.code() + " stream with resets over " + transport + ": brokerDropped=%d"
                        + " messages=%d window=%d resets=%d (relay reset %d connections)"
                        + " publisherDisconnections=%d reconnects=%d succeeded=%d notSuccessCode=%d failed=%s"
                        + " completedAll=%s in %.3fs; subscriber: deliveries=%d distinct=%d missing=%d (first %d)"
                        + " duplicates=%d foreign=%d allSeen=%s in %.3fs; stats=%s; relay=%s%n",
                brokerDropped, total, window, resetsDone.get(), relay.connectionsReset(), disconnections, reconnects,
                outcomes.succeeded(), outcomes.notSuccessCode(), outcomes.failed(), allCompleted,
                seconds(publishedNanos), receipts.deliveries(), receipts.distinct(), receipts.missing(),
                receipts.firstMissing(), receipts.duplicates(), receipts.foreign(), everyIdSeen,
                seconds(receivedNanos), stats, relay);

        assertThat(allCompleted).as("every publish future completed").isTrue();
        assertThat(outcomes.failed()).as("failed futures by kind (the default offline queue keeps QoS 1 and 2)")
                .isEmpty();
        assertThat(outcomes.succeeded()).isEqualTo(total);
        assertThat(resetsDone.get()).isEqualTo(resetCount);
        assertThat(receipts.missing()).as("ids never received").isZero();
        if (qos == QoS.EXACTLY_ONCE) {
            assertThat(receipts.duplicates()).as("QoS 2 end to end: ids received twice").isZero();
        }
        assertThat(receipts.foreign()).isZero();
        assertThat(stats.incompleteOperationCount()).isZero();
        assertThat(stats.unackedOperationCount()).isZero();
    }

    @Test
    @Timeout(30)
    void qos1MessagesRoundTripIntactWhenEveryByteIsItsOwnWrite() throws Exception {
        int total = 500;
        int window = 50;
        String topic = prefix + "/split";
        FaultRelay relay = relay().splitWrites(true);
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Map<Integer, String> received = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger corrupt = new AtomicInteger();
        CountDownLatch allSeen = new CountDownLatch(total);
        Mqtt5Client client = client(relay.port(), "split", events, b -> b);
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE), event -> {
            deliveries.incrementAndGet();
            String payload = event.publishPacket().payloadAsString();
            int colon = payload.indexOf(':');
            int id = colon < 0 ? -1 : Integer.parseInt(payload.substring(0, colon));
            if (id < 0 || !payload.equals(payloadOf(id))) {
                corrupt.incrementAndGet();
            } else if (received.put(id, payload) == null) {
                allSeen.countDown();
            }
        }).get(10, TimeUnit.SECONDS);

        Semaphore inFlight = new Semaphore(window);
        AtomicInteger succeeded = new AtomicInteger();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int id = 0; id < total; id++) {
            assertThat(inFlight.tryAcquire(10, TimeUnit.SECONDS)).as("window slot for %d", id).isTrue();
            client.publish(PublishPacket.builder().topic(topic).payload(payloadOf(id)).qos(QoS.AT_LEAST_ONCE).build())
                    .whenComplete((result, error) -> {
                        if (error == null && result.isSuccess()) {
                            succeeded.incrementAndGet();
                        } else {
                            errors.add(error != null ? error : new AssertionError(result.toString()));
                        }
                        inFlight.release();
                    });
        }
        boolean everyIdSeen = allSeen.await(15, TimeUnit.SECONDS);
        assertThat(inFlight.tryAcquire(window, 5, TimeUnit.SECONDS)).as("every publish completed").isTrue();
        long elapsed = System.nanoTime() - start;
        System.out.printf("split writes: messages=%d succeeded=%d errors=%d deliveries=%d distinct=%d corrupt=%d"
                        + " in %.3fs; events=%s; relay=%s%n",
                total, succeeded.get(), errors.size(), deliveries.get(), received.size(), corrupt.get(),
                seconds(elapsed), events.names(), relay);
        assertThat(everyIdSeen).isTrue();
        assertThat(errors).isEmpty();
        assertThat(succeeded.get()).isEqualTo(total);
        assertThat(corrupt.get()).isZero();
        assertThat(events.names()).doesNotContain("Disconnection", "ConnectionFailure");
        assertThat(relay.bytesUp()).isPositive();
        assertThat(relay.bytesDown()).isPositive();
    }

    /**
     * A slow, distant link: 150 ms each way and 32 kB/s each way, with a short keep alive. Publishing
     * faster than the link carries fills its buffers, which must not be mistaken for a dead connection:
     * every message arrives, and no connection is dropped. Messages of 1.5 kB, so that the bandwidth is
     * what limits (HiveMQ's Receive Maximum of 10 over a 300 ms round trip would allow ≈ 50 kB/s).
     */
    @Test
    @Timeout(60)
    void aSlowHighLatencyLinkCarriesAStreamWithoutSpuriousTimeouts() throws Exception {
        int total = 200;
        int window = 100;
        String padding = "p".repeat(1_500);
        String topic = prefix + "/slow";
        FaultRelay relay = relay().latency(150, 150).bandwidth(32_000);
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        CountDownLatch allSeen = new CountDownLatch(total);
        Map<Integer, Boolean> received = new ConcurrentHashMap<>();
        RecordingLifecycleEvents subscriberEvents = new RecordingLifecycleEvents();
        Mqtt5Client subscriber = client(HiveMqBroker.get().port(), "slow-sub", subscriberEvents, b -> b);
        subscriber.start();
        subscriberEvents.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
        subscriber.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE), event -> {
            String payload = event.publishPacket().payloadAsString();
            int id = Integer.parseInt(payload.substring(0, payload.indexOf(':')));
            if (received.put(id, Boolean.TRUE) == null) {
                allSeen.countDown();
            }
        }).get(10, TimeUnit.SECONDS);
        Mqtt5Client client = client(relay.port(), "slow", events, b -> b
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-slow")
                        .keepAliveIntervalSeconds(2).build())
                .pingTimeout(Duration.ofSeconds(1)));
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));

        Semaphore inFlight = new Semaphore(window);
        AtomicInteger succeeded = new AtomicInteger();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int id = 0; id < total; id++) {
            assertThat(inFlight.tryAcquire(20, TimeUnit.SECONDS)).as("window slot for %d", id).isTrue();
            client.publish(PublishPacket.builder().topic(topic).payload(payloadOf(id) + padding)
                    .qos(QoS.AT_LEAST_ONCE).build())
                    .whenComplete((result, error) -> {
                        if (error == null && result.isSuccess()) {
                            succeeded.incrementAndGet();
                        } else {
                            errors.add(error != null ? error : new AssertionError(result.toString()));
                        }
                        inFlight.release();
                    });
        }
        boolean everyIdSeen = allSeen.await(40, TimeUnit.SECONDS);
        assertThat(inFlight.tryAcquire(window, 10, TimeUnit.SECONDS)).as("every publish completed").isTrue();
        double seconds = seconds(System.nanoTime() - start);
        System.out.printf("slow link (150 ms each way, 32 kB/s): messages=%d succeeded=%d errors=%d received=%d"
                        + " in %.1fs (%.0f msg/s, %.1f kB/s up); events=%s; relay=%s%n",
                total, succeeded.get(), errors.size(), received.size(), seconds, total / seconds,
                relay.bytesUp() / seconds / 1000, events.names(), relay);
        assertThat(everyIdSeen).isTrue();
        assertThat(errors).isEmpty();
        assertThat(succeeded.get()).isEqualTo(total);
        assertThat(events.names()).as("no connection lost").containsExactly("AttemptingConnect", "ConnectionSuccess");
    }

    /**
     * A server that stops reading: TCP pushes back, the channel turns unwritable, and the client holds at
     * most {@code maxQueuedOperations} publishes; beyond that each fails at once with OFFLINE_QUEUE_FULL
     * instead of growing the heap. When the server reads again, every accepted publish is written and
     * completes; the connection never dropped.
     */
    @Test
    @Timeout(60)
    void aServerThatStopsReadingBoundsWhatTheClientHoldsAndNothingAcceptedIsLost() throws Exception {
        int bound = 5_000;
        int total = 200_000;
        byte[] payload = new byte[1_024];
        FaultRelay relay = relay();
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client client = client(relay.port(), "stall", events, b -> b
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-stall")
                        .keepAliveIntervalSeconds(60).build())
                .maxQueuedOperations(bound));
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));

        long heapBefore = Heap.usedAfterGc();
        relay.stallUpstream(true);
        AtomicInteger written = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Throwable> otherErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch completed = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            client.publish(PublishPacket.builder().topic(prefix + "/stall").payload(payload).build())
                    .whenComplete((result, error) -> {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null ? error.getCause() : error;
                        if (cause == null) {
                            written.incrementAndGet();
                        } else if (cause instanceof Mqtt5Exception m && m.kind() == ErrorKind.OFFLINE_QUEUE_FULL) {
                            refused.incrementAndGet();
                        } else {
                            otherErrors.add(cause);
                        }
                        completed.countDown();
                    });
        }
        double submitSeconds = seconds(System.nanoTime() - start);
        // Refusals complete on the completion executor, which takes a moment for 190,000 of them: measure
        // once everything not held by the client has completed (no event says so; poll, bounded).
        long settleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (completed.getCount() > client.operationStatistics().incompleteOperationCount()
                && System.nanoTime() < settleDeadline) {
            Thread.sleep(10);
        }
        long heapStalled = Heap.usedAfterGc() - heapBefore;
        int writtenWhileStalled = written.get();
        int refusedWhileStalled = refused.get();
        OperationStatistics stalled = client.operationStatistics();

        relay.stallUpstream(false);
        boolean allCompleted = completed.await(30, TimeUnit.SECONDS);
        System.out.printf("stalled server: %d QoS 0 publishes of 1 kB submitted in %.2fs with maxQueuedOperations=%d;"
                        + " while stalled: written to the socket %d, refused at once %d, held %s, heap %+,d B;"
                        + " after release: written %d, refused %d, other errors %d, all complete %s; events=%s; relay=%s%n",
                total, submitSeconds, bound, writtenWhileStalled, refusedWhileStalled, stalled, heapStalled,
                written.get(), refused.get(), otherErrors.size(), allCompleted, events.names(), relay);

        assertThat(refusedWhileStalled).as("publishes refused while the server read nothing").isPositive();
        // the queue's bound, plus the publishes Netty took before the channel turned unwritable (64 kB)
        assertThat(stalled.incompleteOperationCount()).as("operations held").isLessThanOrEqualTo(bound + 100);
        // what the client holds: the bound's worth of publishes of ≈ 1.2 kB each, not 200,000 of them (≈ 240 MB)
        assertThat(heapStalled).as("heap while stalled").isLessThan(bound * 1_500L + (8L << 20));
        assertThat(allCompleted).as("every publish completed after the server read again").isTrue();
        assertThat(otherErrors).isEmpty();
        assertThat(written.get() + refused.get()).isEqualTo(total);
        assertThat(refused.get()).as("refused only while stalled").isEqualTo(refusedWhileStalled);
        assertThat(events.names()).as("the connection never dropped").containsExactly("AttemptingConnect",
                "ConnectionSuccess");
    }

    private static String payloadOf(int id) {
        return id + ":" + "x".repeat(id % 97) + "|" + id;
    }
}
