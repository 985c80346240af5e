package dev.tern.mqtt5.docs;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.NegotiatedSettings;
import dev.tern.mqtt5.OfflineQueueBehavior;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.TopicAliasingOptions;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PubCompPacket;
import dev.tern.mqtt5.packets.PubRecPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubAckReasonCode;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generic-client sections of docs/userguide.md (lifecycle, lifecycle events, operations, threads,
 * sessions, tuning), each snippet run against the embedded HiveMQ broker and shown in the guide exactly
 * as written here ({@link DocSnippetsTest}). Variables a snippet uses ({@code host}, {@code client},
 * {@code log}, …) are declared just before it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserGuideClientTest {

    private static final String HOST = "127.0.0.1";

    private final GuideFixtures fixtures = new GuideFixtures();
    private GuideLog guideLog;
    private final BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();

    @BeforeEach
    void captureLog(TestInfo test) {
        guideLog = GuideLog.capture(test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeAll() throws Exception {
        fixtures.close();
        guideLog.close();
    }

    private static int brokerPort() {
        return HiveMqBroker.get().port();
    }

    /** A started client, connected to the broker, whose unclaimed messages go to {@link #inbox}. */
    private Mqtt5Client connected(String clientIdPrefix) {
        Mqtt5Client client = fixtures.closing(Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST, brokerPort())
                .connectOptions(ConnectPacket.builder().clientId(clientIdPrefix + "-" + UUID.randomUUID()).build())
                .onPublishReceived(inbox::add)
                .build()));
        GuideFixtures.startAndAwaitConnected(client, null);
        return client;
    }

    private PublishReceivedEvent nextMessage() throws InterruptedException {
        PublishReceivedEvent event = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a message within 10 s").isNotNull();
        return event;
    }

    // ==== Client lifecycle management ====================================================================

    @Test
    void startConnectsStopDisconnectsAndCloseReleasesTheClient() throws Exception {
        String host = HOST;
        int port = brokerPort();
        Logger log = guideLog.logger();
        RecordingLifecycleEvents lifecycleEvents = new RecordingLifecycleEvents();

        // snippet:start userguide-lifecycle-start
        Mqtt5ClientOptions options = Mqtt5ClientOptions.builder(host, port)
                .connectOptions(ConnectPacket.builder().clientId("guide-lifecycle").build())
                .lifecycleEvents(lifecycleEvents)
                .onPublishReceived(event -> log.info("received a message on {}", event.publishPacket().topic()))
                .build();

        // The client keeps these options for its whole life
        Mqtt5Client client = Mqtt5Client.create(options);

        // Connect, and connect again whenever the connection is lost, until stop()
        client.start();
        // snippet:end userguide-lifecycle-start
        fixtures.closing(client);

        lifecycleEvents.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        client.subscribe(SubscribePacket.of("guide/lifecycle", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic("guide/lifecycle").payload("hi").qos(QoS.AT_LEAST_ONCE).build())
                .get(10, TimeUnit.SECONDS);
        guideLog.await("received a message on guide/lifecycle");
        // A stopped client can be started again
        client.stop();
        lifecycleEvents.await(StoppedEvent.class);
        client.start();
        lifecycleEvents.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));

        // snippet:start userguide-lifecycle-stop
        // Sends DISCONNECT, closes the connection and emits Stopped; start() would connect again
        client.stop();

        // When done with the client: close() also releases its threads (Mqtt5Client is AutoCloseable)
        client.close();
        // snippet:end userguide-lifecycle-stop

        lifecycleEvents.await(StoppedEvent.class);
        assertThat(lifecycleEvents.names()).containsExactly("AttemptingConnect", "ConnectionSuccess", "Disconnection",
                "Stopped", "AttemptingConnect", "ConnectionSuccess", "Disconnection", "Stopped");
        assertThat(lifecycleEvents.all()).filteredOn(DisconnectionEvent.class::isInstance)
                .allSatisfy(e -> assertThat(((DisconnectionEvent) e).error().kind()).isEqualTo(ErrorKind.CLIENT_STOPPED));
        assertThatThrownBy(client::start).isInstanceOf(IllegalStateException.class);
    }

    // ==== Lifecycle events ================================================================================

    @Test
    void theFiveLifecycleEvents() throws Exception {
        Logger log = guideLog.logger();

        // snippet:start userguide-lifecycle-events
        LifecycleEvents lifecycleEvents = new LifecycleEvents() {
            @Override
            public void onAttemptingConnect(AttemptingConnectEvent event) {
                log.info("attempt {}", event.attempt());
            }

            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                NegotiatedSettings settings = event.negotiatedSettings();
                log.info("connected as {}, session present: {}, keep alive {} s, receive maximum {}",
                        settings.clientId(), event.connAck().sessionPresent(), settings.serverKeepAliveSeconds(),
                        settings.receiveMaximumFromServer());
            }

            @Override
            public void onConnectionFailure(ConnectionFailureEvent event) {
                log.warn("connection failed ({}): {}", event.error().kind(), event.error().getMessage());
                if (event.connAck() != null) {
                    log.warn("the server refused with {}", event.connAck().reasonCode());
                }
            }

            @Override
            public void onDisconnection(DisconnectionEvent event) {
                log.info("disconnected ({}): {}", event.error().kind(), event.error().getMessage());
                if (event.disconnectPacket() != null) {
                    log.info("the server sent {}", event.disconnectPacket().reasonCode());
                }
            }

            @Override
            public void onStopped(StoppedEvent event) {
                log.info("stopped");
            }
        };
        // snippet:end userguide-lifecycle-events

        // Nothing listens on this port: AttemptingConnect, ConnectionFailure, … until stop(), then Stopped.
        int closedPort = HiveMqBroker.freePort();
        try (Mqtt5Client nowhere = Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST, closedPort)
                .lifecycleEvents(lifecycleEvents).reconnectOptions(GuideFixtures.FAST_RECONNECT).build())) {
            nowhere.start();
            guideLog.await("WARN connection failed (CONNECTION_REFUSED): the connection to " + HOST + ":" + closedPort
                    + " was refused; check that a broker listens on that port");
            guideLog.await("INFO attempt 2");
            nowhere.stop();
            guideLog.await("INFO stopped");
        }

        // A second client with the same identifier takes the session over: the server disconnects the first.
        String clientId = "guide-events-" + UUID.randomUUID();
        Mqtt5Client first = fixtures.closing(Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST, brokerPort())
                .connectOptions(ConnectPacket.builder().clientId(clientId).keepAliveIntervalSeconds(45).build())
                .lifecycleEvents(lifecycleEvents).build()));
        first.start();
        guideLog.await("INFO connected as " + clientId + ", session present: false, keep alive 45 s, receive maximum");
        Mqtt5Client second = fixtures.closing(Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST, brokerPort())
                .connectOptions(ConnectPacket.builder().clientId(clientId).build()).build()));
        second.start();
        guideLog.await("INFO disconnected (SERVER_DISCONNECT): the server disconnected: SESSION_TAKEN_OVER");
        guideLog.await("INFO the server sent SESSION_TAKEN_OVER");
        first.stop(); // it waits long before reconnecting after a takeover; stop it there
        second.stop();
        GuideFixtures.awaitTrue(() -> guideLog.lines().stream().filter(l -> l.equals("INFO stopped")).count() == 2,
                Duration.ofSeconds(10), () -> "two Stopped events (the refused client's and the first's): "
                        + guideLog.lines());
    }

    // ==== Operations =======================================================================================

    @Test
    void subscribeCompletesWithTheSubAck() throws Exception {
        Logger log = guideLog.logger();
        Mqtt5Client client = connected("guide-subscribe");

        // snippet:start userguide-subscribe
        CompletableFuture<SubAckPacket> subscribeFuture = client.subscribe(SubscribePacket.builder()
                .subscription("hello/world/qos1", QoS.AT_LEAST_ONCE)
                .build());

        SubAckPacket suback = subscribeFuture.get(10, TimeUnit.SECONDS);
        if (suback.hasError()) {
            log.warn("subscription refused: {}", suback.reasonCodes());
        }

        // Messages matching these filters go to this callback instead of the client's onPublishReceived
        client.subscribe(SubscribePacket.of("sensors/+/temperature", QoS.AT_MOST_ONCE),
                event -> log.info("temperature {}", event.publishPacket().payloadAsString()))
                .get(10, TimeUnit.SECONDS);
        // snippet:end userguide-subscribe

        assertThat(suback.reasonCodes()).containsExactly(SubAckReasonCode.GRANTED_QOS_1);
        client.publish(PublishPacket.builder().topic("sensors/kitchen/temperature").payload("21.5").build());
        guideLog.await("INFO temperature 21.5");
        client.publish(PublishPacket.builder().topic("hello/world/qos1").payload("to the global callback")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        assertThat(nextMessage().publishPacket().payloadAsString()).isEqualTo("to the global callback");
        assertThat(inbox).isEmpty();
    }

    @Test
    void unsubscribeCompletesWithTheUnsubAck() throws Exception {
        Mqtt5Client client = connected("guide-unsubscribe");
        client.subscribe(SubscribePacket.of("hello/world/qos1", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        // snippet:start userguide-unsubscribe
        CompletableFuture<UnsubAckPacket> unsubscribeFuture = client.unsubscribe(UnsubscribePacket.of("hello/world/qos1"));

        UnsubAckPacket unsuback = unsubscribeFuture.get(10, TimeUnit.SECONDS);
        // snippet:end userguide-unsubscribe

        assertThat(unsuback.reasonCodes()).containsExactly(UnsubAckReasonCode.SUCCESS);
        PublishResult after = client.publish(PublishPacket.builder().topic("hello/world/qos1").payload("nobody")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        assertThat(after.pubAck().reasonCode()).isEqualTo(PubAckReasonCode.NO_MATCHING_SUBSCRIBERS);
        assertThat(after.isSuccess()).as("0x10 is not an error").isTrue();
        assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aQos1PublishCompletesWithThePubAck() throws Exception {
        Mqtt5Client client = connected("guide-qos1");
        client.subscribe(SubscribePacket.of("hello/world/qos1", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        // snippet:start userguide-publish-qos1
        CompletableFuture<PublishResult> publishFuture = client.publish(PublishPacket.builder()
                .topic("hello/world/qos1")
                .payload("This is the payload of a QoS 1 publish")
                .qos(QoS.AT_LEAST_ONCE)
                .build());

        // Completes when the PUBACK arrives; its reason code tells whether the server accepted the message
        PublishResult result = publishFuture.get(10, TimeUnit.SECONDS);
        PubAckPacket puback = result.pubAck();
        // snippet:end userguide-publish-qos1

        assertThat(puback.reasonCode()).isEqualTo(PubAckReasonCode.SUCCESS);
        assertThat(result.isSuccess()).isTrue();
        PublishReceivedEvent received = nextMessage();
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("This is the payload of a QoS 1 publish");
        assertThat(received.publishPacket().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
    }

    @Test
    void aQos0PublishCompletesOnceWritten() throws Exception {
        Mqtt5Client client = connected("guide-qos0");
        client.subscribe(SubscribePacket.of("hello/world/qos0", QoS.AT_MOST_ONCE)).get(10, TimeUnit.SECONDS);

        // snippet:start userguide-publish-qos0
        // QoS 0, the default: completes once the PUBLISH is written to the socket, with no packet to show
        PublishResult result = client.publish(PublishPacket.builder()
                .topic("hello/world/qos0")
                .payload("This is the payload of a QoS 0 publish")
                .build())
                .get(10, TimeUnit.SECONDS);
        // snippet:end userguide-publish-qos0

        assertThat(result.qos()).isEqualTo(QoS.AT_MOST_ONCE);
        assertThat(result.pubAck()).isNull();
        assertThat(result.isSuccess()).isTrue();
        assertThat(nextMessage().publishPacket().payloadAsString()).isEqualTo("This is the payload of a QoS 0 publish");
    }

    @Test
    void aQos2PublishCompletesWithThePubRecAndPubComp() throws Exception {
        Mqtt5Client client = connected("guide-qos2");
        client.subscribe(SubscribePacket.of("hello/world/qos2", QoS.EXACTLY_ONCE)).get(10, TimeUnit.SECONDS);

        // snippet:start userguide-publish-qos2
        // QoS 2: completes when the PUBCOMP arrives (or a PUBREC with an error code)
        PublishResult result = client.publish(PublishPacket.builder()
                .topic("hello/world/qos2")
                .payload("This is the payload of a QoS 2 publish")
                .qos(QoS.EXACTLY_ONCE)
                .build())
                .get(10, TimeUnit.SECONDS);
        PubRecPacket pubrec = result.pubRec();
        PubCompPacket pubcomp = result.pubComp();
        // snippet:end userguide-publish-qos2

        assertThat(result.isSuccess()).isTrue();
        assertThat(pubrec.reasonCode().isError()).isFalse();
        assertThat(pubcomp.reasonCode().isError()).isFalse();
        PublishReceivedEvent received = nextMessage();
        assertThat(received.publishPacket().qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).as("exactly once").isNull();
    }

    @Test
    void stopWithADisconnectPacketKeepsTheSessionOnTheServer() throws Exception {
        String clientId = "guide-disconnect-" + UUID.randomUUID();
        String topic = "guide/disconnect/" + UUID.randomUUID();
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client client = fixtures.closing(Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST, brokerPort())
                .connectOptions(ConnectPacket.builder().clientId(clientId).sessionExpiryIntervalSeconds(60L).build())
                .lifecycleEvents(events).build()));
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        // snippet:start userguide-disconnect
        // Sent before the socket closes: here, keep the session on the server for an hour
        client.stop(DisconnectPacket.builder()
                .reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION)
                .sessionExpiryIntervalSeconds(3600L)
                .build());
        // snippet:end userguide-disconnect

        events.await(StoppedEvent.class);
        Mqtt5Client publisher = connected("guide-disconnect-publisher");
        publisher.publish(PublishPacket.builder().topic(topic).payload("while you were away").qos(QoS.AT_LEAST_ONCE)
                .build()).get(10, TimeUnit.SECONDS);
        BlockingQueue<PublishReceivedEvent> resumed = new LinkedBlockingQueue<>();
        RecordingLifecycleEvents again = new RecordingLifecycleEvents();
        Mqtt5Client rejoining = fixtures.closing(Mqtt5Client.create(Mqtt5ClientOptions.builder(HOST, brokerPort())
                .connectOptions(ConnectPacket.builder().clientId(clientId).sessionExpiryIntervalSeconds(0L).build())
                .sessionBehavior(ClientSessionBehavior.REJOIN_ALWAYS)
                .lifecycleEvents(again)
                .onPublishReceived(resumed::add).build()));
        rejoining.start();
        assertThat(again.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15)).connAck().sessionPresent())
                .as("the server kept the session").isTrue();
        PublishReceivedEvent queued = resumed.poll(10, TimeUnit.SECONDS);
        assertThat(queued).as("the message queued in the kept session").isNotNull();
        assertThat(queued.publishPacket().payloadAsString()).isEqualTo("while you were away");
    }

    // ==== Threads ===========================================================================================

    @Test
    void aCallbackMayPublishAndWaitForTheAcknowledgement() throws Exception {
        Logger log = guideLog.logger();
        Mqtt5Client client = connected("guide-responder");

        // snippet:start userguide-blocking-callback
        // A responder that publishes the reply and waits for its PUBACK inside the callback: allowed in Tern
        client.subscribe(SubscribePacket.of("guide/requests", QoS.AT_LEAST_ONCE), event -> {
            PublishPacket request = event.publishPacket();
            PublishResult reply = client.publish(PublishPacket.builder()
                    .topic(request.responseTopic())
                    .correlationData(request.correlationData())
                    .payload("pong")
                    .qos(QoS.AT_LEAST_ONCE)
                    .build())
                    .join();
            log.info("replied, PUBACK {}", reply.pubAck().reasonCode());
        }).get(10, TimeUnit.SECONDS);
        // snippet:end userguide-blocking-callback

        Mqtt5Client requester = connected("guide-requester");
        String replies = "guide/replies/" + UUID.randomUUID();
        requester.subscribe(SubscribePacket.of(replies, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        byte[] correlation = "request-1".getBytes(StandardCharsets.UTF_8);
        requester.publish(PublishPacket.builder().topic("guide/requests").payload("ping").responseTopic(replies)
                .correlationData(correlation).qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        PublishReceivedEvent reply = nextMessage();
        assertThat(reply.publishPacket().payloadAsString()).isEqualTo("pong");
        assertThat(reply.publishPacket().correlationData()).isEqualTo(correlation);
        guideLog.await("INFO replied, PUBACK SUCCESS");
    }

    @Test
    void callbacksAndChainedStagesRunOnTheApplicationsExecutor() throws Exception {
        String host = HOST;
        int port = brokerPort();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService applicationExecutor = Executors.newFixedThreadPool(4,
                r -> new Thread(r, "app-" + threads.incrementAndGet()));
        fixtures.closing((AutoCloseable) applicationExecutor::shutdownNow);

        // snippet:start userguide-executors
        Mqtt5ClientOptions options = Mqtt5ClientOptions.builder(host, port)
                .callbackExecutor(applicationExecutor)    // lifecycle events and messages: one at a time, in order
                .completionExecutor(applicationExecutor)  // what you chain to the futures: thenApply, whenComplete, …
                .build();
        // snippet:end userguide-executors

        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        BlockingQueue<String> callbackThreads = new LinkedBlockingQueue<>();
        Mqtt5Client client = fixtures.closing(Mqtt5Client.create(options.toBuilder().lifecycleEvents(events)
                .onPublishReceived(event -> callbackThreads.add(Thread.currentThread().getName())).build()));
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        String topic = "guide/executors/" + UUID.randomUUID();
        String chainedOn = client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE))
                .thenApply(suback -> Thread.currentThread().getName())
                .get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(topic).payload("x").build());
        assertThat(callbackThreads.poll(10, TimeUnit.SECONDS)).startsWith("app-");
        assertThat(chainedOn).startsWith("app-");
        assertThat(events.threads()).allMatch(t -> t.startsWith("app-"));
    }

    // ==== Sessions and the offline queue ===================================================================

    @Test
    void operationsWaitOrFailWhileNotConnectedAsTheOfflineQueueBehaviourSays() throws Exception {
        String host = HOST;
        int port = brokerPort();
        Logger log = guideLog.logger();
        Mqtt5Client subscriber = connected("guide-sessions-subscriber");
        subscriber.subscribe(SubscribePacket.of("guide/sessions", QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        // snippet:start userguide-sessions
        Mqtt5ClientOptions options = Mqtt5ClientOptions.builder(host, port)
                .connectOptions(ConnectPacket.builder()
                        .clientId("guide-sessions")           // the session belongs to this identifier
                        .sessionExpiryIntervalSeconds(3600L)  // kept by the server for an hour after a disconnection
                        .build())
                .sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .offlineQueueBehavior(OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT)
                .maxQueuedOperations(10_000)
                .onResubscribe(event -> log.info("resubscribed after the session was lost: {}", event))
                .build();
        Mqtt5Client client = Mqtt5Client.create(options);

        // Not connected yet: this QoS 1 publish waits in the offline queue, and is sent once connected …
        CompletableFuture<PublishResult> queued = client.publish(PublishPacket.builder()
                .topic("guide/sessions").payload("sent once connected").qos(QoS.AT_LEAST_ONCE).build());
        // … while this QoS 0 publish fails at once with NOT_CONNECTED under this behaviour
        CompletableFuture<PublishResult> failed = client.publish(PublishPacket.builder()
                .topic("guide/sessions").payload("never sent").build());

        client.start();
        // snippet:end userguide-sessions
        fixtures.closing(client);

        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(Mqtt5Exception.class)
                .hasMessage("the client is not connected, and FAIL_QOS0_PUBLISH_ON_DISCONNECT does not keep"
                        + " QoS 0 publishes until it is")
                .extracting(e -> ((Mqtt5Exception) e).kind()).isEqualTo(ErrorKind.NOT_CONNECTED);
        assertThat(queued.get(15, TimeUnit.SECONDS).pubAck().reasonCode()).isEqualTo(PubAckReasonCode.SUCCESS);
        assertThat(nextMessage().publishPacket().payloadAsString()).isEqualTo("sent once connected");
        assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).isNull();
        client.stop(DisconnectPacket.builder().sessionExpiryIntervalSeconds(0L).build());
    }

    // ==== Tuning =============================================================================================

    @Test
    void timeoutsBackoffAliasesAndLimitsAreOptions() throws Exception {
        String host = HOST;
        int port = brokerPort();

        // snippet:start userguide-tuning
        Mqtt5ClientOptions options = Mqtt5ClientOptions.builder(host, port)
                .connectOptions(ConnectPacket.builder()
                        .clientId("guide-tuning")
                        .keepAliveIntervalSeconds(30)    // PINGREQ after 30 s without sending anything
                        .receiveMaximum(32)              // QoS 1 and 2 messages the server may have unacknowledged
                        .maximumPacketSize(256L * 1024)  // the largest packet the client accepts
                        .topicAliasMaximum(16)           // topic aliases the server may use towards the client
                        .build())
                .connectTimeout(Duration.ofSeconds(5))   // TCP, proxy, TLS and WebSocket set-up
                .connAckTimeout(Duration.ofSeconds(10))  // CONNECT sent → CONNACK
                .pingTimeout(Duration.ofSeconds(10))     // PINGREQ sent → PINGRESP, or the connection is dead
                .ackTimeout(Duration.ofSeconds(30))      // PUBLISH, SUBSCRIBE or UNSUBSCRIBE sent → its acknowledgement
                .reconnectOptions(ReconnectOptions.builder()
                        .minDelay(Duration.ofMillis(500))
                        .maxDelay(Duration.ofSeconds(60))
                        .jitter(JitterMode.FULL)
                        .resetAfter(Duration.ofSeconds(30))  // a connection that lasted this long resets the backoff
                        .build())
                .topicAliasing(TopicAliasingOptions.lru(8))  // replace repeated topic names by two-byte aliases
                .maxConnectionAge(Duration.ofHours(12))      // replace each connection with a fresh one after 12 h
                .build();
        // snippet:end userguide-tuning

        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client client = fixtures.closing(Mqtt5Client.create(options.toBuilder().lifecycleEvents(events)
                .onPublishReceived(inbox::add).build()));
        client.start();
        NegotiatedSettings settings = events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15))
                .negotiatedSettings();
        assertThat(settings.receiveMaximumFromClient()).isEqualTo(32);
        assertThat(settings.maximumPacketSizeToClient()).isEqualTo(256L * 1024);
        assertThat(settings.topicAliasMaximumToClient()).isEqualTo(16);
        assertThat(settings.serverKeepAliveSeconds()).isEqualTo(30);
        assertThat(settings.topicAliasMaximumToServer()).as("HiveMQ offers aliases").isPositive();

        String topic = "guide/tuning/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            client.publish(PublishPacket.builder().topic(topic).payload("m" + i).qos(QoS.AT_LEAST_ONCE).build())
                    .get(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 5; i++) {
            PublishPacket received = nextMessage().publishPacket();
            assertThat(received.topic()).as("aliased on the way out, the topic name on the way in").isEqualTo(topic);
            assertThat(received.payloadAsString()).isEqualTo("m" + i);
        }
        assertThat(List.of(options.connectTimeout(), options.connAckTimeout(), options.pingTimeout(),
                options.ackTimeout(), options.maxConnectionAge())).containsExactly(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(12));
    }
}
