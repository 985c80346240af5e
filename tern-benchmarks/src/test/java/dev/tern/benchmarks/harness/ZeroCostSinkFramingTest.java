package dev.tern.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZeroCostSinkFramingTest {

    private static final byte[] PAYLOAD_200 = new byte[200]; // remaining length takes two bytes

    /** Everything a client sends in a session, and the sink's expected answers in order. */
    private static byte[] clientStream() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(Frames.connect("c1", 60));
        s.writeBytes(subscribe2());
        s.writeBytes(publish("t/a", new byte[] {1, 2, 3}, 0, 0));
        s.writeBytes(publish("t/b", new byte[0], 1, 7));
        s.writeBytes(publish("t/c", PAYLOAD_200, 1, 0x1234));
        s.writeBytes(new byte[] {(byte) 0xC0, 0}); // PINGREQ
        s.writeBytes(new byte[] {(byte) 0xA2, 6, 0, 5, 0, 0, 1, 'x'}); // UNSUBSCRIBE pid 5, one filter
        s.writeBytes(publish("t/d", new byte[] {9}, 2, 9));
        s.writeBytes(new byte[] {0x62, 2, 0, 9}); // PUBREL 9
        s.writeBytes(Frames.disconnect());
        return s.toByteArray();
    }

    private static byte[] subscribe2() {
        // SUBSCRIBE pid 3, no properties, "a" QoS 0, "b/#" QoS 1 (with retain handling bits set)
        return new byte[] {(byte) 0x82, 13, 0, 3, 0, 0, 1, 'a', 0, 0, 3, 'b', '/', '#', 0x21};
    }

    private static byte[] publish(String topic, byte[] payload, int qos, int pid) {
        ByteBuffer b = ByteBuffer.allocate(Frames.publishSize(topic, payload.length, qos));
        Frames.putPublish(b, topic, payload, qos, pid);
        return b.array();
    }

    private static byte[] expectedAnswers() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(new byte[] {0x20, 9, 0, 0, 6, 0x21, 0x04, 0x00, 0x22, 0, 0}); // CONNACK, receive max 1024
        s.writeBytes(new byte[] {(byte) 0x90, 5, 0, 3, 0, 0, 1}); // SUBACK granting 0 and 1
        s.writeBytes(new byte[] {0x40, 2, 0, 7});
        s.writeBytes(new byte[] {0x40, 2, 0x12, 0x34});
        s.writeBytes(new byte[] {(byte) 0xD0, 0});
        s.writeBytes(new byte[] {(byte) 0xB0, 4, 0, 5, 0, 0});
        s.writeBytes(new byte[] {0x50, 2, 0, 9}); // PUBREC
        s.writeBytes(new byte[] {0x70, 2, 0, 9}); // PUBCOMP
        return s.toByteArray();
    }

    private static byte[] feedInPieces(byte[] stream, int[] cuts, FrameResponder responder) {
        ByteBuffer out = ByteBuffer.allocate(stream.length + FrameResponder.OUTPUT_HEADROOM * (cuts.length + 1));
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : stream.length;
            responder.feed(ByteBuffer.wrap(stream, from, to - from).slice(), out);
            from = to;
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void answersEveryPacketInOneRead() {
        FrameResponder responder = FrameResponder.server(1024);
        assertThat(feedInPieces(clientStream(), new int[0], responder)).isEqualTo(expectedAnswers());
        assertThat(responder.publishes).isEqualTo(4);
        assertThat(responder.disconnected).isTrue();
    }

    @Test
    void packetsSplitAtEveryByteBoundary() {
        byte[] stream = clientStream();
        for (int cut = 1; cut < stream.length; cut++) {
            FrameResponder responder = FrameResponder.server(1024);
            assertThat(feedInPieces(stream, new int[] {cut}, responder)).as("cut at %d", cut).isEqualTo(expectedAnswers());
            assertThat(responder.publishes).as("cut at %d", cut).isEqualTo(4);
        }
    }

    @Test
    void packetsSplitAtEveryPairOfBoundariesAndByteByByte() {
        byte[] stream = clientStream();
        for (int a = 1; a < stream.length; a += 3) {
            for (int b = a + 1; b < stream.length; b += 5) {
                FrameResponder responder = FrameResponder.server(1024);
                assertThat(feedInPieces(stream, new int[] {a, b}, responder)).isEqualTo(expectedAnswers());
            }
        }
        int[] everyByte = new int[stream.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        FrameResponder responder = FrameResponder.server(1024);
        assertThat(feedInPieces(stream, everyByte, responder)).isEqualTo(expectedAnswers());
        assertThat(responder.publishes).isEqualTo(4);
    }

    @Test
    void emptyClientIdentifierGetsAnAssignedOne() {
        FrameResponder responder = FrameResponder.server(10);
        byte[] answer = feedInPieces(Frames.connect("", 60), new int[0], responder);
        assertThat(answer[0]).isEqualTo((byte) 0x20);
        assertThat(new String(answer, java.nio.charset.StandardCharsets.US_ASCII)).contains("tern-sink-assigned");
        assertThat(answer[6]).isEqualTo((byte) 0);
        assertThat(answer[7]).isEqualTo((byte) 10);
    }

    @Test
    void clientSideReadsReceiveMaximumAndCountsAcknowledgements() {
        FrameResponder server = FrameResponder.server(20);
        byte[] connAck = feedInPieces(Frames.connect("x", 60), new int[0], server);
        FrameResponder client = FrameResponder.client();
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(connAck);
        in.writeBytes(new byte[] {(byte) 0x90, 4, 0, 1, 0, 1}); // SUBACK
        in.writeBytes(new byte[] {0x40, 2, 0, 1, 0x40, 3, 0, 2, 0}); // two PUBACKs, one with a reason code
        in.writeBytes(publish("t", new byte[] {1}, 1, 77)); // answered with PUBACK 77
        byte[] bytes = in.toByteArray();
        for (int cut = 1; cut < bytes.length; cut++) {
            FrameResponder c = FrameResponder.client();
            assertThat(feedInPieces(bytes, new int[] {cut}, c)).isEqualTo(new byte[] {0x40, 2, 0, 77});
            assertThat(c.receiveMaximum).isEqualTo(20);
            assertThat(c.subAcks).isEqualTo(1);
            assertThat(c.pubAcks).isEqualTo(2);
            assertThat(c.publishes).isEqualTo(1);
        }
        assertThat(client.receiveMaximum).isEqualTo(65_535);
    }

    @Test
    void sinkOverTheSocketAnswersBatchedAndCounts() throws Exception {
        byte[] stream = clientStream();
        byte[] session = Arrays.copyOf(stream, stream.length - 2); // without the DISCONNECT
        try (ZeroCostSink sink = ZeroCostSink.start(); Socket socket = new Socket("127.0.0.1", sink.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            Random random = new Random(42);
            int from = 0;
            while (from < session.length) { // random splits, flushed one by one
                int n = 1 + random.nextInt(Math.min(40, session.length - from));
                out.write(session, from, n);
                out.flush();
                from += n;
                Thread.sleep(1);
            }
            byte[] expected = expectedAnswers();
            expected = Arrays.copyOf(expected, expected.length); // PUBCOMP included: PUBREL precedes DISCONNECT
            InputStream in = socket.getInputStream();
            byte[] got = in.readNBytes(expected.length);
            assertThat(got).isEqualTo(expected);
            assertThat(sink.publishesReceived()).isEqualTo(4);
            assertThat(ZeroCostSink.queryCount("127.0.0.1", sink.controlPort())).isEqualTo(4);
            out.write(Frames.disconnect());
            out.flush();
            assertThat(in.read()).isEqualTo(-1); // closed after DISCONNECT
        }
    }
}
