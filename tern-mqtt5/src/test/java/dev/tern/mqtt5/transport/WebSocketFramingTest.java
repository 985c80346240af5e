package dev.tern.mqtt5.transport;

import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.Mqtt5Client;
import dev.tern.mqtt5.Mqtt5ClientOptions;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.ReconnectOptions;
import dev.tern.mqtt5.WebSocketUpgradeException;
import dev.tern.mqtt5.internal.codec.IdentifiedPacket;
import dev.tern.mqtt5.internal.codec.InboundPublish;
import dev.tern.mqtt5.internal.codec.OutboundPublish;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.packets.DisconnectPacket;
import dev.tern.mqtt5.packets.PubAckPacket;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import dev.tern.mqtt5.packets.SubAckPacket;
import dev.tern.mqtt5.packets.SubscribePacket;
import dev.tern.mqtt5.packets.SubAckReasonCode;
import dev.tern.mqtt5.testing.RecordingLifecycleEvents;
import dev.tern.mqtt5.testing.ScriptedWebSocketServer;
import dev.tern.mqtt5.testing.ScriptedWebSocketServer.FrameHeader;
import dev.tern.mqtt5.testing.ScriptedWebSocketServer.Peer;
import dev.tern.mqtt5.testing.ScriptedWebSocketServer.UpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MQTT over WebSocket against a scripted server that frames its packets as the test says, records the
 * upgrade request and the client's frames, refuses upgrades, and sends text, ping and close frames.
 */
class WebSocketFramingTest {

    private final TransportFixture fixture = new TransportFixture();
    private final ScriptedWebSocketServer server = ScriptedWebSocketServer.start();
    private final RecordingLifecycleEvents events = new RecordingLifecycleEvents();
    private final BlockingQueue<PublishReceivedEvent> inbox = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() {
        fixture.close();
        server.close();
    }

    /** A started client for the scripted server, with {@code webSocket} and a fast reconnect. */
    private Mqtt5Client start(WebSocketOptions webSocket, UnaryOperator<Mqtt5ClientOptions.Builder> more) {
        Mqtt5Client client = fixture.client("127.0.0.1", server.port(), events, inbox, b -> more.apply(b
                .webSocketOptions(webSocket)
                .connectOptions(ConnectPacket.builder().clientId("ws-framing").keepAliveIntervalSeconds(0).build())
                .reconnectOptions(ReconnectOptions.builder().minDelay(Duration.ofMillis(50))
                        .maxDelay(Duration.ofMillis(200)).jitter(JitterMode.NONE).build())));
        client.start();
        return client;
    }

    private Mqtt5Client start(WebSocketOptions webSocket) {
        return start(webSocket, b -> b);
    }

    /** Starts a client with default WebSocket options and completes the MQTT handshake. */
    private Peer connected() {
        start(WebSocketOptions.defaults());
        Peer peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        return peer;
    }

    private static OutboundPublish publish(String topic, String payload) {
        return OutboundPublish.of(PublishPacket.builder().topic(topic).payload(payload).build(), 0, false);
    }

