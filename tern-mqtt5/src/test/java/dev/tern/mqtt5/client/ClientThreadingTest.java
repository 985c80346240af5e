package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.internal.codec.OutboundPublish;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PingReqPacket;
import dev.tern.mqtt5.packets.PingRespPacket;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.testing.PeerConnection;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.ScriptedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The threading model: callbacks off the network thread, in order, allowed to block. */
class ClientThreadingTest {

    private ScriptedClientFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /**
     * The guide's warning — "in the on_publish_received callback, do not send a publish, and then wait for
     * the future" — does not apply to Tern: the callback publishes at QoS 1 and blocks on the result.
     */
    @Test
    void aCallbackMayPublishAndWaitForTheResultWithoutDeadlocking() throws Exception {
        BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
        Mqtt5Client[] client = new Mqtt5Client[1];
        fixture = new ScriptedClientFixture(b -> b.onPublishReceived(event -> {
            try {
                PublishResult result = client[0].publish(PublishPacket.builder().topic("reply")
                        .payload(event.publishPacket().payloadAsBytes()).qos(QoS.AT_LEAST_ONCE).build())
                        .get(10, TimeUnit.SECONDS);
                outcome.add(result);
            } catch (Exception e) {
                outcome.add(e);
            }
        }));
        client[0] = fixture.client;
        PeerConnection peer = fixture.connect();
        peer.send(OutboundPublish.of(PublishPacket.builder().topic("request").payload("ping").build(), 0, false));
        InboundPublish reply = peer.expectPublish();
        assertThat(reply.packet().topic()).isEqualTo("reply");
        peer.send(new IdentifiedPacket<>(reply.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(outcome.poll(10, TimeUnit.SECONDS)).isInstanceOf(PublishResult.class);
    }

    /**
     * Chained stages run on a few shared completion threads — not on a new thread per stage, which is what
     * the common fork-join pool turns into on one- and two-core machines.
     */
    @Test
    void chainedStagesRunOnTheSharedCompletionThreads() throws Exception {
        fixture = new ScriptedClientFixture(b -> b);
        fixture.connect();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.List<java.util.concurrent.CompletableFuture<PublishResult>> stages = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            stages.add(fixture.client.publish(PublishPacket.builder().topic("t").payload("x").build())
                    .whenComplete((result, error) -> threads.add(Thread.currentThread().getName())));
        }
        for (java.util.concurrent.CompletableFuture<PublishResult> stage : stages) {
            stage.get(10, TimeUnit.SECONDS);
        }
        assertThat(threads).allMatch(name -> name.startsWith("tern-completions-"));
        assertThat(threads.size()).isLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void everyMatchingSubscriptionCallbackGetsTheMessageEvenIfAnEarlierOneThrows() throws Exception {
        fixture = new ScriptedClientFixture(b -> b);
        PeerConnection peer = fixture.connect();
        BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        for (String filter : new String[] {"a/#", "a/+"}) {
            java.util.concurrent.CompletableFuture<dev.tern.mqtt5.packets.SubAckPacket> subscribed =
                    fixture.client.subscribe(dev.tern.mqtt5.packets.SubscribePacket.of(filter, QoS.AT_MOST_ONCE),
                            event -> {
                                calls.add(filter);
                                throw new IllegalStateException("callback for " + filter + " fails");
                            });
            IdentifiedPacket<dev.tern.mqtt5.packets.SubscribePacket> sent =
                    peer.expectIdentified(dev.tern.mqtt5.packets.SubscribePacket.class);
            peer.send(new IdentifiedPacket<>(sent.packetId(), dev.tern.mqtt5.packets.SubAckPacket.of(
                    dev.tern.mqtt5.packets.SubAckReasonCode.GRANTED_QOS_0)));
            subscribed.get(10, TimeUnit.SECONDS);
        }
        peer.send(OutboundPublish.of(PublishPacket.builder().topic("a/b").payload("x").build(), 0, false));
        assertThat(List.of(calls.poll(10, TimeUnit.SECONDS), calls.poll(10, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("a/#", "a/+");
        // The client goes on: a later message is delivered too.
        peer.send(OutboundPublish.of(PublishPacket.builder().topic("a/c").payload("y").build(), 0, false));
        assertThat(calls.poll(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aBlockedCallbackStallsNeitherKeepAliveNorOtherOperations() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        fixture = new ScriptedClientFixture(b -> b.connectOptions(ConnectPacket.builder().clientId("blocked")
                .keepAliveIntervalSeconds(1).build()).onPublishReceived(event -> {
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        PeerConnection peer = fixture.connect();
        peer.send(OutboundPublish.of(PublishPacket.builder().topic("block").build(), 0, false));
        var publish = fixture.client.publish(PublishPacket.builder().topic("other").qos(QoS.AT_LEAST_ONCE).build());
        InboundPublish sent = peer.expectPublish();
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubAckPacket.of(PubAckReasonCode.SUCCESS)));
        assertThat(publish.get(5, TimeUnit.SECONDS).pubAck()).isNotNull();
        peer.expect(PingReqPacket.class, Duration.ofSeconds(3));
        peer.send(PingRespPacket.INSTANCE);
        release.countDown();
    }

    @Test
    void messagesReachTheCallbackInOrderOnOneThreadThatIsNotTheNetworkThread() throws Exception {
        BlockingQueue<String> topics = new LinkedBlockingQueue<>();
        BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        fixture = new ScriptedClientFixture(b -> b.onPublishReceived(event -> {
            topics.add(event.publishPacket().topic());
            threads.add(Thread.currentThread().getName());
        }));
        PeerConnection peer = fixture.connect();
        for (int i = 0; i < 200; i++) {
            peer.send(OutboundPublish.of(PublishPacket.builder().topic("seq/" + i).build(), 0, false));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(topics.poll(10, TimeUnit.SECONDS)).isEqualTo("seq/" + i);
        }
        Set<String> seen = threads.stream().collect(Collectors.toSet());
        assertThat(seen).allMatch(name -> name.startsWith("tern-callbacks-"));
    }

    @Test
    void anApplicationExecutorStillGetsTheCallbacksOneAtATimeInOrder() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
            java.util.concurrent.atomic.AtomicInteger concurrent = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger maxConcurrent = new java.util.concurrent.atomic.AtomicInteger();
            fixture = new ScriptedClientFixture(b -> b.callbackExecutor(pool).onPublishReceived(event -> {
                maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                seen.add(Integer.parseInt(event.publishPacket().topic().substring(2)));
                concurrent.decrementAndGet();
            }));
            PeerConnection peer = fixture.connect();
            for (int i = 0; i < 100; i++) {
                peer.send(OutboundPublish.of(PublishPacket.builder().topic("p/" + i).build(), 0, false));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
            assertThat(maxConcurrent.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        Set<String> before = ternThreads();
        try (ScriptedServer server = ScriptedServer.start()) {
            RecordingLifecycleEvents events = new RecordingLifecycleEvents();
            for (int round = 0; round < 3; round++) {
                Mqtt5Client client = Mqtt5Client.create(Mqtt5ClientOptions.builder("127.0.0.1", server.port())
                        .connectOptions(ConnectPacket.builder().clientId("close-" + round).build())
                        .lifecycleEvents(events).build());
                client.start();
                server.accept().handshake();
                events.await(ConnectionSuccessEvent.class);
                client.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // Threads of earlier tests may still be lingering in "before" and end meanwhile: none may be added.
        while (!before.containsAll(ternThreads()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ternThreads()).isSubsetOf(before);
    }

    private static Set<String> ternThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("tern-")).collect(Collectors.toSet());
    }

    @Test
    void lifecycleEventsArriveOnTheCallbackThread() {
        fixture = new ScriptedClientFixture();
        fixture.connect();
        List<String> threads = fixture.events.threads();
        assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("tern-callbacks-"));
    }
}
