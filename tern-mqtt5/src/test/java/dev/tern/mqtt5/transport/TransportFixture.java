package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients over a transport, and the round trip that proves the transport carries MQTT both ways. */
final class TransportFixture implements AutoCloseable {

    private final List<Mqtt5Client> clients = new ArrayList<>();

    /** A client for {@code host:port} with {@code customize} applied, not started. */
    Mqtt5Client client(String host, int port, RecordingLifecycleEvents events, BlockingQueue<PublishReceivedEvent> inbox,
            UnaryOperator<Mqtt5ClientOptions.Builder> customize) {
        Mqtt5ClientOptions.Builder builder = Mqtt5ClientOptions.builder(host, port)
                .connectOptions(ConnectPacket.builder().clientId("transport-" + UUID.randomUUID()).build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(200))
                        .maxDelay(Duration.ofSeconds(2)).jitter(JitterMode.NONE).build())
                .lifecycleEvents(events)
                .onPublishReceived(inbox::add);
        Mqtt5Client client = Mqtt5Client.create(customize.apply(builder).build());
        clients.add(client);
        return client;
    }

    /** Connects, subscribes, publishes at QoS 1 and receives the message back. */
    void assertRoundTrip(String host, int port, UnaryOperator<Mqtt5ClientOptions.Builder> customize) throws Exception {
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = client(host, port, events, inbox, customize);
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        String topic = "transport/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(topic).payload("through the transport").qos(QoS.AT_LEAST_ONCE)
                .build()).get(10, TimeUnit.SECONDS);
        PublishReceivedEvent received = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("the message back through the transport").isNotNull();
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("through the transport");
    }

    /** Starts a client that must fail to connect, and returns the first failure. */
    ConnectionFailureEvent firstFailure(String host, int port, UnaryOperator<Mqtt5ClientOptions.Builder> customize) {
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        Mqtt5Client client = client(host, port, events, new LinkedBlockingQueue<>(), customize);
        client.start();
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class, Duration.ofSeconds(15));
        client.stop();
        return failure;
    }

    @Override
    public void close() {
        clients.forEach(Mqtt5Client::close);
    }
}
