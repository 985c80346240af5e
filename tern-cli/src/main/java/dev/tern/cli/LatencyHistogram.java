package dev.tern.cli;

/**
 * Latencies in nanoseconds, in buckets 1/64 of a power of two wide (under 1.6 % error), so that a long
 * run costs a fixed 30 KiB instead of a value per message. Thread-safe: recorded from a callback thread,
 * read by the progress timer.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB_COUNT = 1 << SUB_BITS;

    private final long[] counts = new long[(64 - SUB_BITS + 1) * SUB_COUNT];
    private long total;
    private long max;

    synchronized void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
    }

    synchronized long count() {
        return total;
    }

    synchronized long max() {
        return max;
    }

    /** The value at {@code quantile} (0..1): the upper edge of its bucket, or 0 when empty. */
    synchronized long quantile(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperEdge(i), max);
            }
        }
        return max;
    }

    /** Adds {@code other}'s values to this one. */
    void add(LatencyHistogram other) {
        long[] copy;
        long otherTotal;
        long otherMax;
        synchronized (other) {
            copy = other.counts.clone();
            otherTotal = other.total;
            otherMax = other.max;
        }
        synchronized (this) {
            for (int i = 0; i < copy.length; i++) {
                counts[i] += copy[i];
            }
            total += otherTotal;
            max = Math.max(max, otherMax);
        }
    }

    static int index(long v) {
        if (v < SUB_COUNT) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - SUB_BITS;
        return (shift + 1) * SUB_COUNT + (int) ((v >>> shift) & (SUB_COUNT - 1));
    }

    static long upperEdge(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int shift = index / SUB_COUNT - 1;
        long sub = index % SUB_COUNT;
        return ((SUB_COUNT + sub + 1) << shift) - 1;
    }
}
