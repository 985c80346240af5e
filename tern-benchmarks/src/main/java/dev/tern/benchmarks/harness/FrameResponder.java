package dev.tern.benchmarks.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A streaming MQTT 5 frame reader for one connection that answers what needs an answer and counts the rest,
 * without allocating per packet. Packets may be split anywhere across calls to {@link #feed}; several may
 * come in one call.
 *
 * <p>As a server (the {@link ZeroCostSink}): CONNECT → CONNACK, SUBSCRIBE → SUBACK granting the requested
 * QoS, UNSUBSCRIBE → UNSUBACK, PUBLISH QoS 1 → PUBACK, QoS 2 → PUBREC, PUBREL → PUBCOMP, PINGREQ →
 * PINGRESP, DISCONNECT → end. As a client (the raw socket subscriber and publisher): PUBLISH QoS 1 →
 * PUBACK, and it counts CONNACKs (reading their Receive Maximum), SUBACKs and PUBACKs.
 *
 * <p>Only PUBLISH bodies are streamed (topic and payload are skipped, never copied); other packets are
 * gathered into a small per-connection array first.
 */
final class FrameResponder {

    /** Bytes of output {@link #feed} may produce beyond the input's size (so callers can reserve room). */
    static final int OUTPUT_HEADROOM = 64;

    private static final int HEADER = 0;
    private static final int LENGTH = 1;
    private static final int PUBLISH_BODY = 2;
    private static final int OTHER_BODY = 3;

    private static final int TOPIC_LENGTH_HIGH = 0;
    private static final int TOPIC_LENGTH_LOW = 1;
    private static final int TOPIC = 2;
    private static final int PACKET_ID_HIGH = 3;
    private static final int PACKET_ID_LOW = 4;
    private static final int REST = 5;

    private final byte[] connAck;
    private final byte[] connAckAssigned;

    private int state = HEADER;
    private int type;
    private int flags;
    private int remaining;
    private int lengthShift;

    private int publishPhase;
    private int skip;
    private int packetId;

    private byte[] body = new byte[256];
    private int bodyLength;

    long publishes;
    long pubAcks;
    long connAcks;
    long subAcks;
    int receiveMaximum = 65_535;
    boolean disconnected;

    /** A responder acting as a server with this Receive Maximum. */
    static FrameResponder server(int receiveMaximum) {
        return new FrameResponder(receiveMaximum);
    }

    /** A responder acting as a client: it never sends CONNACK. */
    static FrameResponder client() {
        return new FrameResponder(-1);
    }

    private FrameResponder(int receiveMaximum) {
        if (receiveMaximum < 0) {
            connAck = null;
            connAckAssigned = null;
        } else {
            connAck = connAck(receiveMaximum, null);
            connAckAssigned = connAck(receiveMaximum, "tern-sink-assigned");
        }
    }

    private static byte[] connAck(int receiveMaximum, String assigned) {
        byte[] id = assigned == null ? new byte[0] : assigned.getBytes(StandardCharsets.US_ASCII);
        int properties = 3 + 3 + (assigned == null ? 0 : 3 + id.length);
        int remaining = 2 + 1 + properties;
        ByteBuffer b = ByteBuffer.allocate(2 + remaining);
        b.put((byte) 0x20).put((byte) remaining).put((byte) 0).put((byte) 0).put((byte) properties);
        b.put((byte) 0x21).putShort((short) receiveMaximum);
        b.put((byte) 0x22).putShort((short) 0);
        if (assigned != null) {
            b.put((byte) 0x12).putShort((short) id.length).put(id);
        }
        return b.array();
    }

    /**
     * Consumes all of {@code in} and appends the answers to {@code out}, which must have room for
     * {@code in.remaining() + OUTPUT_HEADROOM} bytes.
     *
     * @return false once a DISCONNECT arrived (the rest of the input is then ignored)
     */
    boolean feed(ByteBuffer in, ByteBuffer out) {
        while (in.hasRemaining() && !disconnected) {
            switch (state) {
                case HEADER: {
                    int b = in.get() & 0xFF;
                    type = b >>> 4;
                    flags = b & 0x0F;
                    remaining = 0;
                    lengthShift = 0;
                    state = LENGTH;
                    break;
                }
                case LENGTH: {
                    int b = in.get() & 0xFF;
                    remaining |= (b & 0x7F) << lengthShift;
                    lengthShift += 7;
                    if ((b & 0x80) != 0) {
                        if (lengthShift >= 28) {
                            throw new IllegalStateException("malformed remaining length");
                        }
                        break;
                    }
                    if (type == 3) {
                        state = PUBLISH_BODY;
                        publishPhase = TOPIC_LENGTH_HIGH;
                        packetId = 0;
                        if (remaining == 0) {
                            endPublish(out);
                        }
                    } else {
                        state = OTHER_BODY;
                        bodyLength = 0;
                        if (body.length < remaining) {
                            body = new byte[Math.max(remaining, body.length * 2)];
                        }
                        if (remaining == 0) {
                            endOther(out);
                        }
                    }
                    break;
                }
                case PUBLISH_BODY:
                    publishBody(in, out);
                    break;
                default: {
                    int n = Math.min(remaining - bodyLength, in.remaining());
                    in.get(body, bodyLength, n);
                    bodyLength += n;
                    if (bodyLength == remaining) {
                        endOther(out);
                    }
                    break;
                }
            }
        }
        return !disconnected;
    }

    private void publishBody(ByteBuffer in, ByteBuffer out) {
        switch (publishPhase) {
            case TOPIC_LENGTH_HIGH:
                skip = (in.get() & 0xFF) << 8;
                publishPhase = TOPIC_LENGTH_LOW;
                remaining--;
                break;
            case TOPIC_LENGTH_LOW:
                skip |= in.get() & 0xFF;
                publishPhase = TOPIC;
                remaining--;
                break;
            case TOPIC: {
                int n = Math.min(Math.min(skip, remaining), in.remaining());
                in.position(in.position() + n);
                skip -= n;
                remaining -= n;
                if (skip == 0) {
                    publishPhase = ((flags >>> 1) & 3) > 0 ? PACKET_ID_HIGH : REST;
                }
                break;
            }
            case PACKET_ID_HIGH:
                packetId = (in.get() & 0xFF) << 8;
                publishPhase = PACKET_ID_LOW;
                remaining--;
                break;
            case PACKET_ID_LOW:
                packetId |= in.get() & 0xFF;
                publishPhase = REST;
                remaining--;
                break;
            default: {
                int n = Math.min(remaining, in.remaining());
                in.position(in.position() + n);
                remaining -= n;
                break;
            }
        }
        if (remaining <= 0) {
            endPublish(out);
        }
    }

    private void endPublish(ByteBuffer out) {
        publishes++;
        int qos = (flags >>> 1) & 3;
        if (qos == 1) {
            out.put((byte) 0x40).put((byte) 2).putShort((short) packetId);
        } else if (qos == 2) {
            out.put((byte) 0x50).put((byte) 2).putShort((short) packetId);
        }
        state = HEADER;
    }

    private void endOther(ByteBuffer out) {
        state = HEADER;
        switch (type) {
            case 1: // CONNECT
                if (connAck != null) {
                    out.put(clientIdEmpty() ? connAckAssigned : connAck);
                }
                break;
            case 2: // CONNACK
                connAcks++;
                readReceiveMaximum();
                break;
            case 4: // PUBACK
                pubAcks++;
                break;
            case 6: // PUBREL
                out.put((byte) 0x70).put((byte) 2).put(body[0]).put(body[1]);
                break;
            case 8: // SUBSCRIBE
                subAck(out, true);
                break;
            case 9: // SUBACK
                subAcks++;
                break;
            case 10: // UNSUBSCRIBE
                subAck(out, false);
                break;
            case 12: // PINGREQ
                out.put((byte) 0xD0).put((byte) 0);
                break;
            case 14: // DISCONNECT
                disconnected = true;
                break;
            default: // PUBREC, PUBCOMP, UNSUBACK, PINGRESP, AUTH: nothing to answer
                break;
        }
    }

    private int[] varIntAt(int offset) {
        int value = 0;
        int shift = 0;
        int i = offset;
        while (true) {
            int b = body[i++] & 0xFF;
            value |= (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return new int[] {value, i}; // only for CONNECT/CONNACK/SUBSCRIBE, never per message
            }
        }
    }

    private boolean clientIdEmpty() {
        int nameLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        int i = 2 + nameLength + 1 + 1 + 2;
        int[] properties = varIntAt(i);
        i = properties[1] + properties[0];
        return i + 2 > bodyLength || (body[i] == 0 && body[i + 1] == 0);
    }

    private void subAck(ByteBuffer out, boolean subscribe) {
        int[] properties = varIntAt(2);
        int i = properties[1] + properties[0];
        int start = i;
        int count = 0;
        while (i + 2 <= bodyLength) {
            int length = ((body[i] & 0xFF) << 8) | (body[i + 1] & 0xFF);
            i += 2 + length + (subscribe ? 1 : 0);
            count++;
        }
        out.put((byte) (subscribe ? 0x90 : 0xB0));
        Frames.putVarInt(out, 3 + count);
        out.put(body[0]).put(body[1]).put((byte) 0);
        i = start;
        while (i + 2 <= bodyLength) {
            int length = ((body[i] & 0xFF) << 8) | (body[i + 1] & 0xFF);
            i += 2 + length;
            if (subscribe) {
                out.put((byte) (body[i] & 3));
                i++;
            } else {
                out.put((byte) 0);
            }
        }
    }

    private void readReceiveMaximum() {
        if (bodyLength < 3) {
            return;
        }
        int[] properties = varIntAt(2);
        int i = properties[1];
        int end = i + properties[0];
        while (i < end) {
            int id = body[i++] & 0xFF;
            switch (id) {
                case 0x21:
                    receiveMaximum = ((body[i] & 0xFF) << 8) | (body[i + 1] & 0xFF);
                    i += 2;
                    break;
                case 0x13: case 0x22:
                    i += 2;
                    break;
                case 0x24: case 0x25: case 0x28: case 0x29: case 0x2A:
                    i += 1;
                    break;
                case 0x11: case 0x27:
                    i += 4;
                    break;
                case 0x12: case 0x15: case 0x16: case 0x1A: case 0x1C: case 0x1F:
                    i += 2 + (((body[i] & 0xFF) << 8) | (body[i + 1] & 0xFF));
                    break;
                case 0x26:
                    i += 2 + (((body[i] & 0xFF) << 8) | (body[i + 1] & 0xFF));
                    i += 2 + (((body[i] & 0xFF) << 8) | (body[i + 1] & 0xFF));
                    break;
                default:
                    return; // unknown property: stop reading, keep the default
            }
        }
    }
}
