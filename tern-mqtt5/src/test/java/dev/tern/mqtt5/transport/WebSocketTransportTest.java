package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.TlsException;
import dev.tern.mqtt5.WebSocketUpgradeException;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.testing.HiveMqBroker;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** MQTT over WebSocket ({@code ws}) and secure WebSocket ({@code wss}) against HiveMQ CE's listeners on {@code /mqtt}. */
class WebSocketTransportTest {

    private final TransportFixture fixture = new TransportFixture();
    private final HiveMqBroker broker = HiveMqBroker.get();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void mqttOverWebSocket() throws Exception {
        fixture.assertRoundTrip("127.0.0.1", broker.webSocketPort(), b -> b.webSocketOptions(WebSocketOptions.defaults()));
    }

    @Test
    void mqttOverSecureWebSocket() throws Exception {
        fixture.assertRoundTrip("localhost", broker.secureWebSocketPort(), b -> b
                .webSocketOptions(WebSocketOptions.defaults())
                .tlsOptions(TlsOptions.builder().trustCertificates(broker.pki().caFile()).build()));
    }

    /**
     * Over {@code wss} a certificate the client does not trust must be reported like over plain TLS: a
     * {@link TlsException} of kind TLS saying "not trusted", not a WebSocket failure.
     */
    @Test
    void anUntrustedCertificateOverSecureWebSocketIsATlsFailure() {
        ConnectionFailureEvent failure = fixture.firstFailure("localhost", broker.secureWebSocketPort(), b -> b
                .webSocketOptions(WebSocketOptions.defaults())
                .tlsOptions(TlsOptions.defaults()));
        assertThat(failure.error().kind()).as("%s", failure).isEqualTo(ErrorKind.TLS);
        assertThat(failure.error()).isInstanceOf(TlsException.class);
        assertThat(((TlsException) failure.error()).failure()).isEqualTo(TlsException.Failure.UNTRUSTED_CERTIFICATE);
        assertThat(failure.error().getMessage()).contains("not trusted", "localhost:" + broker.secureWebSocketPort());
    }

    @Test
    void aOneMebibytePayloadTravelsBothWaysOverWebSocket() throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(42).nextBytes(payload);
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = fixture.client("127.0.0.1", broker.webSocketPort(), events, inbox,
                b -> b.webSocketOptions(WebSocketOptions.defaults()));
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        String topic = "ws/large/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);

        client.publish(PublishPacket.builder().topic(topic).payload(payload).qos(QoS.AT_LEAST_ONCE).build())
                .get(20, TimeUnit.SECONDS);

        PublishReceivedEvent received = inbox.poll(20, TimeUnit.SECONDS);
        assertThat(received).as("the 1 MiB message back over WebSocket").isNotNull();
        assertThat(received.publishPacket().payloadSize()).isEqualTo(payload.length);
        assertThat(received.publishPacket().payloadAsBytes()).isEqualTo(payload);
        assertThat(client.isConnected()).isTrue();
    }

    /**
     * HiveMQ CE does not answer an upgrade request for a path it does not serve (nor one with a query
     * string): it keeps the connection open and says nothing. What the user sees is the upgrade timing
     * out after the connect timeout, as a WebSocket failure without an HTTP status.
     */
    @Test
    void aPathTheBrokerDoesNotServeTimesOutTheUpgrade() {
        long started = System.nanoTime();
        ConnectionFailureEvent failure = fixture.firstFailure("127.0.0.1", broker.webSocketPort(), b -> b
                .connectTimeout(Duration.ofSeconds(1))
                .webSocketOptions(WebSocketOptions.builder().path("/not-mqtt").build()));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(failure.error()).isInstanceOf(WebSocketUpgradeException.class);
        WebSocketUpgradeException error = (WebSocketUpgradeException) failure.error();
        assertThat(error.kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(error.httpStatus()).isNull();
        assertThat(error.getMessage()).isEqualTo("no WebSocket upgrade within 1000 ms from 127.0.0.1:"
                + broker.webSocketPort());
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(900);
    }

    @Test
    void theClientReconnectsOverWebSocketAfterTheBrokerDropsTheConnection() throws Exception {
        String clientId = "ws-takeover-" + UUID.randomUUID();
        RecordingLifecycleEvents events = new RecordingLifecycleEvents();
        BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();
        Mqtt5Client client = fixture.client("127.0.0.1", broker.webSocketPort(), events, inbox, b -> b
                .webSocketOptions(WebSocketOptions.defaults())
                .connectOptions(ConnectPacket.builder().clientId(clientId).build())
                // a session taken over waits the maximum delay before the next attempt
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(500)).jitter(JitterMode.NONE).build()));
        client.start();
        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));

        // A second client with the same identifier: HiveMQ drops the first with SESSION_TAKEN_OVER.
        RecordingLifecycleEvents intruderEvents = new RecordingLifecycleEvents();
        Mqtt5Client intruder = fixture.client("127.0.0.1", broker.port(), intruderEvents, new LinkedBlockingQueue<>(),
                b -> b.connectOptions(ConnectPacket.builder().clientId(clientId).build()));
        intruder.start();
        intruderEvents.await(ConnectionSuccessEvent.class, Duration.ofSeconds(15));
        DisconnectionEvent dropped = events.await(DisconnectionEvent.class, Duration.ofSeconds(10));
        assertThat(dropped.error().kind()).isEqualTo(ErrorKind.SERVER_DISCONNECT);
        assertThat(dropped.disconnectPacket()).isNotNull();
        assertThat(dropped.disconnectPacket().reasonCode()).isEqualTo(DisconnectReasonCode.SESSION_TAKEN_OVER);
        intruder.stop();

        events.await(ConnectionSuccessEvent.class, Duration.ofSeconds(10));
        assertThat(client.isConnected()).isTrue();
        String topic = "ws/reconnected/" + UUID.randomUUID();
        client.subscribe(SubscribePacket.of(topic, QoS.AT_LEAST_ONCE)).get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic(topic).payload("after the reconnect").qos(QoS.AT_LEAST_ONCE)
                .build()).get(10, TimeUnit.SECONDS);
        PublishReceivedEvent received = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(received).as("a message over the new WebSocket connection").isNotNull();
        assertThat(received.publishPacket().payloadAsString()).isEqualTo("after the reconnect");
    }
}
