package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.ByteBuf;

/** The Variable Byte Integer of MQTT 5.0 section 1.5.5: 7 bits per byte, at most 4 bytes. */
public final class VariableByteInteger {

    /** The largest encodable value: 268,435,455. */
    public static final int MAX_VALUE = 268_435_455;
    /** {@link #peek} result: more bytes are needed. */
    static final int INCOMPLETE = -1;
    /** {@link #peek} result: more than 4 bytes, or not in the shortest form. */
    static final int MALFORMED = -2;

    private VariableByteInteger() {
    }

    /** Bytes needed to encode {@code value} (0 to {@link #MAX_VALUE}). */
    public static int size(int value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        if (value < 2_097_152) {
            return 3;
        }
        return 4;
    }

    public static void write(ByteBuf buf, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            buf.writeByte(value > 0 ? b | 0x80 : b);
        } while (value > 0);
    }

    /**
     * Reads a value at {@code index}, without moving the reader index, looking at bytes before
     * {@code limit} only.
     *
     * @return the value and its length packed as {@code value << 3 | length}, or {@link #INCOMPLETE} or
     *     {@link #MALFORMED}
     */
    static long peek(ByteBuf buf, int index, int limit) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (index + i >= limit) {
                return INCOMPLETE;
            }
            int b = buf.getUnsignedByte(index + i);
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    return MALFORMED; // [MQTT-1.5.5-1]: the shortest encoding must be used
                }
                return ((long) value << 3) | (i + 1);
            }
        }
        return MALFORMED;
    }
}
