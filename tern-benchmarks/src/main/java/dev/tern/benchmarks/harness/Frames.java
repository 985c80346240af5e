package dev.tern.benchmarks.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Pre-encoding of the few MQTT 5 packets the raw socket writer and the sink send. No properties anywhere. */
final class Frames {

    private Frames() {
    }

    static int varIntSize(int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    static void putVarInt(ByteBuffer out, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.put((byte) (value > 0 ? digit | 0x80 : digit));
        } while (value > 0);
    }

    private static ByteBuffer frame(int firstByte, int remaining) {
        ByteBuffer b = ByteBuffer.allocate(1 + varIntSize(remaining) + remaining);
        b.put((byte) firstByte);
        putVarInt(b, remaining);
        return b;
    }

    private static void putString(ByteBuffer b, byte[] s) {
        b.putShort((short) s.length).put(s);
    }

    /** CONNECT: MQTT 5, clean start, keep alive, no properties, no will, no credentials. */
    static byte[] connect(String clientId, int keepAliveSeconds) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + 4 + 1 + 1 + 2 + 1 + 2 + id.length;
        ByteBuffer b = frame(0x10, remaining);
        putString(b, "MQTT".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) 5).put((byte) 0x02).putShort((short) keepAliveSeconds).put((byte) 0);
        putString(b, id);
        return b.array();
    }

    /** SUBSCRIBE with one topic filter at {@code qos}, no properties. */
    static byte[] subscribe(int packetId, String filter, int qos) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = frame(0x82, 2 + 1 + 2 + f.length + 1);
        b.putShort((short) packetId).put((byte) 0);
        putString(b, f);
        b.put((byte) qos);
        return b.array();
    }

    /** Size of {@link #publish}'s frame. */
    static int publishSize(String topic, int payloadLength, int qos) {
        int remaining = publishRemaining(topic, payloadLength, qos);
        return 1 + varIntSize(remaining) + remaining;
    }

    private static int publishRemaining(String topic, int payloadLength, int qos) {
        return 2 + topic.getBytes(StandardCharsets.UTF_8).length + (qos > 0 ? 2 : 0) + 1 + payloadLength;
    }

    /**
     * Writes a PUBLISH into {@code out} and returns the offset of its packet identifier within the buffer
     * (or -1 for QoS 0), so that the caller can patch it in place.
     */
    static int putPublish(ByteBuffer out, String topic, byte[] payload, int qos, int packetId) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        out.put((byte) (0x30 | qos << 1));
        putVarInt(out, publishRemaining(topic, payload.length, qos));
        putString(out, t);
        int pidOffset = -1;
        if (qos > 0) {
            pidOffset = out.position();
            out.putShort((short) packetId);
        }
        out.put((byte) 0).put(payload);
        return pidOffset;
    }

    static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0};
    }
}
