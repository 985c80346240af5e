package dev.tern.mqtt5.docs;

import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.aws.testing.IotGateway;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the user-guide tests share: closing what they open, pointing a client built by a guide snippet at
 * the local {@link IotGateway}, and the round trip that proves a client really works.
 */
final class GuideFixtures implements AutoCloseable {

    /** Quick retries, so that a refused first attempt does not hold a test for seconds. */
    static final ReconnectOptions FAST_RECONNECT = ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(500)).jitter(JitterMode.NONE).build();

    private final List<AutoCloseable> resources = new ArrayList<>();

    <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        resources.clear();
        if (first != null) {
            throw first;
        }
    }

    /**
     * The client a guide snippet built for {@code endpoint:443/8883}, as the same client on the gateway's
     * port, trusting the gateway's CA instead of the JDK's: everything else (identity, ALPN, CONNECT, SigV4
     * signer, proxy, callbacks) stays as the builder made it. The snippet's own client is closed.
     */
    Mqtt5Client onGateway(Mqtt5Client built, IotGateway gateway) {
        Mqtt5ClientOptions options = built.options();
        built.close();
        return closing(Mqtt5Client.create(options.toBuilder()
                .port(gateway.port())
                .tlsOptions(options.tlsOptions().toBuilder().trustCertificates(gateway.caFile()).build())
                .reconnectOptions(FAST_RECONNECT)
                .build()));
    }

    /**
     * As {@link #onGateway}, keeping the port: for clients that reach the gateway through a proxy that
     * routes the endpoint's name and port to it.
     */
    Mqtt5Client trustingGateway(Mqtt5Client built, IotGateway gateway) {
        Mqtt5ClientOptions options = built.options();
        built.close();
        return closing(Mqtt5Client.create(options.toBuilder()
                .tlsOptions(options.tlsOptions().toBuilder().trustCertificates(gateway.caFile()).build())
                .reconnectOptions(FAST_RECONNECT)
                .build()));
    }

    /** Starts the client and waits until it is connected (failing with what the gateway saw). */
    static void startAndAwaitConnected(Mqtt5Client client, IotGateway gateway) {
        client.start();
        awaitTrue(client::isConnected, Duration.ofSeconds(15),
                () -> "not connected through the gateway; attempts: " + (gateway != null ? gateway.attempts() : "-"));
    }

    /**
     * Start, connect, subscribe to a fresh topic, publish to it at QoS 1, receive the message back through
     * the gateway and the broker behind it, stop.
     */
    static void roundTrip(Mqtt5Client client, IotGateway gateway) throws Exception {
        startAndAwaitConnected(client, gateway);
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        String topic = "guide/aws/" + UUID.randomUUID();
        assertThat(client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE), inbox::add)
                .get(10, TimeUnit.SECONDS).hasError()).isFalse();
        PublishResult result = client.publish(PublishPacket.builder().topic(topic).payload("hello from the guide")
                .qos(QoS.AT_LEAST_ONCE).build()).get(10, TimeUnit.SECONDS);
        assertThat(result.isSuccess()).isTrue();
        PublishReceivedEvent received = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("the message back through the gateway").isNotNull();
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("hello from the guide");
        client.stop();
        awaitTrue(() -> !client.isConnected(), Duration.ofSeconds(10), () -> "still connected after stop()");
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> why) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(why.get() + " (waited " + timeout + ")");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
