package dev.tern.benchmarks.harness;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttTopic;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The HiveMQ MQTT Client (com.hivemq:hivemq-mqtt-client) through its {@link Mqtt5AsyncClient}.
 *
 * <p>Threads: none of its own. The library runs every client on one process-wide Netty event loop group
 * ({@code com.hivemq.client.mqtt-*}, non-daemon), reference counted: created with the first connection,
 * shut down (no quiet period) when the last client disconnects. Futures and subscription callbacks are
 * delivered on RxJava's computation scheduler (daemon threads, shared), the library's default.
 *
 * <p>Flow control: the library's defaults, which already ask for the most: Receive Maximum and Send Maximum
 * 65,535, so the server's Receive Maximum bounds QoS 1 publishes in flight and the rest queue inside the
 * client. The payload array is wrapped, not copied; the topic is parsed once and reused while it does not
 * change. QoS 0 completes when the library completes the future (after the PUBLISH was written).
 *
 * <p>Subscriptions: what {@code subscribeWith().callback(...)} does (the publishes flow of the subscription,
 * delivered on the application scheduler), but through {@code toRx().subscribePublishes} so that close()
 * can cancel the flow. The library keeps its shared event loop acquired as long as a subscription's flow
 * is open, and in 1.3.10 a DISCONNECT does not end it: with the plain async callback the non-daemon
 * {@code com.hivemq.client.mqtt-*} thread outlives every client.
 *
 * <p>The async API rather than the reactive one: the harness publishes one message at a time against its own
 * window, which is what a {@code CompletableFuture} per publish models; a reactive {@code Flowable} of
 * publishes would let the library pace the stream, which the other clients cannot do.
 */
public final class HiveMqBenchClient implements BenchClient {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private volatile Mqtt5AsyncClient client;
    private volatile int serverReceiveMaximum = 65_535;
    private volatile boolean closed;
    private final Queue<Subscription> flows = new ConcurrentLinkedQueue<>();
    // Touched by the harness's driver thread only.
    private String lastTopic;
    private MqttTopic lastMqttTopic;

    @Override
    public String name() {
        return "hivemq";
    }

    @Override
    public void connect(String host, int port, String clientId, Duration timeout) throws Exception {
        Mqtt5AsyncClient c = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost(host)
                .serverPort(port)
                .buildAsync();
        client = c;
        try {
            Mqtt5ConnAck connAck = c.connectWith()
                    .cleanStart(true)
                    .keepAlive(60)
                    .noSessionExpiry()
                    .send()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            serverReceiveMaximum = connAck.getRestrictions().getReceiveMaximum();
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
        Mqtt5Subscribe subscribe = Mqtt5Subscribe.builder().topicFilter(topicFilter).qos(qos(qos)).build();
        Mqtt5SubAck subAck = client.toRx().subscribePublishes(subscribe)
                .subscribeSingleFuture(new Subscriber<Mqtt5Publish>() {
                    @Override
                    public void onSubscribe(Subscription subscription) {
                        flows.add(subscription);
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(Mqtt5Publish publish) {
                        handler.onMessage(publish.getPayload().orElse(EMPTY));
                    }

                    @Override
                    public void onError(Throwable error) {
                    }

                    @Override
                    public void onComplete() {
                    }
                })
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (Mqtt5SubAckReasonCode code : subAck.getReasonCodes()) {
            if (code.isError()) {
                throw new IllegalStateException("SUBACK refused " + topicFilter + ": " + code);
            }
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, Completion done) {
        MqttTopic mqttTopic;
        if (topic.equals(lastTopic)) {
            mqttTopic = lastMqttTopic;
        } else {
            mqttTopic = MqttTopic.of(topic);
            lastTopic = topic;
            lastMqttTopic = mqttTopic;
        }
        client.publishWith()
                .topic(mqttTopic)
                .payload(payload)
                .qos(qos(qos))
                .send()
                .whenComplete((result, error) -> done.completed(error != null ? error : errorOf(result)));
    }

    private static Throwable errorOf(Mqtt5PublishResult result) {
        // A PUBACK with an error reason code is reported here (Mqtt5PubAckException), not as a failed future.
        return result.getError().orElse(null);
    }

    @Override
    public void disconnect(Duration timeout) throws Exception {
        Mqtt5AsyncClient c = client;
        if (c != null && c.getState().isConnected()) {
            c.disconnect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Mqtt5AsyncClient c = client;
        if (c != null && c.getState().isConnectedOrReconnect()) {
            try {
                c.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
        }
        // Releases the library's event loop, which an open subscription flow would keep (see above).
        for (Subscription flow; (flow = flows.poll()) != null; ) {
            flow.cancel();
        }
    }

    private static MqttQos qos(int qos) {
        switch (qos) {
            case 0:
                return MqttQos.AT_MOST_ONCE;
            case 1:
                return MqttQos.AT_LEAST_ONCE;
            case 2:
                return MqttQos.EXACTLY_ONCE;
            default:
                throw new IllegalArgumentException("QoS " + qos);
        }
    }
}
