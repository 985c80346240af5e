package dev.tern.mqtt5.internal.codec;

import dev.tern.mqtt5.PacketTooLargeException;
import dev.tern.mqtt5.packets.PacketType;
import dev.tern.mqtt5.packets.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

import java.util.List;

/** Sizes and writers shared by the packet encoders (MQTT 5.0 section 1.5 data types). */
final class Encoding {

    static final int MAX_REMAINING_LENGTH = VariableByteInteger.MAX_VALUE;

    private Encoding() {
    }

    /** A UTF-8 Encoded String: two length bytes and the UTF-8. */
    static int stringSize(String s) {
        return 2 + Utf8.encodedLength(s);
    }

    static void writeString(ByteBuf buf, String s) {
        int length = Utf8.encodedLength(s);
        buf.writeShort(length);
        ByteBufUtil.reserveAndWriteUtf8(buf, s, length);
    }

    static void writeString(ByteBuf buf, String s, int utf8Length) {
        buf.writeShort(utf8Length);
        ByteBufUtil.reserveAndWriteUtf8(buf, s, utf8Length);
    }

    static void writeBinary(ByteBuf buf, byte[] data) {
        buf.writeShort(data.length);
        buf.writeBytes(data);
    }

    /** An optional string property: identifier plus string, or nothing. */
    static int stringPropertySize(String s) {
        return s == null ? 0 : 1 + stringSize(s);
    }

    /** An optional binary property: identifier, two length bytes and the data, or nothing. */
    static int binaryPropertySize(byte[] data) {
        return data == null ? 0 : 3 + data.length;
    }

    static int userPropertiesSize(List<UserProperty> properties) {
        int size = 0;
        for (int i = 0, n = properties.size(); i < n; i++) {
            UserProperty p = properties.get(i);
            size += 1 + stringSize(p.name()) + stringSize(p.value());
        }
        return size;
    }

    static void writeStringProperty(ByteBuf buf, int id, String s) {
        if (s != null) {
            buf.writeByte(id);
            writeString(buf, s);
        }
    }

    static void writeBinaryProperty(ByteBuf buf, int id, byte[] data) {
        if (data != null) {
            buf.writeByte(id);
            writeBinary(buf, data);
        }
    }

    static void writeIntProperty(ByteBuf buf, int id, Long value) {
        if (value != null) {
            buf.writeByte(id);
            buf.writeInt((int) value.longValue());
        }
    }

    static void writeShortProperty(ByteBuf buf, int id, Integer value) {
        if (value != null) {
            buf.writeByte(id);
            buf.writeShort(value);
        }
    }

    static void writeBooleanProperty(ByteBuf buf, int id, Boolean value) {
        if (value != null) {
            buf.writeByte(id);
            buf.writeByte(value ? 1 : 0);
        }
    }

    static void writeUserProperties(ByteBuf buf, List<UserProperty> properties) {
        for (int i = 0, n = properties.size(); i < n; i++) {
            UserProperty p = properties.get(i);
            buf.writeByte(Properties.USER_PROPERTY);
            writeString(buf, p.name());
            writeString(buf, p.value());
        }
    }

    /** The whole packet's size for a remaining length. */
    static long packetSize(long remainingLength) {
        return remainingLength > MAX_REMAINING_LENGTH
                ? 1 + 4 + remainingLength
                : 1 + VariableByteInteger.size((int) remainingLength) + remainingLength;
    }

    static boolean fits(long remainingLength, long maximumPacketSize) {
        return remainingLength <= MAX_REMAINING_LENGTH && packetSize(remainingLength) <= maximumPacketSize;
    }

    static PacketTooLargeException tooLarge(PacketType type, long remainingLength, long maximumPacketSize) {
        return new PacketTooLargeException(type, packetSize(remainingLength),
                Math.min(maximumPacketSize, DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE));
    }

    /** Allocates exactly the packet's size (one pooled I/O buffer) and writes the fixed header. */
    static ByteBuf allocate(ByteBufAllocator alloc, PacketType type, int flags, int remainingLength) {
        int size = (int) packetSize(remainingLength);
        ByteBuf buf = alloc.ioBuffer(size, size);
        buf.writeByte(type.code() << 4 | flags);
        VariableByteInteger.write(buf, remainingLength);
        return buf;
    }
}
