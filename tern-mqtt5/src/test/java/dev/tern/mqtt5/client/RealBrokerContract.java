package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.TopicAliasingOptions;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PubAckReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.Subscription;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.packets.UserProperty;
import dev.tern.mqtt5.packets.WillMessage;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the client must do with any real MQTT 5 broker. Subclasses name the broker; every test uses its
 * own client identifiers and topics, so the broker can be shared.
 */
abstract class RealBrokerContract {

    private final List<Mqtt5Client> clients = new ArrayList<>();
    private final String prefix = "tern/" + UUID.randomUUID().toString().substring(0, 8);

    abstract String host();

    abstract int port();

    @AfterEach
    void closeClients() {
        clients.forEach(Mqtt5Client::close);
    }

    /** A started, connected client; messages it receives land in {@code inbox}. */
    Mqtt5Client connected(String name, BlockingQueue<PublishReceivedEvent> inbox,
            UnaryOperator<Mqtt5ClientOptions.Builder> customize) {
        return connected(name, inbox, new RecordingLifecycleEvents(), customize);
    }

    /** As above, recording the lifecycle events in {@code events} (do not set them again in customize). */
    Mqtt5Client connected(String name, BlockingQueue<PublishReceivedEvent> inbox, RecordingLifecycleEvents events,
            UnaryOperator<Mqtt5ClientOptions.Builder> customize) {
        Mqtt5ClientOptions.Builder builder = Mqtt5ClientOptions.builder(host(), port())
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-" + name).build())
                .lifecycleEvents(events)
                .onPublishReceived(inbox == null ? null : inbox::add);
        Mqtt5Client client = Mqtt5Client.create(customize.apply(builder).build());
        clients.add(client);
        client.start();
        events.await(ConnectionSuccessEvent.class);
        return client;
    }

    Mqtt5Client connected(String name, BlockingQueue<PublishReceivedEvent> inbox) {
        return connected(name, inbox, b -> b);
    }

    String topic(String suffix) {
        return prefix + "/" + suffix;
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static PublishReceivedEvent next(BlockingQueue<PublishReceivedEvent> inbox) throws InterruptedException {
        PublishReceivedEvent event = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("a message within 10 s").isNotNull();
        return event;
    }

    @Test
    void theGuidesFlowSubscribePublishReceiveUnsubscribe() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = connected("guide", inbox);
        String topic = topic("hello/world/qos1");
        SubAckPacket subAck = await(client.subscribe(SubscribePacket.builder()
                .subscription(topic, QoS.AT_LEAST_ONCE).build()));
        assertThat(subAck.reasonCodes()).containsExactly(SubAckReasonCode.GRANTED_QOS_1);
        PublishResult result = await(client.publish(PublishPacket.builder().topic(topic)
                .payload("This is the payload of a QoS 1 publish").qos(QoS.AT_LEAST_ONCE).build()));
        assertThat(result.pubAck().reasonCode()).isEqualTo(PubAckReasonCode.SUCCESS);
        PublishReceivedEvent received = next(inbox);
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("This is the payload of a QoS 1 publish");
        assertThat(received.publishPacket().qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        UnsubAckPacket unsubAck = await(client.unsubscribe(UnsubscribePacket.of(topic)));
        assertThat(unsubAck.hasError()).isFalse();
        await(client.publish(PublishPacket.builder().topic(topic).payload("after").qos(QoS.AT_LEAST_ONCE).build()));
        assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).as("no delivery after unsubscribe").isNull();
    }

