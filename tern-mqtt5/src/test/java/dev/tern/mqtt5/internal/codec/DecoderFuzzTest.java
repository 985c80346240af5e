package dev.tern.mqtt5.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A bounded fuzz run inside the normal suite: a million inputs — mutations of valid packets of every
 * type (bit flips, byte replacements, insertions, deletions, truncations, duplicated slices, inflated
 * Remaining Lengths, string/binary lengths and property lengths) and plain random bytes — each fed to a
 * client's and a server's {@link MqttPacketDecoder}.
 *
 * <p>Every decode must end in packets, in null for an incomplete packet (checked: the buffered bytes
 * really do not hold a whole packet), or in a checked {@link DecodeException} that is not
 * {@linkplain DecodeException#isUnexpected() unexpected}. Nothing else may escape, every returned
 * packet must consume bytes (so a caller's loop ends), and no decode may allocate more than a small
 * multiple of its input: a length field claiming 200 MB must not make the decoder allocate 200 MB.
 *
 * <p>Seeded: the seed is printed, and {@code -Dtern.fuzz.seed=N} replays a run
 * ({@code -Dtern.fuzz.inputs=N} changes its size).
 */
class DecoderFuzzTest {

    private static final int INPUTS = Integer.getInteger("tern.fuzz.inputs", 1_000_000);

    /** Mutated bodies are kept below this; inputs stay below a few KiB so that each decode is cheap. */
    private static final int MAX_BODY = 4096;
    private static final int MAX_INPUT = 3 * MAX_BODY;

    /**
     * The allocation bound for one decode of an input of n bytes: {@code PER_BYTE * n + FIXED}.
     *
     * <p>Chosen from {@link #measureValidSamples}, which decodes the encoded samples of every type and
     * valid packets packed with the smallest fields the format has. Measured on JDK 17 (compressed
     * oops), counting cold runs too:
     * <ul>
     *   <li>a packet alone costs up to about 1.3 KiB beyond its bytes (packet, builder, lists,
     *       IdentifiedPacket or InboundPublish; or the exception and its message);
     *   <li>ordinary packets cost 20-35 bytes per input byte (a 146-byte CONNECT with every property
     *       and a will: 3.8 KB; a 107-byte CONNACK with every property: 3 KB);
     *   <li>the densest: SUBACK reason codes, 1 input byte each, cost up to about 86 bytes each until
     *       the JIT removes most of it — the packet builders copy the list twice, and
     *       {@code Checks.immutableList} concatenates a message string ({@code name + " element"}) for
     *       every element; one-character User Properties, SUBSCRIBE and UNSUBSCRIBE filters cost
     *       45-51 bytes per input byte.
     * </ul>
     * 128 bytes per input byte and 4 KiB leave about a third of headroom over the worst of these.
     * That is a constant factor, as object headers make it in Java; what the bound rules out is
     * allocation driven by a length field instead of by bytes present: a 64 KiB string or binary
     * length in a 100-byte input (65,536 &gt; 128 * 100 + 4,096), a 256 MiB Remaining Length or
     * property length, a collection presized from a count.
     */
    static final long PER_BYTE = 128;
    static final long FIXED = 4096;

    /**
     * The allocation ratio (bytes allocated per input byte) is reported for inputs of at least this size;
     * below it the fixed part of the bound dominates and the ratio says nothing.
     */
    private static final int RATIO_MIN_INPUT = 64;

    private static final long MAX = DecoderSettings.PROTOCOL_MAXIMUM_PACKET_SIZE;

    /**
     * Decoders for each side. The topic alias maximum stays small on purpose: a decoder allocates its
     * alias table (one reference per alias the client allowed) on the first alias it sees, which is
     * sized by the settings, not by the input — with 65,535 that alone is 256 KiB for a 10-byte PUBLISH.
     * Small maximum packet sizes send some inputs down the Packet Too Large path.
     */
    static final DecoderSettings[] CLIENT_SETTINGS = {
        DecoderSettings.client(MAX, DecoderSamples.TOPIC_ALIAS_MAXIMUM, true),
        DecoderSettings.client(MAX, DecoderSamples.TOPIC_ALIAS_MAXIMUM, false),
        DecoderSettings.client(MAX, 0, true),
        DecoderSettings.client(300, 3, true),
    };
    static final DecoderSettings[] SERVER_SETTINGS = {
        DecoderSettings.server(MAX, DecoderSamples.TOPIC_ALIAS_MAXIMUM),
        DecoderSettings.server(MAX, 0),
        DecoderSettings.server(300, 3),
    };

    @Test
    void mutatedAndRandomInputsYieldPacketsOrCheckedErrorsWithinABoundedAllocation() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting is not supported");
        mx.setThreadAllocatedMemoryEnabled(true);
        long seed = Long.getLong("tern.fuzz.seed", System.nanoTime());
        System.out.println("DecoderFuzzTest seed " + seed + " (replay with -Dtern.fuzz.seed=" + seed + ")");
        Run run = new Run(seed, mx);
        try {
            // Preemptive: an input that made the decoder loop forever fails the test instead of hanging it.
            assertTimeoutPreemptively(Duration.ofSeconds(55), run::execute,
                    () -> "fuzz run did not finish; seed " + seed + ", last input " + run.describeInput());
        } finally {
            run.release();
        }
        System.out.println(run.summary());
        System.out.println(run.largestAllocation());
        assertThat(run.failures).as("seed %d: %s", seed, run.summary()).isEmpty();
        assertThat(run.inputs).isEqualTo(INPUTS);
        assertThat(run.packets).as("the valid part of the corpus must decode").isPositive();
    }

    /**
     * The systematic half of length inflation: in the first packet of every valid sample, every pair of
     * bytes in turn becomes {@code FF FF} (a 65,535-byte string, binary or packet identifier), and every
     * single byte in turn becomes the 4-byte variable byte integer 268,435,455 (a property length,
     * property identifier or Subscription Identifier claiming 256 MiB), with the Remaining Length fixed
     * up so that the decoder parses the whole body; then the Remaining Length itself claims 256 MiB. Each
     * input must end in packets, null or a checked error, within the allocation bound.
     */
    @Test
    void everyLengthFieldOfEverySampleInflatedToTheMaximumStaysWithinTheAllocationBound() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting is not supported");
        mx.setThreadAllocatedMemoryEnabled(true);
        long tid = Thread.currentThread().getId();
        List<String> failures = new ArrayList<>();
        checkTheCounterSeesAllocations(mx, tid);
        long inputs = 0;
        double worstRatio = 0;
        for (int side = 0; side < 2; side++) {
            DecoderSettings settings = side == 0 ? CLIENT_SETTINGS[0] : SERVER_SETTINGS[0];
            for (byte[] sample : side == 0 ? DecoderSamples.fromServer(false) : DecoderSamples.fromClient(false)) {
                Seed seed = Seed.parse(sample);
                int header = seed.headers[0];
                byte[] body = seed.bodies[0];
                List<byte[]> variants = new ArrayList<>();
                for (int at = 0; at + 1 < body.length; at++) {
                    byte[] b = body.clone();
                    b[at] = (byte) 0xFF;
                    b[at + 1] = (byte) 0xFF;
                    variants.add(frame(header, b));
                }
                for (int at = 0; at < body.length; at++) {
                    variants.add(frame(header, concatAll(java.util.Arrays.copyOfRange(body, 0, at),
                            bytes(0xFF, 0xFF, 0xFF, 0x7F), java.util.Arrays.copyOfRange(body, at + 1, body.length))));
                }
                variants.add(concatAll(bytes(header, 0xFF, 0xFF, 0xFF, 0x7F), body));
                for (byte[] input : variants) {
                    inputs++;
                    long allocated = Long.MAX_VALUE;
                    for (int round = 0; round < 2; round++) { // the smaller of two: see checkAllocation
                        MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
                        ByteBuf in = Unpooled.wrappedBuffer(input);
                        long before = mx.getThreadAllocatedBytes(tid);
                        try {
                            while (decoder.decode(in) != null) {
                                // next
                            }
                        } catch (DecodeException e) {
                            if (e.isUnexpected() && round == 0) {
                                failures.add("unexpected " + e.getCause() + " for " + Rejections.hex(input));
                            }
                        } catch (RuntimeException | Error e) {
                            if (round == 0) {
                                failures.add(e + " escaped for " + Rejections.hex(input));
                            }
                        } finally {
                            allocated = Math.min(allocated, mx.getThreadAllocatedBytes(tid) - before);
                            in.release();
                        }
                    }
                    worstRatio = Math.max(worstRatio, (double) allocated / input.length);
                    if (allocated > PER_BYTE * input.length + FIXED) {
                        failures.add(allocated + " bytes allocated for " + input.length + " bytes: "
                                + Rejections.hex(input));
                    }
                }
            }
        }
        System.out.println(String.format("DecoderFuzzTest inflated length fields: %d inputs, max allocation ratio"
                + " %.2f bytes/input byte, %d failures", inputs, worstRatio, failures.size()));
        assertThat(failures).isEmpty();
    }

    /** Keeps the probe allocation below alive, so that the JIT cannot remove it. */
    static volatile byte[] probeSink;

    /** The bound is only worth something if the counter really sees a large allocation on this thread. */
    static void checkTheCounterSeesAllocations(com.sun.management.ThreadMXBean mx, long tid) {
        long before = mx.getThreadAllocatedBytes(tid);
        probeSink = new byte[1 << 20];
        long seen = mx.getThreadAllocatedBytes(tid) - before;
        probeSink = null;
        assertThat(seen).as("allocation counter after a 1 MiB array").isGreaterThanOrEqualTo(1 << 20);
    }

    /** One fuzz run: generator, decoders, measurements and findings. */
    static final class Run {

        private final SplittableRandom random;
        private final com.sun.management.ThreadMXBean mx;
        private long overhead;

        private final List<Seed> clientSeeds = new ArrayList<>(); // decoded by a client: sent by a server
        private final List<Seed> serverSeeds = new ArrayList<>(); // decoded by a server: sent by a client

        private final byte[] body = new byte[MAX_BODY + 64];
        private int bodyLength;
        private final byte[] scratch = new byte[MAX_BODY + 64];
        private final byte[] input = new byte[MAX_INPUT];
        private int inputLength;
        private final ByteBuf in = Unpooled.wrappedBuffer(input);

        final List<String> failures = new ArrayList<>();
        long inputs;
        long decodes;
        long packets;
        long incomplete;
        final long[] errorsByCode = new long[256];
        double maxRatio;
        int maxRatioInput;
        long maxRatioAllocated;
        long maxAllocated;
        int maxAllocatedInput;
        String maxAllocatedSide;
        byte[] maxAllocatedBytes;
        double maxOfBound;
        long remeasured;
        long slowestNanos;
        long elapsedNanos;

        Run(long seed, com.sun.management.ThreadMXBean mx) {
            this.random = new SplittableRandom(seed);
            this.mx = mx;
            for (byte[] wire : DecoderSamples.fromServer(false)) {
                clientSeeds.add(Seed.parse(wire));
            }
            for (byte[] wire : DecoderSamples.fromClient(false)) {
                serverSeeds.add(Seed.parse(wire));
            }
        }

        void release() {
            in.release();
        }

        void execute() {
            // Allocation counting runs on the thread that decodes: the one assertTimeoutPreemptively made.
            long tid = Thread.currentThread().getId();
            overhead = Long.MAX_VALUE;
            for (int i = 0; i < 1000; i++) {
                long a = mx.getThreadAllocatedBytes(tid);
                long b = mx.getThreadAllocatedBytes(tid);
                overhead = Math.min(overhead, b - a);
            }
            checkTheCounterSeesAllocations(mx, tid);
            warmUp();
            long start = System.nanoTime();
            for (long i = 0; i < INPUTS; i++) {
                generate();
                long t0 = System.nanoTime();
                decodeAndCheck(tid, CLIENT_SETTINGS[random.nextInt(CLIENT_SETTINGS.length)]);
                decodeAndCheck(tid, SERVER_SETTINGS[random.nextInt(SERVER_SETTINGS.length)]);
                long took = System.nanoTime() - t0;
                if (took > slowestNanos) {
                    slowestNanos = took;
                }
                if (took > 2_000_000_000L) {
                    fail("took " + took / 1_000_000 + " ms");
                }
                inputs++;
            }
            elapsedNanos = System.nanoTime() - start;
        }

        /** Runs the valid samples until the JIT has seen them; nothing measured. */
        private void warmUp() {
            for (int round = 0; round < 200; round++) {
                for (Seed s : clientSeeds) {
                    frameUnchanged(s);
                    decodeQuietly(CLIENT_SETTINGS[0]);
                }
                for (Seed s : serverSeeds) {
                    frameUnchanged(s);
                    decodeQuietly(SERVER_SETTINGS[0]);
                }
            }
        }

        private void decodeQuietly(DecoderSettings settings) {
            MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
            in.setIndex(0, inputLength);
            try {
                while (decoder.decode(in) != null) {
                    // next
                }
            } catch (DecodeException e) {
                // only warming up
            }
        }

        // ------------------------------------------------------------ decoding and checks

        private void decodeAndCheck(long tid, DecoderSettings settings) {
            decodes++;
            MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
            in.setIndex(0, inputLength);
            int decoded = 0;
            DecodeException error = null;
            Throwable escaped = null;
            boolean noProgress = false;
            long before = mx.getThreadAllocatedBytes(tid);
            try {
                while (true) {
                    int at = in.readerIndex();
                    Object packet = decoder.decode(in);
                    if (packet == null) {
                        break;
                    }
                    decoded++;
                    if (in.readerIndex() <= at || decoded > inputLength) {
                        noProgress = true;
                        break;
                    }
                }
            } catch (DecodeException e) {
                error = e;
            } catch (Throwable t) {
                escaped = t;
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before - overhead;

            packets += decoded;
            if (escaped != null) {
                fail(side(settings) + " let " + escaped + " escape");
                return;
            }
            if (noProgress) {
                fail(side(settings) + " returned a packet without consuming bytes");
                return;
            }
            if (error != null) {
                if (error.isUnexpected()) {
                    fail(side(settings) + " unexpected exception: " + error.getMessage());
                    return;
                }
                if (error.getMessage() == null || error.getMessage().isEmpty()) {
                    fail(side(settings) + " threw a DecodeException without a message");
                    return;
                }
                errorsByCode[error.reasonCode().code()]++;
            } else if (in.isReadable()) {
                incomplete++;
                if (DecoderInvariants.wholePacketOrBadLengthBuffered(input, in.readerIndex(), inputLength)) {
                    fail(side(settings) + " returned null although a whole packet (or a malformed length) is"
                            + " buffered at " + in.readerIndex());
                    return;
                }
            }
            checkAllocation(tid, settings, allocated);
        }

        private void checkAllocation(long tid, DecoderSettings settings, long allocated) {
            long bound = PER_BYTE * inputLength + FIXED;
            boolean newMaximum = allocated > maxAllocated
                    || inputLength >= RATIO_MIN_INPUT && (double) allocated / inputLength > maxRatio;
            if (allocated > bound || newMaximum) {
                // Possibly a one-off of the JVM or a library on this thread (a class initialised, a
                // string concatenation bootstrapped on its first run, a thread-local cache grown): decode
                // the same input again with a fresh decoder and keep the smaller measurement. Done for
                // inputs over the bound, and for new maxima so that the reported maxima are the
                // decoder's and not the JVM's.
                remeasured++;
                MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
                in.setIndex(0, inputLength);
                long before = mx.getThreadAllocatedBytes(tid);
                try {
                    while (decoder.decode(in) != null) {
                        // next
                    }
                } catch (DecodeException e) {
                    // judged above
                }
                allocated = Math.min(allocated, mx.getThreadAllocatedBytes(tid) - before - overhead);
                if (allocated > bound) {
                    fail(side(settings) + " allocated " + allocated + " bytes for a " + inputLength
                            + "-byte input (bound " + bound + ")");
                }
            }
            if (inputLength >= RATIO_MIN_INPUT) {
                double ratio = (double) allocated / inputLength;
                if (ratio > maxRatio) {
                    maxRatio = ratio;
                    maxRatioInput = inputLength;
                    maxRatioAllocated = allocated;
                }
            }
            if (allocated > maxAllocated) {
                maxAllocated = allocated;
                maxAllocatedInput = inputLength;
                maxAllocatedSide = side(settings);
                maxAllocatedBytes = java.util.Arrays.copyOf(input, inputLength);
            }
            maxOfBound = Math.max(maxOfBound, (double) allocated / bound);
        }

        private void fail(String what) {
            if (failures.size() < 25) {
                failures.add(what + "; input (" + inputLength + " bytes): " + describeInput());
            } else if (failures.size() == 25) {
                failures.add("... more failures left out");
            }
        }

        private static String side(DecoderSettings settings) {
            return (settings.side() == DecoderSettings.Side.CLIENT ? "client" : "server") + " decoder (max packet "
                    + settings.maximumPacketSize() + ", topic aliases " + settings.topicAliasMaximum()
                    + ", problem information " + settings.problemInformationRequested() + ")";
        }

        String describeInput() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < inputLength && i < 200; i++) {
                sb.append(String.format("%02X", input[i] & 0xFF));
                sb.append(i + 1 < inputLength ? " " : "");
            }
            if (inputLength > 200) {
                sb.append("...");
            }
            return sb.toString();
        }

        String largestAllocation() {
            return "DecoderFuzzTest largest allocation: " + maxAllocated + " bytes by the " + maxAllocatedSide
                    + " for " + (maxAllocatedBytes == null ? "nothing" : fullHex(maxAllocatedBytes));
        }

        private static String fullHex(byte[] bytes) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < bytes.length && i < 512; i++) {
                sb.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i] & 0xFF));
            }
            return sb.append(bytes.length > 512 ? " ..." : "").toString();
        }

        String summary() {
            StringBuilder errors = new StringBuilder();
            long errorCount = 0;
            for (int code = 0; code < errorsByCode.length; code++) {
                if (errorsByCode[code] > 0) {
                    errors.append(errors.length() == 0 ? "" : ", ")
                            .append(dev.tern.mqtt5.packets.DisconnectReasonCode.fromCode(code))
                            .append('=').append(errorsByCode[code]);
                    errorCount += errorsByCode[code];
                }
            }
            return String.format("DecoderFuzzTest: %d inputs, %d decodes in %d ms (slowest input %.2f ms);"
                    + " %d packets decoded, %d decodes ended incomplete, %d errors {%s}; max allocation ratio %.2f"
                    + " bytes/input byte over inputs >= " + RATIO_MIN_INPUT + " bytes (%d bytes for a %d-byte input), max allocation %d bytes (%d-byte input),"
                    + " max %.0f%% of the bound %d*n+%d, %d re-measurements; %d failures",
                    inputs, decodes, elapsedNanos / 1_000_000, slowestNanos / 1e6, packets, incomplete, errorCount,
                    errors, maxRatio, maxRatioAllocated, maxRatioInput, maxAllocated, maxAllocatedInput,
                    maxOfBound * 100, PER_BYTE, FIXED, remeasured, failures.size());
        }

        // ------------------------------------------------------------ input generation

        private void generate() {
            int kind = random.nextInt(100);
            if (kind < 4) {
                // Random bytes.
                inputLength = random.nextInt(65);
                for (int i = 0; i < inputLength; i++) {
                    input[i] = (byte) random.nextInt(256);
                }
            } else if (kind < 8) {
                // A random first byte, a right Remaining Length and a random body.
                bodyLength = random.nextInt(65);
                for (int i = 0; i < bodyLength; i++) {
                    body[i] = (byte) random.nextInt(256);
                }
                inputLength = 0;
                frame(random.nextInt(256), bodyLength);
            } else {
                mutateSeed();
            }
        }

        private void frameUnchanged(Seed s) {
            inputLength = 0;
            for (int p = 0; p < s.headers.length; p++) {
                System.arraycopy(s.bodies[p], 0, body, 0, s.bodies[p].length);
                bodyLength = s.bodies[p].length;
                frame(s.headers[p], bodyLength);
            }
        }

        private void mutateSeed() {
            List<Seed> seeds = random.nextBoolean() ? clientSeeds : serverSeeds;
            Seed s = seeds.get(random.nextInt(seeds.size()));
            int target = random.nextInt(s.headers.length);
            boolean keepFollowing = random.nextInt(4) != 0;
            inputLength = 0;
            for (int p = 0; p < s.headers.length; p++) {
                if (p > target && !keepFollowing) {
                    break;
                }
                byte[] original = s.bodies[p];
                System.arraycopy(original, 0, body, 0, original.length);
                bodyLength = original.length;
                int header = s.headers[p];
                if (p != target) {
                    frame(header, bodyLength);
                    continue;
                }
                if (random.nextInt(4) == 0) {
                    inflateKnownField(header, original);
                }
                int mutations = random.nextInt(4) + (random.nextInt(3) == 0 ? 0 : 1);
                for (int m = 0; m < mutations; m++) {
                    mutateBody();
                }
                if (random.nextInt(10) == 0) {
                    header = random.nextBoolean() ? header ^ (1 << random.nextInt(8)) : random.nextInt(256);
                }
                frameMutated(header);
            }
            if (random.nextInt(10) == 0) {
                // Another valid packet of the same side after it.
                Seed next = seeds.get(random.nextInt(seeds.size()));
                System.arraycopy(next.bodies[0], 0, body, 0, next.bodies[0].length);
                bodyLength = next.bodies[0].length;
                frame(next.headers[0], bodyLength);
            }
            if (random.nextInt(16) == 0 && inputLength > 0) {
                // A bit flip anywhere, fixed header included.
                input[random.nextInt(inputLength)] ^= (byte) (1 << random.nextInt(8));
            }
        }

        /** Appends {@code header}, a minimal Remaining Length of {@code remaining}, then the body. */
        private void frame(int header, int remaining) {
            input[inputLength++] = (byte) header;
            writeVbi(remaining);
            System.arraycopy(body, 0, input, inputLength, bodyLength);
            inputLength += bodyLength;
        }

        private void frameMutated(int header) {
            int r = random.nextInt(100);
            if (r < 72) {
                frame(header, bodyLength); // right length: the body's mutations get parsed
            } else if (r < 84) {
                // Inflated Remaining Length: the decoder must wait (or refuse it as too large).
                int remaining;
                switch (random.nextInt(5)) {
                    case 0:
                        remaining = VariableByteInteger.MAX_VALUE;
                        break;
                    case 1:
                        remaining = 200 * 1024 * 1024;
                        break;
                    case 2:
                        remaining = bodyLength + 1 + random.nextInt(16);
                        break;
                    case 3:
                        remaining = 65_536 + random.nextInt(1_000_000);
                        break;
                    default:
                        remaining = bodyLength + 1 + random.nextInt(VariableByteInteger.MAX_VALUE - bodyLength);
                        break;
                }
                frame(header, remaining);
            } else if (r < 92) {
                // Deflated: the rest of the body is read as the next packet.
                frame(header, random.nextInt(bodyLength + 1));
            } else {
                // A malformed Remaining Length: padded to more bytes than needed, or five bytes.
                input[inputLength++] = (byte) header;
                if (random.nextBoolean()) {
                    int value = bodyLength;
                    int bytes = VariableByteInteger.size(value) + 1 + random.nextInt(3);
                    for (int i = 0; i < bytes; i++) {
                        int b = value & 0x7F;
                        value >>>= 7;
                        input[inputLength++] = (byte) (i + 1 < bytes ? b | 0x80 : b);
                    }
                } else {
                    for (int i = 0; i < 4; i++) {
                        input[inputLength++] = (byte) (0x80 | random.nextInt(128));
                    }
                    input[inputLength++] = (byte) random.nextInt(128);
                }
                System.arraycopy(body, 0, input, inputLength, bodyLength);
                inputLength += bodyLength;
            }
        }

        private void writeVbi(int value) {
            do {
                int b = value & 0x7F;
                value >>>= 7;
                input[inputLength++] = (byte) (value > 0 ? b | 0x80 : b);
            } while (value > 0);
        }

        private static final int[] INTERESTING = {
            0x00, 0x01, 0x02, 0x03, 0x7F, 0x80, 0x81, 0xFF, 0xFE, 0xC0, 0xED, 0xF4, 0xF8,
            0x0B, 0x11, 0x15, 0x16, 0x1F, 0x23, 0x26, 0x27, 0x2B, 0x2F, 0x24, 0x08,
        };

        private void mutateBody() {
            int op = random.nextInt(10);
            switch (op) {
                case 0: // flip a bit
                    if (bodyLength > 0) {
                        body[random.nextInt(bodyLength)] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                case 1: // replace a byte with a random one
                    if (bodyLength > 0) {
                        body[random.nextInt(bodyLength)] = (byte) random.nextInt(256);
                    }
                    break;
                case 2: // replace a byte with an interesting one (property ids, UTF-8 leads, wildcards)
                    if (bodyLength > 0) {
                        body[random.nextInt(bodyLength)] = (byte) INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                    break;
                case 3: { // insert random bytes
                    int count = 1 + random.nextInt(8);
                    int at = random.nextInt(bodyLength + 1);
                    if (open(at, count)) {
                        for (int i = 0; i < count; i++) {
                            body[at + i] = (byte) (random.nextBoolean()
                                    ? random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)]);
                        }
                    }
                    break;
                }
                case 4: { // delete a range
                    if (bodyLength > 0) {
                        int at = random.nextInt(bodyLength);
                        int count = Math.min(1 + random.nextInt(8), bodyLength - at);
                        System.arraycopy(body, at + count, body, at, bodyLength - at - count);
                        bodyLength -= count;
                    }
                    break;
                }
                case 5: // truncate
                    bodyLength = random.nextInt(bodyLength + 1);
                    break;
                case 6: { // inflate a 2-byte length anywhere
                    if (bodyLength >= 2) {
                        int at = random.nextInt(bodyLength - 1);
                        int value = bigU16(bodyLength - at - 2);
                        body[at] = (byte) (value >> 8);
                        body[at + 1] = (byte) value;
                    }
                    break;
                }
                case 7: { // overwrite with a large variable byte integer anywhere
                    if (bodyLength >= 1) {
                        int at = random.nextInt(bodyLength);
                        replaceWithVbi(at, 1, bigVbi(bodyLength - at));
                    }
                    break;
                }
                case 8: { // duplicate a slice (a property, a subscription, a string) somewhere
                    if (bodyLength > 0) {
                        int from = random.nextInt(bodyLength);
                        int count = Math.min(1 + random.nextInt(12), bodyLength - from);
                        int at = random.nextInt(bodyLength + 1);
                        System.arraycopy(body, from, scratch, 0, count);
                        if (open(at, count)) {
                            System.arraycopy(scratch, 0, body, at, count);
                        }
                    }
                    break;
                }
                default: { // swap two bytes
                    if (bodyLength >= 2) {
                        int a = random.nextInt(bodyLength);
                        int b = random.nextInt(bodyLength);
                        byte t = body[a];
                        body[a] = body[b];
                        body[b] = t;
                    }
                    break;
                }
            }
        }

        /**
         * Inflates a length field found from the packet's structure: the first 2-byte length (topic
         * name, protocol name) or the property length, or the field right after the properties.
         */
        private void inflateKnownField(int header, byte[] original) {
            int props = propertyLengthOffset(header, original);
            int choice = random.nextInt(3);
            if (choice == 0 || props < 0 || props >= original.length) {
                int type = header >> 4;
                if ((type == 3 || type == 1 || type == 8 || type == 10) && original.length >= 2) {
                    // PUBLISH topic / CONNECT protocol name; SUBSCRIBE/UNSUBSCRIBE: packet id, then props
                    int value = bigU16(original.length - 2);
                    body[0] = (byte) (value >> 8);
                    body[1] = (byte) value;
                }
                return;
            }
            int oldLength = vbiLength(original, props);
            if (choice == 1) {
                replaceWithVbi(props, oldLength, bigVbi(original.length - props));
            } else {
                int propertyLength = vbiValue(original, props);
                int after = props + oldLength + propertyLength;
                if (after + 2 <= bodyLength) {
                    int value = bigU16(bodyLength - after - 2);
                    body[after] = (byte) (value >> 8);
                    body[after + 1] = (byte) value;
                }
            }
        }

        /** A 2-byte length larger than what follows: just past the end, or huge. */
        private int bigU16(int available) {
            switch (random.nextInt(3)) {
                case 0:
                    return 0xFFFF;
                case 1:
                    return Math.min(0xFFFF, available + 1 + random.nextInt(4));
                default:
                    return 0x8000 + random.nextInt(0x8000);
            }
        }

        /** A variable byte integer value larger than what follows. */
        private int bigVbi(int available) {
            switch (random.nextInt(4)) {
                case 0:
                    return VariableByteInteger.MAX_VALUE;
                case 1:
                    return 200 * 1024 * 1024;
                case 2:
                    return available + 1 + random.nextInt(8);
                default:
                    return 128 + random.nextInt(VariableByteInteger.MAX_VALUE - 128);
            }
        }

        /** Replaces {@code oldLength} bytes at {@code at} with the minimal encoding of {@code value}. */
        private void replaceWithVbi(int at, int oldLength, int value) {
            int newLength = VariableByteInteger.size(value);
            if (bodyLength - oldLength + newLength > MAX_BODY || at + oldLength > bodyLength) {
                return;
            }
            System.arraycopy(body, at + oldLength, body, at + newLength, bodyLength - at - oldLength);
            bodyLength += newLength - oldLength;
            for (int i = 0; i < newLength; i++) {
                int b = value & 0x7F;
                value >>>= 7;
                body[at + i] = (byte) (i + 1 < newLength ? b | 0x80 : b);
            }
        }

        /** Makes room for {@code count} bytes at {@code at}; false if the body would grow too large. */
        private boolean open(int at, int count) {
            if (bodyLength + count > MAX_BODY) {
                return false;
            }
            System.arraycopy(body, at, body, at + count, bodyLength - at);
            bodyLength += count;
            return true;
        }

        /** Where the property length starts in a valid body of this type, or -1 if it has none. */
        private static int propertyLengthOffset(int header, byte[] b) {
            switch (header >> 4) {
                case 1: // CONNECT: protocol name (6), version, flags, keep alive
                    return 10;
                case 2: // CONNACK: flags, reason code
                    return 2;
                case 3: { // PUBLISH: topic, packet identifier if QoS > 0
                    int topic = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
                    return 2 + topic + (((header >> 1) & 3) > 0 ? 2 : 0);
                }
                case 4:
                case 5:
                case 6:
                case 7: // PUBACK..PUBCOMP: packet identifier, reason code, properties if present
                    return b.length > 3 ? 3 : -1;
                case 8:
                case 9:
                case 10:
                case 11: // SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK: packet identifier
                    return 2;
                case 14:
                case 15: // DISCONNECT, AUTH: reason code
                    return b.length > 1 ? 1 : -1;
                default:
                    return -1;
            }
        }

        private static int vbiLength(byte[] b, int at) {
            int i = 0;
            while (i < 4 && at + i < b.length && (b[at + i] & 0x80) != 0) {
                i++;
            }
            return Math.min(i + 1, b.length - at);
        }

        private static int vbiValue(byte[] b, int at) {
            int value = 0;
            for (int i = 0; i < 4 && at + i < b.length; i++) {
                value |= (b[at + i] & 0x7F) << (7 * i);
                if ((b[at + i] & 0x80) == 0) {
                    break;
                }
            }
            return value;
        }
    }

    /** A valid sample split into its packets: first byte and body of each. */
    static final class Seed {
        final int[] headers;
        final byte[][] bodies;

        private Seed(int[] headers, byte[][] bodies) {
            this.headers = headers;
            this.bodies = bodies;
        }

        static Seed parse(byte[] wire) {
            List<Integer> headers = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            int at = 0;
            while (at < wire.length) {
                int header = wire[at++] & 0xFF;
                int value = 0;
                int shift = 0;
                int b;
                do {
                    b = wire[at++] & 0xFF;
                    value |= (b & 0x7F) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0);
                byte[] body = new byte[value];
                System.arraycopy(wire, at, body, 0, value);
                at += value;
                headers.add(header);
                bodies.add(body);
            }
            int[] h = new int[headers.size()];
            for (int i = 0; i < h.length; i++) {
                h[i] = headers.get(i);
            }
            return new Seed(h, bodies.toArray(new byte[0][]));
        }
    }

    /**
     * How much the decoder allocates for valid packets: the measurement behind {@link #PER_BYTE} and
     * {@link #FIXED}. The encoded samples of every type, plus packets as dense in small fields as the
     * format allows (the most objects per input byte). Each is decoded 30 times with a fresh decoder;
     * the largest count after the first round (which may include class initialisation) is kept, since
     * the fuzz run measures every decode, cold or compiled.
     */
    @Test
    void measureValidSamples() throws DecodeException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "per-thread allocation counting is not supported");
        mx.setThreadAllocatedMemoryEnabled(true);
        long tid = Thread.currentThread().getId();
        checkTheCounterSeesAllocations(mx, tid);
        List<byte[]> fromServer = new ArrayList<>(DecoderSamples.fromServer(true));
        List<byte[]> fromClient = new ArrayList<>(DecoderSamples.fromClient(true));
        for (int n : new int[] {10, 300}) {
            // SUBACK with n reason codes: 1 byte each.
            fromServer.add(frame(0x90, repeat(bytes(0x00, 0x01, 0x00), bytes(0x01), n)));
            // PUBLISH with n User Properties "k" = "v": 7 bytes each.
            fromServer.add(frame(0x30, concatAll(bytes(0x00, 0x01, 0x61), vbi(7 * n),
                    repeat(new byte[0], bytes(0x26, 0x00, 0x01, 0x6B, 0x00, 0x01, 0x76), n))));
            // PUBLISH with n User Properties "é" = "Ā": non-ASCII strings, 9 bytes each.
            fromServer.add(frame(0x30, concatAll(bytes(0x00, 0x01, 0x61), vbi(9 * n),
                    repeat(new byte[0], bytes(0x26, 0x00, 0x02, 0xC3, 0xA9, 0x00, 0x02, 0xC4, 0x80), n))));
            // PUBLISH with n Subscription Identifiers of 2 bytes: 3 bytes each.
            fromServer.add(frame(0x30, concatAll(bytes(0x00, 0x01, 0x61), vbi(3 * n),
                    repeat(new byte[0], bytes(0x0B, 0x80, 0x01), n))));
            // SUBSCRIBE with n one-character filters: 4 bytes each.
            fromClient.add(frame(0x82, repeat(bytes(0x00, 0x01, 0x00), bytes(0x00, 0x01, 0x61, 0x01), n)));
            // UNSUBSCRIBE with n one-character filters: 3 bytes each.
            fromClient.add(frame(0xA2, repeat(bytes(0x00, 0x01, 0x00), bytes(0x00, 0x01, 0x61), n)));
        }
        StringBuilder report = new StringBuilder("DecoderFuzzTest valid packets (bytes in -> most bytes allocated):");
        double worstPerByte = 0;
        for (int side = 0; side < 2; side++) {
            DecoderSettings settings = side == 0 ? CLIENT_SETTINGS[0] : SERVER_SETTINGS[0];
            for (byte[] sample : side == 0 ? fromServer : fromClient) {
                long allocated = 0;
                ByteBuf in = Unpooled.wrappedBuffer(sample);
                try {
                    for (int round = 0; round < 30; round++) {
                        MqttPacketDecoder decoder = new MqttPacketDecoder(settings);
                        in.setIndex(0, sample.length);
                        long before = mx.getThreadAllocatedBytes(tid);
                        while (decoder.decode(in) != null) {
                            // next
                        }
                        long used = mx.getThreadAllocatedBytes(tid) - before;
                        assertThat(in.isReadable()).isFalse();
                        if (round > 0) {
                            allocated = Math.max(allocated, used);
                        }
                    }
                } finally {
                    in.release();
                }
                report.append(' ').append(sample.length).append("->").append(allocated);
                worstPerByte = Math.max(worstPerByte, (double) allocated / sample.length);
                assertThat(allocated).as("valid packet of %d bytes", sample.length)
                        .isLessThanOrEqualTo(PER_BYTE * sample.length + FIXED);
            }
        }
        System.out.println(report + String.format("; max %.1f bytes per input byte", worstPerByte));
    }

    private static byte[] bytes(int... values) {
        return CodecFixture.bytes(values);
    }

    private static byte[] concatAll(byte[]... parts) {
        return CodecFixture.concat(parts);
    }

    private static byte[] repeat(byte[] head, byte[] unit, int n) {
        byte[] out = new byte[head.length + unit.length * n];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = 0; i < n; i++) {
            System.arraycopy(unit, 0, out, head.length + i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] vbi(int value) {
        byte[] out = new byte[VariableByteInteger.size(value)];
        for (int i = 0; i < out.length; i++) {
            int b = value & 0x7F;
            value >>>= 7;
            out[i] = (byte) (i + 1 < out.length ? b | 0x80 : b);
        }
        return out;
    }

    /** A fixed header byte, the Remaining Length of {@code body}, then the body. */
    private static byte[] frame(int header, byte[] body) {
        return concatAll(bytes(header), vbi(body.length), body);
    }
}
