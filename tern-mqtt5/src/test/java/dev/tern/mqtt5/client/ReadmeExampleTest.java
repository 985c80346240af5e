package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.OfflineQueueBehavior;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.UnsubAckPacket;
import dev.tern.mqtt5.packets.UnsubscribePacket;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.ReadmeSnippets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java example runs as written (against the embedded broker), and the README shows exactly
 * the code below: the snippet between the markers is compared with the README's code block.
 */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsAsWritten() throws Exception {
        String host = "127.0.0.1";
        int port = HiveMqBroker.get().port();
        List<String> printed = new CopyOnWriteArrayList<>();
        LifecycleEvents myLifecycleEvents = new LifecycleEvents() {
            @Override
            public void onConnectionSuccess(ConnectionSuccessEvent event) {
                printed.add("connected");
            }

            @Override
            public void onDisconnection(DisconnectionEvent event) {
                printed.add("disconnected: " + event.error().kind());
            }

            @Override
            public void onStopped(StoppedEvent event) {
                printed.add("stopped");
            }
        };

        // snippet:start guide-operations
        Mqtt5ClientOptions options = Mqtt5ClientOptions.builder(host, port)
                .connectOptions(ConnectPacket.builder().clientId("sensor-1").keepAliveIntervalSeconds(60)
                        .sessionExpiryIntervalSeconds(300L).build())
                .sessionBehavior(ClientSessionBehavior.REJOIN_POST_SUCCESS)
                .offlineQueueBehavior(OfflineQueueBehavior.FAIL_QOS0_PUBLISH_ON_DISCONNECT)
                .lifecycleEvents(myLifecycleEvents)
                .onPublishReceived(event -> System.out.println("received: " + event.publishPacket().payloadAsString()))
                .build();

        try (Mqtt5Client client = Mqtt5Client.create(options)) {
            client.start();

            SubAckPacket suback = client.subscribe(SubscribePacket.builder()
                    .subscription("hello/world/qos1", QoS.AT_LEAST_ONCE).build()).get();

            PublishResult result = client.publish(PublishPacket.builder()
                    .topic("hello/world/qos1").payload("This is the payload of a QoS 1 publish")
                    .qos(QoS.AT_LEAST_ONCE).build()).get();
            PubAckPacket puback = result.pubAck();

            UnsubAckPacket unsuback = client.unsubscribe(UnsubscribePacket.of("hello/world/qos1")).get();

            client.stop(DisconnectPacket.builder()
                    .reasonCode(DisconnectReasonCode.NORMAL_DISCONNECTION)
                    .sessionExpiryIntervalSeconds(3600L).build());
            // snippet:end guide-operations
            assertThat(suback.hasError()).isFalse();
            assertThat(puback.reasonCode().isError()).isFalse();
            assertThat(unsuback.hasError()).isFalse();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!printed.contains("stopped") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(printed).containsExactly("connected", "disconnected: CLIENT_STOPPED", "stopped");
    }

    @Test
    void theReadmeShowsExactlyTheCodeThatRuns() {
        // The snippet ends inside the try block (the assertions need its variables); README closes it.
        assertThat(ReadmeSnippets.shows(ReadmeSnippets.readme("guide-operations"), ReadmeSnippets.source(
                Path.of("src/test/java/dev/tern/mqtt5/client/ReadmeExampleTest.java"), "guide-operations")))
                .as("README's guide-operations block is this test's snippet plus the closing brace").isTrue();
    }
}