    @Test
    void everyQosArrivesAtTheQosItWasSentAndSubscribedWith() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client subscriber = connected("qos-sub", inbox);
        Mqtt5Client publisher = connected("qos-pub", null);
        await(subscriber.subscribe(SubscribePacket.of(topic("qos/#"), QoS.EXACTLY_ONCE)));
        for (QoS qos : QoS.values()) {
            PublishResult result = await(publisher.publish(PublishPacket.builder().topic(topic("qos/" + qos.code()))
                    .payload(qos.name()).qos(qos).build()));
            assertThat(result.qos()).isEqualTo(qos);
            assertThat(result.isSuccess()).isTrue();
            PublishPacket received = next(inbox).publishPacket();
            assertThat(received.qos()).isEqualTo(qos);
            assertThat(received.payloadAsString()).isEqualTo(qos.name());
        }
        assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).as("QoS 2 arrives exactly once").isNull();
    }

    @Test
    void propertiesSurviveTheTripThroughTheBroker() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = connected("props", inbox);
        await(client.subscribe(SubscribePacket.builder().subscription(topic("props"), QoS.AT_LEAST_ONCE)
                .subscriptionIdentifier(77).build()));
        PublishPacket sent = PublishPacket.builder().topic(topic("props")).payload("{\"t\":21.5}")
                .qos(QoS.AT_LEAST_ONCE).contentType("application/json").responseTopic(topic("reply"))
                .correlationData(new byte[] {1, 2, 3}).messageExpiryIntervalSeconds(300L)
                .userProperty("site", "plant-7").userProperty("site", "plant-8").userProperty("ü", "€").build();
        await(client.publish(sent));
        PublishPacket received = next(inbox).publishPacket();
        assertThat(received.contentType()).isEqualTo("application/json");
        assertThat(received.responseTopic()).isEqualTo(topic("reply"));
        assertThat(received.correlationData()).containsExactly(1, 2, 3);
        assertThat(received.userProperties()).containsExactly(UserProperty.of("site", "plant-7"),
                UserProperty.of("site", "plant-8"), UserProperty.of("ü", "€"));
        assertThat(received.subscriptionIdentifiers()).containsExactly(77);
        assertThat(received.messageExpiryIntervalSeconds()).isBetween(1L, 300L);
    }

    @Test
    void aRetainedMessageIsDeliveredToANewSubscriber() throws Exception {
        Mqtt5Client publisher = connected("retain-pub", null);
        await(publisher.publish(PublishPacket.builder().topic(topic("retained")).payload("last known")
                .qos(QoS.AT_LEAST_ONCE).retain(true).build()));
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client subscriber = connected("retain-sub", inbox);
        await(subscriber.subscribe(SubscribePacket.of(topic("retained"), QoS.AT_LEAST_ONCE)));
        PublishPacket received = next(inbox).publishPacket();
        assertThat(received.payloadAsString()).isEqualTo("last known");
        assertThat(received.retain()).isTrue();
        await(publisher.publish(PublishPacket.builder().topic(topic("retained")).retain(true)
                .qos(QoS.AT_LEAST_ONCE).build())); // clear it
    }

    @Test
    void aRejoinedSessionDeliversWhatArrivedWhileTheClientWasStopped() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client durable = connected("durable", inbox, events, b -> b
                .sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-durable")
                        .sessionExpiryIntervalSeconds(60L).build()));
        await(durable.subscribe(SubscribePacket.of(topic("durable"), QoS.AT_LEAST_ONCE)));
        durable.stop(DisconnectPacket.builder().reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION)
                .sessionExpiryIntervalSeconds(60L).build());
        events.await(StoppedEvent.class);

        Mqtt5Client publisher = connected("durable-pub", null);
        for (int i = 0; i < 5; i++) {
            await(publisher.publish(PublishPacket.builder().topic(topic("durable")).payload("m" + i)
                    .qos(QoS.AT_LEAST_ONCE).build()));
        }
        durable.start();
        assertThat(events.await(ConnectionSuccessEvent.class).negotiatedSettings().rejoinedSession()).isTrue();
        Set<String> payloads = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            payloads.add(next(inbox).publishPacket().payloadAsString());
        }
        assertThat(payloads).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void theWillIsPublishedWhenTheClientStopsWithDisconnectWithWillMessage() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client watcher = connected("will-watch", inbox);
        await(watcher.subscribe(SubscribePacket.of(topic("status"), QoS.AT_LEAST_ONCE)));
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client device = connected("will-device", null, events, b -> b
                .connectOptions(ConnectPacket.builder().clientId(prefix.replace('/', '-') + "-will")
                        .will(WillMessage.builder().topic(topic("status")).payload("offline")
                                .qos(QoS.AT_LEAST_ONCE).build()).build()));
        device.stop(DisconnectPacket.of(DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE));
        events.await(StoppedEvent.class);
        assertThat(next(inbox).publishPacket().payloadAsString()).isEqualTo("offline");
    }

    @Test
    void lruTopicAliasesWorkWithTheBrokersTopicAliasMaximum() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client subscriber = connected("alias-sub", inbox);
        await(subscriber.subscribe(SubscribePacket.of(topic("alias/#"), QoS.AT_LEAST_ONCE)));
        Mqtt5Client publisher = connected("alias-pub", null, b -> b.topicAliasing(TopicAliasingOptions.lru(3)));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String t = topic("alias/" + (i % 5));
            sent.add(t);
            await(publisher.publish(PublishPacket.builder().topic(t).payload(Integer.toString(i))
                    .qos(QoS.AT_LEAST_ONCE).build()));
        }
        for (int i = 0; i < 30; i++) {
            PublishPacket received = next(inbox).publishPacket();
            assertThat(received.topic()).isEqualTo(sent.get(Integer.parseInt(received.payloadAsString())));
        }
    }

    @Test
    void aOneMegabytePayloadArrivesIntact() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = connected("big", inbox);
        await(client.subscribe(SubscribePacket.of(topic("big"), QoS.AT_LEAST_ONCE)));
        byte[] payload = new byte[1 << 20];
        new java.util.Random(7).nextBytes(payload);
        await(client.publish(PublishPacket.builder().topic(topic("big")).payload(payload).qos(QoS.AT_LEAST_ONCE).build()));
        assertThat(next(inbox).publishPacket().payloadAsBytes()).isEqualTo(payload);
    }

    @Test
    void tenThousandQos1MessagesAllArriveAndAllFuturesComplete() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = connected("bulk", inbox);
        await(client.subscribe(SubscribePacket.of(topic("bulk"), QoS.AT_LEAST_ONCE)));
        int count = 10_000;
        List<CompletableFuture<PublishResult>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(client.publish(PublishPacket.builder().topic(topic("bulk"))
                    .payload(Integer.toString(i).getBytes(StandardCharsets.UTF_8)).qos(QoS.AT_LEAST_ONCE).build()));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen.size() < count && System.nanoTime() < deadline) {
            PublishReceivedEvent event = inbox.poll(1, TimeUnit.SECONDS);
            if (event != null) {
                seen.add(event.publishPacket().payloadAsString());
            }
        }
        assertThat(seen).hasSize(count);
        assertThat(client.operationStatistics().incompleteOperationCount()).isZero();
    }

    @Test
    void sharedSubscriptionsSplitTheMessagesBetweenMembers() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client a = connected("share-a", inbox);
        Mqtt5Client b = connected("share-b", inbox);
        String filter = "$share/group/" + topic("shared");
        assertThat(await(a.subscribe(SubscribePacket.of(filter, QoS.AT_LEAST_ONCE))).hasError()).isFalse();
        assertThat(await(b.subscribe(SubscribePacket.of(filter, QoS.AT_LEAST_ONCE))).hasError()).isFalse();
        Mqtt5Client publisher = connected("share-pub", null);
        for (int i = 0; i < 20; i++) {
            await(publisher.publish(PublishPacket.builder().topic(topic("shared")).payload("s" + i)
                    .qos(QoS.AT_LEAST_ONCE).build()));
        }
        Set<String> payloads = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            payloads.add(next(inbox).publishPacket().payloadAsString());
        }
        assertThat(payloads).hasSize(20);
        assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).as("each message to one member only").isNull();
    }

    @Test
    void subscriptionOptionsNoLocalIsHonoured() throws Exception {
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = connected("nolocal", inbox);
        await(client.subscribe(SubscribePacket.builder().subscription(Subscription.builder()
                .topicFilter(topic("nolocal")).qos(QoS.AT_LEAST_ONCE).noLocal(true).build()).build()));
        await(client.publish(PublishPacket.builder().topic(topic("nolocal")).payload("mine").qos(QoS.AT_LEAST_ONCE).build()));
        assertThat(inbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
}
