package dev.tern.mqtt5.client;

import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.packets.ConnAckPacket;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.testing.PeerConnection;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.ScriptedServer;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A client wired to a scripted server, with recorded events and received messages. */
final class ScriptedClientFixture implements AutoCloseable {

    final ScriptedServer server = ScriptedServer.start();
    final RecordingLifecycleEvents events = new RecordingLifecycleEvents();
    final BlockingQueue<PublishReceivedEvent> received = new LinkedBlockingQueue<>();
    final Mqtt5Client client;

    ScriptedClientFixture(UnaryOperator<Mqtt5ClientOptions.Builder> customize) {
        Mqtt5ClientOptions.Builder builder = Mqtt5ClientOptions.builder("127.0.0.1", server.port())
                .connectOptions(ConnectPacket.builder().clientId("scripted").keepAliveIntervalSeconds(0).build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(20))
                        .maxDelay(Duration.ofMillis(100)).jitter(JitterMode.NONE).build())
                .lifecycleEvents(events)
                .onPublishReceived(received::add);
        client = Mqtt5Client.create(customize.apply(builder).build());
    }

    ScriptedClientFixture() {
        this(b -> b);
    }

    /** Starts the client and completes the handshake with {@code connAck}. */
    PeerConnection connect(ConnAckPacket connAck) {
        client.start();
        PeerConnection peer = server.accept();
        peer.handshake(connAck);
        events.await(ConnectionSuccessEvent.class);
        return peer;
    }

    PeerConnection connect() {
        return connect(ConnAckPacket.builder().build());
    }

    PublishReceivedEvent nextMessage() {
        try {
            PublishReceivedEvent event = received.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no message within 10 s");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
