package dev.tern.benchmarks.harness;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tern as an ordinary user configures it: {@link Mqtt5Client} with default options (the shared event loop
 * group, the default callback and completion executors, no topic aliases), lifecycle events to learn when
 * the connection is up, a per-subscription callback, and {@code whenComplete} on the publish future.
 */
public final class TernBenchClient implements BenchClient {

    private final CompletableFuture<ConnectionSuccessEvent> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Mqtt5Client client;
    private volatile int receiveMaximum = 65_535;

    @Override
    public String name() {
        return "tern";
    }

    @Override
    public void connect(String host, int port, String clientId, Duration timeout) throws Exception {
        if (client != null) {
            throw new IllegalStateException("already connected");
        }
        Mqtt5ClientOptions options = Mqtt5ClientOptions.builder(host, port)
                .connectOptions(ConnectPacket.builder().clientId(clientId).cleanStart(true)
                        .keepAliveIntervalSeconds(60).build())
                .lifecycleEvents(new LifecycleEvents() {
                    @Override
                    public void onConnectionSuccess(ConnectionSuccessEvent event) {
                        connected.complete(event);
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
        c.start();
        try {
            ConnectionSuccessEvent success = connected.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            receiveMaximum = success.negotiatedSettings().receiveMaximumFromServer();
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        } catch (TimeoutException e) {
            close();
            throw new TimeoutException("no CONNACK within " + timeout);
        }
    }

    @Override
    public int serverReceiveMaximum() {
        return receiveMaximum;
    }

    @Override
    public void subscribe(String topicFilter, int qos, MessageHandler handler, Duration timeout) throws Exception {
        SubAckPacket subAck = client.subscribe(SubscribePacket.of(topicFilter, QoS.fromCode(qos)),
                event -> handler.onMessage(event.publishPacket().payload()))
                .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (subAck.hasError()) {
            throw new IllegalStateException("subscription refused: " + subAck);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Completion done) {
        // The harness never changes a payload array it has handed over, so no copy is needed (the HiveMQ and
        // Paho adapters pass theirs without copying too).
        PublishPacket packet = PublishPacket.builder().topic(topic).payloadWithoutCopy(payload)
                .qos(QoS.fromCode(qos)).build();
        client.publish(packet).whenComplete((result, error) -> {
            if (error != null) {
                done.completed(error);
            } else if (!result.isSuccess()) {
                done.completed(new IllegalStateException("publish refused: " + result));
            } else {
                done.completed(null);
            }
        });
    }

    @Override
    public void disconnect(Duration timeout) throws Exception {
        Mqtt5Client c = client;
        if (c == null) {
            return;
        }
        c.stop();
        stopped.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        Mqtt5Client c = client;
        if (c != null) {
            c.close();
        }
    }
}
