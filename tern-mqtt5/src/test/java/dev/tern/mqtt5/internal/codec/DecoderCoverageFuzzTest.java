package dev.tern.mqtt5.internal.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tern.mqtt5.packets.DisconnectReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link MqttPacketDecoder} with Jazzer, on both sides: what a client decodes
 * (server packets) and what a server decodes (client packets). {@link DecoderFuzzTest} mutates blindly;
 * here the mutator keeps the inputs that reach new branches, so it gets deep into property sections,
 * topic aliases and reason codes that random mutation rarely completes.
 *
 * <p>Input: the first byte chooses the decoder settings (low nibble, modulo the settings of that side)
 * and how the rest is fed (high nibble: in one piece, or in chunks of 1, 2, 3, 7 or 64 bytes into one
 * cumulation buffer, as TCP may deliver it); the rest is the byte stream. Each input must:
 * <ul>
 *   <li>end in packets, in null for an incomplete packet (the buffered bytes really hold no whole
 *       packet), or in a checked {@link DecodeException} that is not
 *       {@linkplain DecodeException#isUnexpected() unexpected} and has a message; nothing else escapes;
 *   <li>consume bytes with every packet;
 *   <li>decode to the same packets and the same error when fed in chunks as when fed in one piece;
 *   <li>allocate no more than a constant factor of its size plus a constant ({@link #PER_BYTE},
 *       {@link #FIXED}): no allocation driven by a length field.
 * </ul>
 * Without {@code JAZZER_FUZZ} these run the committed corpus under
 * {@code src/test/resources/dev/tern/mqtt5/internal/codec/DecoderCoverageFuzzTestInputs/} as
 * regression tests; see docs/reliability.md for fuzzing runs.
 */
class DecoderCoverageFuzzTest {

    private static final int[] CHUNKS = {0, 1, 2, 3, 7, 64};

    /**
     * The allocation bound, {@code PER_BYTE * n + FIXED}, looser than {@link DecoderFuzzTest}'s: while
     * fuzzing, Jazzer's hooks on string and array comparisons allocate on the decoding thread too (seen:
     * 9.5 kB for a 41-byte SUBSCRIBE, 220 bytes per input byte for a run of SUBSCRIBEs with "$share"-like
     * filters). A constant factor is not what this looks for; a length field still cannot hide in the
     * bound: a 64 KiB string or binary claimed by an input under 64 bytes, or any 256 MiB Remaining Length
     * or property length, is above it. {@link DecoderFuzzTest} keeps the tight bound, without hooks.
     */
    private static final long PER_BYTE = 512;
    private static final long FIXED = 32 * 1024;

    private static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        MX.setThreadAllocatedMemoryEnabled(true);
    }

    @FuzzTest
    void clientDecoder(byte[] input) {
        check(DecoderFuzzTest.CLIENT_SETTINGS, input);
    }

    @FuzzTest
    void serverDecoder(byte[] input) {
        check(DecoderFuzzTest.SERVER_SETTINGS, input);
    }

    private static void check(DecoderSettings[] choices, byte[] input) {
        if (input.length == 0) {
            return;
        }
        int control = input[0] & 0xFF;
        DecoderSettings settings = choices[(control & 0x0F) % choices.length];
        int chunk = CHUNKS[(control >>> 4) % CHUNKS.length];
        byte[] wire = Arrays.copyOfRange(input, 1, input.length);

        long tid = Thread.currentThread().getId();
        long before = MX.getThreadAllocatedBytes(tid);
        Outcome whole = decode(settings, wire, 0);
        long allocated = MX.getThreadAllocatedBytes(tid) - before;
        long bound = PER_BYTE * wire.length + FIXED;
        if (allocated > bound) {
            // A one-off of the JVM on this thread (a class initialised, a lambda bootstrapped) is not the
            // decoder's: only the smaller of two measurements counts.
            before = MX.getThreadAllocatedBytes(tid);
            decode(settings, wire, 0);
            allocated = Math.min(allocated, MX.getThreadAllocatedBytes(tid) - before);
            if (allocated > bound) {
                throw new AssertionError(allocated + " bytes allocated decoding " + wire.length + " bytes (bound "
                        + bound + ") with " + describe(settings) + ": " + hex(wire));
            }
        }
        if (chunk != 0) {
            Outcome pieces = decode(settings, wire, chunk);
            if (!pieces.equals(whole)) {
                throw new AssertionError("fed in chunks of " + chunk + " the decoder (" + describe(settings) + ") gave "
                        + pieces + ", in one piece " + whole + ": " + hex(wire));
            }
        }
    }

    /** Packets and the error (or null) of one decode, fed whole ({@code chunk} 0) or in chunks. */
    private static Outcome decode(DecoderSettings settings, byte[] wire, int chunk) {
        MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
        ByteBuf in = chunk == 0 ? Unpooled.wrappedBuffer(wire) : Unpooled.buffer(64);
        List<Object> packets = new ArrayList<>();
        try {
            int fed = chunk == 0 ? wire.length : 0;
            do {
                if (chunk != 0) {
                    int n = Math.min(chunk, wire.length - fed);
                    in.writeBytes(wire, fed, n);
                    fed += n;
                }
                while (true) {
                    int at = in.readerIndex();
                    Object packet = decoder.decode(in);
                    if (packet == null) {
                        if (in.readerIndex() != at) {
                            throw new AssertionError("null (incomplete) after consuming bytes: " + hex(wire));
                        }
                        break;
                    }
                    if (in.readerIndex() <= at) {
                        throw new AssertionError(packet + " decoded without consuming bytes: " + hex(wire));
                    }
                    packets.add(packet);
                }
            } while (fed < wire.length);
            if (in.isReadable() && DecoderInvariants.wholePacketOrBadLengthBuffered(wire,
                    wire.length - in.readableBytes(), wire.length)) {
                throw new AssertionError("null (incomplete) although a whole packet or a malformed length is"
                        + " buffered at " + (wire.length - in.readableBytes()) + ": " + hex(wire));
            }
            return new Outcome(packets, null);
        } catch (DecodeException e) {
            if (e.isUnexpected()) {
                throw new AssertionError("unexpected decoder failure: " + hex(wire), e.getCause());
            }
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("DecodeException without a message: " + hex(wire), e);
            }
            return new Outcome(packets, e.reasonCode());
        } finally {
            in.release();
        }
    }

    private static String describe(DecoderSettings settings) {
        return settings.side() + " decoder, maximum packet size " + settings.maximumPacketSize() + ", topic alias"
                + " maximum " + settings.topicAliasMaximum();
    }

    private static String hex(byte[] bytes) {
        return Rejections.hex(bytes);
    }

    private static final class Outcome {
        final List<Object> packets;
        final DisconnectReasonCode error;

        Outcome(List<Object> packets, DisconnectReasonCode error) {
            this.packets = packets;
            this.error = error;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome && ((Outcome) o).packets.equals(packets) && ((Outcome) o).error == error;
        }

        @Override
        public int hashCode() {
            return packets.hashCode() * 31 + (error == null ? 0 : error.hashCode());
        }

        @Override
        public String toString() {
            return packets.size() + " packets " + packets + (error != null ? " then " + error : "");
        }
    }
}
