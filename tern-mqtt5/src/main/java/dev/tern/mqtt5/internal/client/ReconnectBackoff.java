package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.ReconnectOptions;

import java.util.SplittableRandom;

/**
 * The delay before the next connection attempt: exponential from the minimum, capped at the maximum,
 * randomised by the jitter mode so that a fleet of clients spreads out. A failure that retrying soon
 * cannot fix jumps straight to the maximum (still jittered within its upper half).
 */
@CallByThread("event loop")
final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private final JitterMode jitter;
    private final SplittableRandom random;
    private int failures;
    private long previousMillis;

    ReconnectBackoff(ReconnectOptions options, SplittableRandom random) {
        this.minMillis = options.minDelay().toMillis();
        this.maxMillis = options.maxDelay().toMillis();
        this.jitter = options.jitter();
        this.random = random;
        this.previousMillis = minMillis;
    }

    /** The next delay in milliseconds; {@code severe} for failures that retrying soon will not fix. */
    long nextDelayMillis(boolean severe) {
        int n = failures++;
        if (severe) {
            long delay = maxMillis / 2 + uniform(maxMillis - maxMillis / 2);
            previousMillis = delay;
            return delay;
        }
        long ceiling = n >= 62 ? maxMillis : Math.min(maxMillis, saturatingShift(minMillis, n));
        long delay;
        switch (jitter) {
            case NONE:
                delay = ceiling;
                break;
            case FULL:
                delay = uniform(ceiling);
                break;
            case DECORRELATED:
                long upper = Math.min(maxMillis, Math.max(minMillis, previousMillis) * 3);
                delay = minMillis + uniform(upper - minMillis);
                break;
            default:
                throw new IllegalStateException(jitter.toString());
        }
        previousMillis = delay;
        return delay;
    }

    /** Starts again from the minimum (after a connection lasted long enough). */
    void reset() {
        failures = 0;
        previousMillis = minMillis;
    }

    private long uniform(long inclusiveBound) {
        return inclusiveBound <= 0 ? 0 : random.nextLong(inclusiveBound + 1);
    }

    private static long saturatingShift(long value, int shift) {
        return value > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : value << shift;
    }
}
