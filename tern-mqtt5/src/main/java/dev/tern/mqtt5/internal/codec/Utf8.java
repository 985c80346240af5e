package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * UTF-8 rules of MQTT 5.0 section 1.5.4: well-formed UTF-8 (RFC 3629: no over-long forms, no
 * surrogates, nothing past U+10FFFF) and no U+0000. Code points the specification says SHOULD NOT
 * appear (controls, non-characters) are accepted, as the specification allows.
 */
public final class Utf8 {

    /** {@link #validate} result: not a valid MQTT string. */
    public static final int INVALID = -1;
    /** {@link #validate} result: valid, and every byte is US-ASCII. */
    public static final int ASCII = 0;
    /** {@link #validate} result: valid, with multi-byte sequences. */
    public static final int NON_ASCII = 1;

    private Utf8() {
    }

    /**
     * The number of bytes {@code s} takes in UTF-8, assuming it has no unpaired surrogate (the public
     * builders have checked that).
     */
    public static int encodedLength(CharSequence s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c)) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /**
     * Why {@code s} cannot be sent as an MQTT string, or null if it can: U+0000, an unpaired
     * surrogate, or more than 65,535 bytes of UTF-8.
     */
    public static String problem(String s) {
        int length = s.length();
        int bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "contains U+0000 at index " + i;
            }
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return "unpaired surrogate at index " + i;
                }
                bytes += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "unpaired surrogate at index " + i;
            } else {
                bytes += 3;
            }
        }
        if (bytes > 0xFFFF) {
            return "encodes to " + bytes + " bytes of UTF-8, more than 65535";
        }
        return null;
    }

    /**
     * Checks {@code length} bytes of {@code buf} from {@code index} (reader index untouched).
     *
     * @return {@link #ASCII}, {@link #NON_ASCII} or {@link #INVALID}
     */
    public static int validate(ByteBuf buf, int index, int length) {
        int end = index + length;
        int i = index;
        // Fast path: most MQTT strings are ASCII.
        while (i < end) {
            byte b = buf.getByte(i);
            if (b <= 0) {
                break; // 0x00, or a byte >= 0x80
            }
            i++;
        }
        if (i == end) {
            return ASCII;
        }
        while (i < end) {
            int b0 = buf.getByte(i) & 0xFF;
            if (b0 == 0) {
                return INVALID;
            }
            if (b0 < 0x80) {
                i++;
                continue;
            }
            if (b0 < 0xC2 || b0 > 0xF4) {
                return INVALID; // continuation byte as lead, over-long 2-byte lead, or beyond U+10FFFF
            }
            if (b0 < 0xE0) {
                if (i + 1 >= end || !isContinuation(buf.getByte(i + 1))) {
                    return INVALID;
                }
                i += 2;
            } else if (b0 < 0xF0) {
                if (i + 2 >= end) {
                    return INVALID;
                }
                int b1 = buf.getByte(i + 1) & 0xFF;
                if (!isContinuation((byte) b1) || !isContinuation(buf.getByte(i + 2))) {
                    return INVALID;
                }
                if (b0 == 0xE0 && b1 < 0xA0) {
                    return INVALID; // over-long
                }
                if (b0 == 0xED && b1 >= 0xA0) {
                    return INVALID; // U+D800..U+DFFF: surrogates
                }
                i += 3;
            } else {
                if (i + 3 >= end) {
                    return INVALID;
                }
                int b1 = buf.getByte(i + 1) & 0xFF;
                if (!isContinuation((byte) b1) || !isContinuation(buf.getByte(i + 2))
                        || !isContinuation(buf.getByte(i + 3))) {
                    return INVALID;
                }
                if (b0 == 0xF0 && b1 < 0x90) {
                    return INVALID; // over-long
                }
                if (b0 == 0xF4 && b1 >= 0x90) {
                    return INVALID; // beyond U+10FFFF
                }
                i += 4;
            }
        }
        return NON_ASCII;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
