package dev.tern.benchmarks.harness;

import dev.tern.mqtt5.ClientSessionBehavior;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.StoppedEvent;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tern through its public API only: {@link Mqtt5Client}, {@link Mqtt5ClientOptions}, the packet builders.
 *
 * <p>A minimal stand-in written with the peer adapters (the harness branch has its own); it uses Tern's
 * defaults: the shared event loop group, the default callback and completion executors. The payload is
 * copied by {@code PublishPacket.Builder.payload(byte[])}, the only public way in.
 */
public final class TernBenchClient implements BenchClient {

    private final CompletableFuture<Integer> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Mqtt5Client client;
    private volatile int serverReceiveMaximum = 65_535;
    private volatile boolean closed;

    @Override
    public String name() {
        return "tern";
    }

    @Override
    public void connect(String host, int port, String clientId, Duration timeout) throws Exception {
        Mqtt5ClientOptions options = Mqtt5ClientOptions.builder(host, port)
                .connectOptions(ConnectPacket.builder()
                        .clientId(clientId)
                        .keepAliveIntervalSeconds(60)
                        .receiveMaximum(65_535)
                        .build())
                .sessionBehavior(ClientSessionBehavior.CLEAN)
                .connAckTimeout(timeout)
                .lifecycleEvents(new LifecycleEvents() {
                    @Override
                    public void onConnectionSuccess(ConnectionSuccessEvent event) {
                        connected.complete(event.negotiatedSettings().receiveMaximumFromServer());
                    }

                    @Override
                    public void onConnectionFailure(ConnectionFailureEvent event) {
                        connected.completeExceptionally(event.error());
                    }

                    @Override
                    public void onStopped(StoppedEvent event) {
                        stopped.complete(null);
                    }
                })
                .build();
        Mqtt5Client c = Mqtt5Client.create(options);
        client = c;
        try {
            c.start();
            serverReceiveMaximum = connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    @Override
    public int serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    @Override
    public void subscribe(String topicFilter, int qos, MessageHandler handler, Duration timeout) throws Exception {
        SubAckPacket subAck = client.subscribe(SubscribePacket.builder().subscription(topicFilter, qos(qos)).build(),
                        event -> handler.onMessage(event.publishPacket().payload()))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (subAck.hasError()) {
            throw new IllegalStateException("SUBACK refused " + topicFilter + ": " + subAck.reasonCodes());
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Completion done) {
        client.publish(PublishPacket.builder().topic(topic).payload(payload).qos(qos(qos)).build())
                .whenComplete((result, error) -> done.completed(error != null ? error
                        : result.isSuccess() ? null : new IllegalStateException("publish refused: " + result)));
    }

    @Override
    public void disconnect(Duration timeout) throws Exception {
        Mqtt5Client c = client;
        if (c != null && !stopped.isDone()) {
            c.stop();
            stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Mqtt5Client c = client;
        if (c != null) {
            c.close();
        }
    }

    private static QoS qos(int qos) {
        switch (qos) {
            case 0:
                return QoS.AT_MOST_ONCE;
            case 1:
                return QoS.AT_LEAST_ONCE;
            case 2:
                return QoS.EXACTLY_ONCE;
            default:
                throw new IllegalArgumentException("QoS " + qos);
        }
    }
}
