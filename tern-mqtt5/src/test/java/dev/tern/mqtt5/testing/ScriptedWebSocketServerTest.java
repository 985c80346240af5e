package dev.tern.mqtt5.testing;

import dev.tern.mqtt5.internal.codec.CodecFixture;
import dev.tern.mqtt5.packets.ConnectPacket;
import dev.tern.mqtt5.testing.ScriptedWebSocketServer.FrameHeader;
import dev.tern.mqtt5.testing.ScriptedWebSocketServer.Peer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripted WebSocket server checked with an independent client (the JDK's {@code java.net.http}
 * WebSocket), so that what the WebSocket tests conclude about Tern is about Tern, not about the fixture.
 */
class ScriptedWebSocketServerTest {

    private final ScriptedWebSocketServer server = ScriptedWebSocketServer.start();

    @AfterEach
    void tearDown() {
        server.close();
    }

    private WebSocket connect(WebSocket.Listener listener) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("mqtt")
                .header("X-Probe", "jdk")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/mqtt?probe=1"), listener)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void recordsTheUpgradeTheFramesAndThePacketsOfAnotherClient() throws Exception {
        WebSocket socket = connect(new WebSocket.Listener() { });
        Peer peer = server.accept();
        assertThat(peer.upgradeRequest().rawQuery()).isEqualTo("probe=1");
        assertThat(peer.upgradeRequest().header("X-Probe")).isEqualTo("jdk");
        assertThat(peer.upgradeRequest().header("Sec-WebSocket-Protocol")).isEqualTo("mqtt");

        byte[] connect = CodecFixture.encode(ConnectPacket.builder().clientId("jdk").build());
        socket.sendBinary(ByteBuffer.wrap(connect, 0, 5), false).get(5, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.wrap(connect, 5, connect.length - 5), true).get(5, TimeUnit.SECONDS);
        assertThat(peer.expect(ConnectPacket.class).clientId()).isEqualTo("jdk");
        assertThat(peer.clientFrames()).extracting(f -> f.opcode + (f.fin ? "F" : "") + (f.masked ? "M" : ""))
                .containsExactly(FrameHeader.BINARY + "M", FrameHeader.CONTINUATION + "FM");
        socket.abort();
    }

    /** The control for the close-frame test: a client that answers a close frame is seen doing so. */
    @Test
    void seesTheCloseFrameAClientSendsInAnswerToItsOwn() throws Exception {
        CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        connect(new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closedWith.complete(statusCode);
                return null; // the JDK then answers with a close frame
            }
        });
        Peer peer = server.accept();
        peer.sendClose(1001, "going away");
        assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(peer.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(peer.clientFrames()).anyMatch(f -> f.opcode == FrameHeader.CLOSE && f.masked);
    }

    @Test
    void answersPingsItReceivesAndPassesPongsOn() throws Exception {
        CompletableFuture<ByteBuffer> pong = new CompletableFuture<>();
        WebSocket socket = connect(new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
                pong.complete(message);
                webSocket.request(1); // the JDK reads (and answers pings) only when asked for more
                return null;
            }
        });
        Peer peer = server.accept();
        socket.sendPing(ByteBuffer.wrap(new byte[] {7, 8})).get(5, TimeUnit.SECONDS);
        assertThat(pong.get(5, TimeUnit.SECONDS)).isEqualTo(ByteBuffer.wrap(new byte[] {7, 8}));
        peer.sendPing(new byte[] {9});
        assertThat(peer.awaitPong(Duration.ofSeconds(5))).containsExactly(9); // the JDK client answers by itself
        socket.abort();
    }
}
