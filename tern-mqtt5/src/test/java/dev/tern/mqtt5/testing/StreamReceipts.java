package dev.tern.mqtt5.testing;

import dev.tern.mqtt5.PublishReceivedEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A subscriber's record of a stream of numbered messages: how often each id arrived, for exact accounting
 * (missing, duplicated). Payloads are {@code <id>:<filler>}; the payload {@value #END} marks the end of the
 * stream: sent after every publish has completed, it arrives behind every earlier message and resend on
 * the topic (MQTT keeps one publisher's messages in order), so no resend is still on its way once it has.
 */
public final class StreamReceipts {

    public static final String END = "end";
    private static final byte[] FILLER = "-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final AtomicIntegerArray counts;
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger foreign = new AtomicInteger();
    private final CountDownLatch allSeen;
    private final CountDownLatch endSeen = new CountDownLatch(1);

    public StreamReceipts(int total) {
        counts = new AtomicIntegerArray(total);
        allSeen = new CountDownLatch(total);
    }

    /** The payload of message {@code id}. */
    public static byte[] payload(int id) {
        byte[] head = (id + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = Arrays.copyOf(head, head.length + FILLER.length);
        System.arraycopy(FILLER, 0, payload, head.length, FILLER.length);
        return payload;
    }

    /** The subscriber's message callback. */
    public void record(PublishReceivedEvent event) {
        String payload = event.publishPacket().payloadAsString();
        if (payload.equals(END)) {
            endSeen.countDown();
            return;
        }
        deliveries.incrementAndGet();
        int id;
        try {
            id = Integer.parseInt(payload.substring(0, payload.indexOf(':')));
        } catch (RuntimeException e) {
            foreign.incrementAndGet();
            return;
        }
        if (id < 0 || id >= counts.length()) {
            foreign.incrementAndGet();
        } else if (counts.getAndIncrement(id) == 0) {
            allSeen.countDown();
        }
    }

    /** Waits until every id has arrived at least once; false if not within {@code nanos}. */
    public boolean awaitAllSeen(long nanos) throws InterruptedException {
        return allSeen.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Waits for the {@link #END} marker; false if it did not come within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return endSeen.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Messages received, duplicates included, the end marker not. */
    public int deliveries() {
        return deliveries.get();
    }

    /** Messages that were not of this stream. */
    public int foreign() {
        return foreign.get();
    }

    public int distinct() {
        return counts.length() - missing();
    }

    public int missing() {
        int missing = 0;
        for (int id = 0; id < counts.length(); id++) {
            missing += counts.get(id) == 0 ? 1 : 0;
        }
        return missing;
    }

    /** The first id never received, or -1. */
    public int firstMissing() {
        for (int id = 0; id < counts.length(); id++) {
            if (counts.get(id) == 0) {
                return id;
            }
        }
        return -1;
    }

    public int duplicates() {
        int duplicates = 0;
        for (int id = 0; id < counts.length(); id++) {
            duplicates += Math.max(0, counts.get(id) - 1);
        }
        return duplicates;
    }

    /** Duplicates counted per thousand ids, to place them against the faults. */
    public Map<Integer, Integer> duplicatesByThousand() {
        Map<Integer, Integer> out = new TreeMap<>();
        for (int id = 0; id < counts.length(); id++) {
            if (counts.get(id) > 1) {
                out.merge(id / 1000, counts.get(id) - 1, Integer::sum);
            }
        }
        return out;
    }
}