    private static String text(int size, char fill) {
        StringBuilder s = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            s.append((char) (fill + i % 26));
        }
        return s.toString();
    }

    private List<String> receive(int count) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PublishReceivedEvent event = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("message %d of %d; got %s", i + 1, count, got).isNotNull();
            got.add(event.publishPacket().topic() + "=" + event.publishPacket().payloadAsString());
        }
        return got;
    }

    // ==== inbound framing ============================================================================

    @Test
    void aPacketSplitAcrossContinuationFramesArrivesIntact() throws Exception {
        Peer peer = connected();
        String payload = text(1000, 'a');
        peer.sendAcrossContinuationFrames(7, publish("split/continuation", payload));
        assertThat(receive(1)).containsExactly("split/continuation=" + payload);
    }

    @Test
    void aPacketSplitAcrossSeparateBinaryFramesArrivesIntact() throws Exception {
        Peer peer = connected();
        String payload = text(1000, 'A');
        peer.sendAcrossBinaryFrames(7, publish("split/binary", payload));
        assertThat(receive(1)).containsExactly("split/binary=" + payload);
    }

    @Test
    void aPacketSentOneByteAFrameArrivesIntact() throws Exception {
        Peer peer = connected();
        peer.sendAcrossBinaryFrames(1, publish("one/byte", "frame by frame"));
        peer.sendAcrossContinuationFrames(1, publish("one/byte", "fragment by fragment"));
        assertThat(receive(2)).containsExactly("one/byte=frame by frame", "one/byte=fragment by fragment");
    }

    @Test
    void severalPacketsInOneFrameArriveInOrder() throws Exception {
        Peer peer = connected();
        peer.sendInOneFrame(publish("many/1", "first"), publish("many/2", "second"), publish("many/3", "third"),
                publish("many/4", "fourth"), publish("many/5", "fifth"));
        assertThat(receive(5)).containsExactly("many/1=first", "many/2=second", "many/3=third", "many/4=fourth",
                "many/5=fifth");
    }

    @Test
    void packetsCutAtArbitraryPointsAcrossFramesArriveInOrder() throws Exception {
        Peer peer = connected();
        // frames that end mid-packet and start mid-packet, some holding the tail of one packet and the head of the next
        peer.sendAcrossBinaryFrames(5, publish("cut/1", "alpha"), publish("cut/2", text(300, 'a')), publish("cut/3", "gamma"));
        peer.sendAcrossContinuationFrames(11, publish("cut/4", "delta"), publish("cut/5", text(200, 'A')),
                publish("cut/6", "zeta"));
        assertThat(receive(6)).containsExactly("cut/1=alpha", "cut/2=" + text(300, 'a'), "cut/3=gamma",
                "cut/4=delta", "cut/5=" + text(200, 'A'), "cut/6=zeta");
    }

    @Test
    void aPacketLargerThanOneFrameHeaderCanSayArrivesIntact() throws Exception {
        // 200 kB: a frame with a 64-bit length, then the same packet across 16 kB continuation frames
        Peer peer = connected();
        String payload = text(200_000, 'a');
        peer.send(publish("large/one-frame", payload));
        peer.sendAcrossContinuationFrames(16 * 1024, publish("large/fragments", payload));
        assertThat(receive(2)).containsExactly("large/one-frame=" + payload, "large/fragments=" + payload);
    }

    // ==== outbound framing ===========================================================================

    @Test
    void theClientSendsEveryPacketInOneMaskedBinaryFrame() throws Exception {
        Mqtt5Client client = start(WebSocketOptions.defaults());
        Peer peer = server.accept();
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);

        CompletableFuture<SubAckPacket> subscribed = client.subscribe(SubscribePacket.of("out/+", QoS.AT_LEAST_ONCE));
        IdentifiedPacket<?> subscribe = peer.expect(IdentifiedPacket.class);
        assertThat(subscribe.packet()).isInstanceOf(SubscribePacket.class);
        peer.send(new IdentifiedPacket<>(subscribe.packetId(), SubAckPacket.of(SubAckReasonCode.GRANTED_QOS_1)));
        subscribed.get(10, TimeUnit.SECONDS);

        String large = text(100_000, 'a');
        CompletableFuture<?> published = client.publish(PublishPacket.builder().topic("out/large").payload(large)
                .qos(QoS.AT_LEAST_ONCE).build());
        InboundPublish sent = peer.expect(InboundPublish.class);
        assertThat(sent.packet().payloadAsString()).isEqualTo(large);
        peer.send(new IdentifiedPacket<>(sent.packetId(), PubAckPacket.builder().build()));
        published.get(10, TimeUnit.SECONDS);
        client.publish(PublishPacket.builder().topic("out/small").payload("small").build()).get(10, TimeUnit.SECONDS);
        assertThat(peer.expect(InboundPublish.class).packet().payloadAsString()).isEqualTo("small");

        client.stop(DisconnectPacket.builder().build());
        peer.expect(DisconnectPacket.class);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();

        List<FrameHeader> frames = peer.clientFrames();
        // CONNECT, SUBSCRIBE, PUBLISH (100 kB), PUBLISH, DISCONNECT, then perhaps a close frame
        List<FrameHeader> data = new ArrayList<>();
        for (FrameHeader frame : frames) {
            if (frame.opcode != FrameHeader.CLOSE) {
                data.add(frame);
            }
        }
        assertThat(data).as("%s", frames).hasSize(5);
        assertThat(frames).as("masked, as RFC 6455 requires of a client").allMatch(f -> f.masked);
        assertThat(data).as("MQTT travels in binary frames [MQTT-6.0.0-1]").allMatch(f -> f.opcode == FrameHeader.BINARY && f.fin);
        assertThat(data.get(2).payloadLength).isGreaterThan(100_000);
        assertThat(peer.texts()).isEmpty();
    }

    // ==== the upgrade request ========================================================================

    @Test
    void theUpgradeCarriesTheSubprotocolPathQueryAndExtraHeaders() {
        try (ScriptedWebSocketServer custom = ScriptedWebSocketServer.start("/custom/endpoint")) {
            Mqtt5Client client = fixture.client("127.0.0.1", custom.port(), events, inbox, b -> b
                    .webSocketOptions(WebSocketOptions.builder()
                            .path("/custom/endpoint?token=a%2Fb%3Dc&x=1")
                            .header("X-Device", "sensor-1")
                            .header("X-Tag", "first")
                            .header("X-Tag", "second")
                            .build()));
            client.start();
            Peer peer = custom.accept();
            peer.handshake();
            events.await(ConnectionSuccessEvent.class);

            UpgradeRequest upgrade = peer.upgradeRequest();
            assertThat(upgrade.method()).isEqualTo("GET");
            assertThat(upgrade.uri()).isEqualTo("/custom/endpoint?token=a%2Fb%3Dc&x=1");
            assertThat(upgrade.path()).isEqualTo("/custom/endpoint");
            assertThat(upgrade.rawQuery()).as("the query as given, still percent-encoded").isEqualTo("token=a%2Fb%3Dc&x=1");
            assertThat(upgrade.queryParameter("token")).containsExactly("a/b=c");
            assertThat(upgrade.header("Sec-WebSocket-Protocol")).isEqualTo("mqtt");
            assertThat(upgrade.header("Sec-WebSocket-Version")).isEqualTo("13");
            assertThat(upgrade.header("Upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(upgrade.header("Host")).isEqualTo("127.0.0.1:" + custom.port());
            assertThat(upgrade.headers("X-Device")).containsExactly("sensor-1");
            assertThat(upgrade.headers("X-Tag")).containsExactly("first", "second");
        }
    }

    /** An IPv6 literal works for plain TCP; over WebSocket it must too, with {@code Host: [::1]:port}. */
    @Test
    void anIpv6LiteralHostWorksOverWebSocket() {
        try (ScriptedWebSocketServer v6 = ScriptedWebSocketServer.start("/mqtt", "::1")) {
            Mqtt5Client client = fixture.client("::1", v6.port(), events, inbox,
                    b -> b.webSocketOptions(WebSocketOptions.defaults()));
            client.start();
            Peer peer;
            try {
                peer = v6.accept(Duration.ofSeconds(5));
            } catch (AssertionError e) {
                ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class);
                throw new AssertionError("no upgrade over ::1; the client reported " + failure
                        + (failure.error().getCause() != null ? ", caused by " + failure.error().getCause() : ""), e);
            }
            peer.handshake();
            events.await(ConnectionSuccessEvent.class);
            assertThat(peer.upgradeRequest().header("Host")).isEqualTo("[::1]:" + v6.port());
        }
    }

    /** Until then, the bracketed form is the workaround: it connects and sends the same Host. */
    @Test
    void aBracketedIpv6LiteralHostWorksOverWebSocket() {
        try (ScriptedWebSocketServer v6 = ScriptedWebSocketServer.start("/mqtt", "::1")) {
            fixture.client("[::1]", v6.port(), events, inbox, b -> b.webSocketOptions(WebSocketOptions.defaults()))
                    .start();
            Peer peer = v6.accept();
            peer.handshake();
            events.await(ConnectionSuccessEvent.class);
            assertThat(peer.upgradeRequest().header("Host")).isEqualTo("[::1]:" + v6.port());
        }
    }

    @Test
    void theDefaultPathIsMqttWithoutAQuery() {
        Peer peer = connected();
        assertThat(peer.upgradeRequest().uri()).isEqualTo("/mqtt");
        assertThat(peer.upgradeRequest().rawQuery()).isNull();
    }

    @Test
    void theHandshakeTransformerRunsOnEveryConnectionAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        List<WebSocketHandshakeRequest> seen = new CopyOnWriteArrayList<>();
        WebSocketHandshakeTransformer transformer = request -> {
            seen.add(request);
            int attempt = attempts.incrementAndGet();
            return CompletableFuture.completedFuture(request.toBuilder()
                    .query(request.query() + "&attempt=" + attempt)
                    .header("X-Attempt", Integer.toString(attempt))
                    .build());
        };
        start(WebSocketOptions.builder().path("/mqtt?fixed=yes").header("X-Fixed", "yes")
                .handshakeTransformer(transformer).build());

        Peer first = server.accept();
        first.handshake();
        events.await(ConnectionSuccessEvent.class);
        assertThat(first.upgradeRequest().queryParameter("attempt")).containsExactly("1");
        assertThat(first.upgradeRequest().headers("X-Attempt")).containsExactly("1");

        first.close(); // the connection drops; the client reconnects
        events.await(DisconnectionEvent.class);
        Peer second = server.accept();
        second.handshake();
        events.await(ConnectionSuccessEvent.class);

        UpgradeRequest again = second.upgradeRequest();
        assertThat(again.rawQuery()).isEqualTo("fixed=yes&attempt=2");
        assertThat(again.headers("X-Attempt")).containsExactly("2");
        assertThat(again.headers("X-Fixed")).containsExactly("yes");
        // each attempt starts from the configured request, not from the previous transformation
        assertThat(seen).hasSize(2);
        for (WebSocketHandshakeRequest request : seen) {
            assertThat(request.path()).isEqualTo("/mqtt");
            assertThat(request.query()).isEqualTo("fixed=yes");
            assertThat(request.headers()).hasSize(1);
            assertThat(request.host()).isEqualTo("127.0.0.1");
            assertThat(request.port()).isEqualTo(server.port());
            assertThat(request.secure()).isFalse();
        }
    }

    @Test
    void theHandshakeTransformerMayCompleteLaterOnAnotherThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        WebSocketHandshakeTransformer slow = request -> CompletableFuture.supplyAsync(() -> {
            threads.add(Thread.currentThread().getName());
            // what is only known when the future completes: the upgrade can only carry it if it waited
            return request.toBuilder().header("X-Signed-At", Long.toString(System.nanoTime())).build();
        }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        long started = System.nanoTime();
        start(WebSocketOptions.builder().handshakeTransformer(slow).build());

        UpgradeRequest upgrade = server.nextUpgrade();
        long signedAt = Long.parseLong(upgrade.header("X-Signed-At"));
        assertThat(signedAt - started).as("signed after the delay").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        server.accept().handshake();
        events.await(ConnectionSuccessEvent.class);
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0)).doesNotContain("tern");
    }

    @Test
    void aHandshakeTransformerThatFailsFailsTheAttemptAndTheClientTriesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        WebSocketHandshakeTransformer flaky = request -> {
            int attempt = attempts.incrementAndGet();
            if (attempt == 1) {
                return CompletableFuture.failedFuture(new IllegalStateException("credentials unavailable"));
            }
            if (attempt == 2) {
                throw new IllegalStateException("signer crashed");
            }
            return CompletableFuture.completedFuture(request);
        };
        start(WebSocketOptions.builder().handshakeTransformer(flaky).build());

        ConnectionFailureEvent first = events.await(ConnectionFailureEvent.class);
        assertThat(first.error().kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(first.error().getMessage()).contains("handshake transformer", "credentials unavailable");
        assertThat(first.error().getCause()).isInstanceOf(IllegalStateException.class);

        ConnectionFailureEvent second = events.await(ConnectionFailureEvent.class);
        assertThat(second.error().kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(second.error().getMessage()).contains("handshake transformer", "signer crashed");

        Peer peer = server.accept(); // the third attempt gets through
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        assertThat(attempts).hasValue(3);
        assertThat(server.nextUpgrade(Duration.ofSeconds(1)))
                .as("only the third attempt sent an upgrade request").isSameAs(peer.upgradeRequest());
    }

    @Test
    void aHandshakeTransformerThatReturnsANullRequestFailsTheAttempt() {
        start(WebSocketOptions.builder().handshakeTransformer(request -> CompletableFuture.completedFuture(null)).build());
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(failure.error().getMessage()).contains("handshake transformer", "returned null");
    }

    /** A transformer breaking its contract by returning no future at all must fail the attempt at once too. */
    @Test
    void aHandshakeTransformerThatReturnsNoFutureFailsTheAttemptAtOnce() {
        long started = System.nanoTime();
        start(WebSocketOptions.builder().handshakeTransformer(request -> null).build(),
                b -> b.connectTimeout(Duration.ofSeconds(5)));
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class, Duration.ofSeconds(10));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(failure.error().getMessage()).as("%s after %d ms", failure, elapsedMillis)
                .contains("handshake transformer");
        assertThat(elapsedMillis).isLessThan(2_000);
    }

    @Test
    void aHandshakeTransformerThatNeverCompletesIsCutOffByTheConnectTimeout() {
        start(WebSocketOptions.builder().handshakeTransformer(request -> new CompletableFuture<>()).build(),
                b -> b.connectTimeout(Duration.ofMillis(500)));
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class);
        assertThat(failure.error()).isInstanceOf(WebSocketUpgradeException.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(failure.error().getMessage()).isEqualTo("no WebSocket upgrade within 500 ms from 127.0.0.1:"
                + server.port());
        assertThat(events.await(ConnectionFailureEvent.class).error().kind()).as("and again").isEqualTo(ErrorKind.WEBSOCKET);
    }

    @Test
    void theHandshakeRequestDoesNotPrintItsQueryString() {
        WebSocketHandshakeRequest request = WebSocketHandshakeRequest.builder("iot.example.com", 443, true)
                .path("/mqtt")
                .query("X-Amz-Credential=AKIDEXAMPLE%2F20250101&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6")
                .header("Authorization", "Bearer secret-token")
                .build();
        assertThat(request.uri()).endsWith("X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6");
        assertThat(request.toString())
                .contains("wss://iot.example.com:443/mqtt")
                .doesNotContain("X-Amz", "5d672d79", "AKIDEXAMPLE", "secret-token");
    }

    /** A query given with the path (it can hold a token) must not be printed either. */
    @Test
    void theWebSocketOptionsDoNotPrintAQueryGivenWithThePath() {
        WebSocketOptions options = WebSocketOptions.builder().path("/mqtt?token=5d672d79c15b13162d9279b0855cfba6")
                .header("Authorization", "Bearer secret-token").build();
        assertThat(options.toString()).contains("/mqtt").doesNotContain("5d672d79", "secret-token");
        assertThat(Mqtt5ClientOptions.builder("127.0.0.1", 1).webSocketOptions(options).build().toString())
                .doesNotContain("5d672d79", "secret-token");
    }

    @Test
    void aPathThatCannotBeSentIsRefusedWhenConfigured() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebSocketOptions.builder().path("/has space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a space at index 4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebSocketOptions.builder().path("/mqtt?a=1\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query")
                .hasMessageContaining("control character");
    }

    // ==== refused upgrades ===========================================================================

    @Test
    void a403AnswerIsAWebSocketUpgradeExceptionWithTheStatus() {
        server.refuseUpgrades(403);
        start(WebSocketOptions.defaults());
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class);
        assertThat(failure.error()).isInstanceOf(WebSocketUpgradeException.class);
        WebSocketUpgradeException error = (WebSocketUpgradeException) failure.error();
        assertThat(error.kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(error.httpStatus()).isEqualTo(403);
        assertThat(error.getMessage()).contains("HTTP 403", "127.0.0.1:" + server.port());
        assertThat(server.nextUpgrade().uri()).isEqualTo("/mqtt");

        server.acceptUpgrades(); // the client keeps trying, and gets through once the server agrees
        server.accept().handshake();
        events.await(ConnectionSuccessEvent.class);
    }

    @Test
    void a401AnswerIsAWebSocketUpgradeExceptionWithTheStatus() {
        server.refuseUpgrades(401);
        start(WebSocketOptions.defaults());
        WebSocketUpgradeException error = (WebSocketUpgradeException) events.await(ConnectionFailureEvent.class).error();
        assertThat(error.httpStatus()).isEqualTo(401);
        assertThat(error.getMessage()).contains("HTTP 401");
    }

    @Test
    void aWrongPathOnAServerThatAnswers404SaysToCheckThePath() {
        start(WebSocketOptions.builder().path("/elsewhere").build());
        WebSocketUpgradeException error = (WebSocketUpgradeException) events.await(ConnectionFailureEvent.class).error();
        assertThat(error.httpStatus()).isEqualTo(404);
        assertThat(error.getMessage()).contains("HTTP 404", "check the WebSocket path");
    }

    // ==== control and text frames ====================================================================

    @Test
    void aTextFrameFromTheServerEndsTheConnection() {
        Peer peer = connected();
        peer.sendText("not MQTT");
        DisconnectionEvent disconnection = events.await(DisconnectionEvent.class);
        assertThat(disconnection.error().kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(disconnection.error().getMessage()).contains("non-binary WebSocket frame");
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
        server.accept().handshake(); // and reconnects
        events.await(ConnectionSuccessEvent.class);
    }

    @Test
    void aTextFrameBeforeTheConnAckFailsTheAttempt() {
        start(WebSocketOptions.defaults());
        Peer peer = server.accept();
        peer.expect(ConnectPacket.class);
        peer.sendText("{\"hello\":\"json\"}");
        ConnectionFailureEvent failure = events.await(ConnectionFailureEvent.class);
        assertThat(failure.error().kind()).isEqualTo(ErrorKind.WEBSOCKET);
        assertThat(failure.error().getMessage()).contains("non-binary WebSocket frame");
    }

    @Test
    void aPingFromTheServerIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        Peer peer = connected();
        byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);
        peer.sendPing(payload);
        assertThat(peer.awaitPong(Duration.ofSeconds(5))).isEqualTo(payload);
        // and MQTT carries on
        peer.send(publish("after/ping", "still here"));
        assertThat(receive(1)).containsExactly("after/ping=still here");
        assertThat(events.all()).noneMatch(e -> e instanceof DisconnectionEvent);
    }

    @Test
    void aPingInTheSameWriteAsTheUpgradeAnswerIsAnswered() throws Exception {
        byte[] payload = {1, 2, 3, 4};
        server.pingWithUpgrade(payload);
        start(WebSocketOptions.defaults());
        Peer peer = server.accept();
        assertThat(peer.awaitPong(Duration.ofSeconds(5))).isEqualTo(payload);
        peer.handshake();
        events.await(ConnectionSuccessEvent.class);
        peer.send(publish("after/early-ping", "ok"));
        assertThat(receive(1)).containsExactly("after/early-ping=ok");
    }

    @Test
    void aCloseFrameFromTheServerEndsTheConnectionAndTheClientReconnects() {
        Peer peer = connected();
        peer.sendClose(1001, "going away");
        DisconnectionEvent disconnection = events.await(DisconnectionEvent.class);
        assertThat(disconnection.error().kind()).isEqualTo(ErrorKind.CONNECTION_LOST);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();

        Peer again = server.accept();
        again.handshake();
        events.await(ConnectionSuccessEvent.class);
        assertThat(events.names()).containsSubsequence("ConnectionSuccess", "Disconnection", "ConnectionSuccess");
    }

    /** RFC 6455 section 5.5.1: an endpoint that receives a Close frame MUST send a Close frame in response. */
    @Test
    void theClientAnswersACloseFrameWithACloseFrame() {
        Peer peer = connected();
        peer.sendClose(1001, "going away");
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(peer.clientFrames()).as("the client's frames").anyMatch(f -> f.opcode == FrameHeader.CLOSE);
    }
}
