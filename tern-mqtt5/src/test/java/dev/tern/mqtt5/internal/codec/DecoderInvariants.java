package dev.tern.mqtt5.internal.codec;

/**
 * What every decode must satisfy, whoever generates the input ({@link DecoderFuzzTest}'s own mutator,
 * Jazzer in {@link DecoderCoverageFuzzTest}).
 */
final class DecoderInvariants {

    private DecoderInvariants() {
    }

    /**
     * Whether {@code input[from, to)} starts with a whole packet, or with a Remaining Length that is
     * already malformed: then the decoder must not have answered "incomplete".
     */
    static boolean wholePacketOrBadLengthBuffered(byte[] input, int from, int to) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int at = from + 1 + i;
            if (at >= to) {
                return false;
            }
            int b = input[at] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    return true; // not the shortest form
                }
                return (long) (2 + i) + value <= to - from;
            }
        }
        return true; // a fifth length byte
    }
}
