package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.packets.DisconnectReasonCode;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one complete packet from a {@link ByteBuf}, never past a limit (the packet's end,
 * or the end of its properties). Every read that would cross the limit is a Malformed Packet, so a
 * length field can never make the decoder read into the next packet or allocate more than is there.
 *
 * <p>One instance per decoder, reused for every packet: not thread-safe.
 */
final class PacketReader {

    /** Strings longer than this are read through an array of their own, so a reader never keeps more. */
    private static final int MAX_SCRATCH = 1_024;

    private ByteBuf buf;
    private int limit;
    private byte[] scratch = new byte[64];

    void reset(ByteBuf buf, int limit) {
        this.buf = buf;
        this.limit = limit;
    }

    /** Lowers the limit to {@code newLimit}; returns the old one for {@link #restoreLimit}. */
    int narrow(int newLimit) {
        int old = limit;
        limit = newLimit;
        return old;
    }

    void restoreLimit(int old) {
        limit = old;
    }

    int index() {
        return buf.readerIndex();
    }

    int remaining() {
        return limit - buf.readerIndex();
    }

    boolean hasRemaining() {
        return buf.readerIndex() < limit;
    }

    private void need(int bytes, String what) throws DecodeException {
        if (limit - buf.readerIndex() < bytes) {
            throw DecodeException.malformed(what + " runs past the end of the packet");
        }
    }

    // The field name is joined to its part only on failure: this runs for every field of every packet.
    private void need(int bytes, String what, String part) throws DecodeException {
        if (limit - buf.readerIndex() < bytes) {
            throw DecodeException.malformed(what + part + " runs past the end of the packet");
        }
    }

    private int readUnsignedShort(String what, String part) throws DecodeException {
        need(2, what, part);
        return buf.readUnsignedShort();
    }

    int readUnsignedByte(String what) throws DecodeException {
        need(1, what);
        return buf.readUnsignedByte();
    }

    int readUnsignedByte(String what, String part) throws DecodeException {
        need(1, what, part);
        return buf.readUnsignedByte();
    }

    int readUnsignedShort(String what) throws DecodeException {
        need(2, what);
        return buf.readUnsignedShort();
    }

    long readUnsignedInt(String what) throws DecodeException {
        need(4, what);
        return buf.readUnsignedInt();
    }

    int readVariableByteInteger(String what) throws DecodeException {
        return readVariableByteInteger(what, "");
    }

    private int readVariableByteInteger(String what, String part) throws DecodeException {
        long packed = VariableByteInteger.peek(buf, buf.readerIndex(), limit);
        if (packed == VariableByteInteger.INCOMPLETE) {
            throw DecodeException.malformed(what + part + " runs past the end of the packet");
        }
        if (packed == VariableByteInteger.MALFORMED) {
            throw DecodeException.malformed(what + part + " is not a valid variable byte integer");
        }
        buf.skipBytes((int) (packed & 7));
        return (int) (packed >>> 3);
    }

    /** A packet identifier: two bytes, never 0 ([MQTT-2.2.1-3]). */
    int readPacketId(String packet) throws DecodeException {
        int id = readUnsignedShort(packet, " packet identifier");
        if (id == 0) {
            throw DecodeException.protocolError(packet + " packet identifier must not be 0");
        }
        return id;
    }

    /** A UTF-8 Encoded String (section 1.5.4), validated. */
    String readString(String what) throws DecodeException {
        int length = readUnsignedShort(what, " length");
        need(length, what);
        int index = buf.readerIndex();
        int kind = Utf8.validate(buf, index, length);
        if (kind == Utf8.INVALID) {
            throw DecodeException.malformed(what + " is not a valid MQTT UTF-8 string");
        }
        String s = length == 0 ? "" : decode(index, length, kind == Utf8.ASCII);
        buf.skipBytes(length);
        return s;
    }

    /**
     * The string through this reader's own scratch array: the String's value is then the only allocation
     * (Netty's {@code ByteBuf.toString} allocates a second array on threads that are not Netty's own).
     */
    private String decode(int index, int length, boolean ascii) {
        byte[] bytes = length <= MAX_SCRATCH ? scratch(length) : new byte[length];
        buf.getBytes(index, bytes, 0, length);
        return new String(bytes, 0, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[Math.min(MAX_SCRATCH, Math.max(length, scratch.length * 2))];
        }
        return scratch;
    }

    /** A topic name: a string without wildcards ([MQTT-3.3.2-2]); may be empty (topic alias). */
    String readTopicName(String what) throws DecodeException {
        String topic = readString(what);
        if (Topics.hasWildcard(topic)) {
            throw new DecodeException(DisconnectReasonCode.TOPIC_NAME_INVALID,
                    what + " must not contain wildcards: " + topic);
        }
        return topic;
    }

    /** Binary Data (section 1.5.6). */
    byte[] readBinary(String what) throws DecodeException {
        int length = readUnsignedShort(what, " length");
        need(length, what);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /** Everything up to the limit. */
    byte[] readRest() {
        byte[] bytes = new byte[remaining()];
        buf.readBytes(bytes);
        return bytes;
    }

    /** A boolean property byte: 0 or 1, anything else is a protocol error. */
    boolean readBooleanProperty(String what) throws DecodeException {
        int value = readUnsignedByte(what);
        if (value > 1) {
            throw DecodeException.protocolError(what + " must be 0 or 1, was " + value);
        }
        return value == 1;
    }

    /**
     * Reads the Property Length and narrows the limit to the end of the properties.
     *
     * @return the limit to restore once the properties are read
     */
    int enterProperties(String packet) throws DecodeException {
        int length = readVariableByteInteger(packet, " property length");
        if (length > remaining()) {
            throw DecodeException.malformed(packet + " property length " + length
                    + " exceeds the " + remaining() + " bytes left in the packet");
        }
        return narrow(buf.readerIndex() + length);
    }

    /** Reads a property identifier and records it in {@code seen}; a repeat is a protocol error. */
    int readPropertyId(String packet) throws DecodeException {
        return readVariableByteInteger(packet, " property identifier");
    }

    static long once(long seen, int id, String packet) throws DecodeException {
        long bit = 1L << id;
        if ((seen & bit) != 0) {
            throw DecodeException.protocolError(
                    packet + " contains " + Properties.name(id) + " more than once");
        }
        return seen | bit;
    }

    static DecodeException notAllowed(int id, String packet) {
        return DecodeException.malformed(
                Properties.isKnown(id)
                        ? Properties.name(id) + " is not allowed on " + packet
                        : "unknown property identifier 0x" + Integer.toHexString(id) + " on " + packet);
    }
}
