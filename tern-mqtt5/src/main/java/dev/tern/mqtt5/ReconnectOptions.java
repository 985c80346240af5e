package dev.tern.mqtt5;

import dev.tern.mqtt5.internal.util.Checks;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between connection attempts. The client keeps trying until {@code stop()}; the
 * backoff only decides how long it waits. After a connection has lasted {@link #resetAfter()} the next
 * failure starts again from {@link #minDelay()}. Failures that retrying soon cannot fix (the server
 * refused our credentials, took over our session, banned us) go straight to {@link #maxDelay()}.
 */
public final class ReconnectOptions {

    private static final ReconnectOptions DEFAULTS = builder().build();

    private final Duration minDelay;
    private final Duration maxDelay;
    private final JitterMode jitter;
    private final Duration resetAfter;

    private ReconnectOptions(Builder b) {
        minDelay = b.minDelay;
        maxDelay = b.maxDelay;
        jitter = b.jitter;
        resetAfter = b.resetAfter;
    }

    /** 1 s minimum, 2 min maximum, full jitter, reset after 30 s connected. */
    public static ReconnectOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().minDelay(minDelay).maxDelay(maxDelay).jitter(jitter).resetAfter(resetAfter);
    }

    public Duration minDelay() {
        return minDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public JitterMode jitter() {
        return jitter;
    }

    /** How long a connection must last for the backoff to start over. */
    public Duration resetAfter() {
        return resetAfter;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReconnectOptions)) {
            return false;
        }
        ReconnectOptions that = (ReconnectOptions) o;
        return minDelay.equals(that.minDelay) && maxDelay.equals(that.maxDelay) && jitter == that.jitter
                && resetAfter.equals(that.resetAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minDelay, maxDelay, jitter, resetAfter);
    }

    @Override
    public String toString() {
        return "ReconnectOptions{minDelay=" + minDelay + ", maxDelay=" + maxDelay + ", jitter=" + jitter
                + ", resetAfter=" + resetAfter + "}";
    }

    /** Builds {@link ReconnectOptions}. */
    public static final class Builder {
        private Duration minDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofMinutes(2);
        private JitterMode jitter = JitterMode.FULL;
        private Duration resetAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /** The first delay (before jitter); at least 1 ms. */
        public Builder minDelay(Duration minDelay) {
            this.minDelay = positive(minDelay, "minDelay");
            return this;
        }

        /** The largest delay; at least the minimum. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positive(maxDelay, "maxDelay");
            return this;
        }

        public Builder jitter(JitterMode jitter) {
            this.jitter = Checks.notNull(jitter, "jitter");
            return this;
        }

        public Builder resetAfter(Duration resetAfter) {
            Checks.notNull(resetAfter, "resetAfter");
            if (resetAfter.isNegative()) {
                throw new IllegalArgumentException("resetAfter must not be negative, was " + resetAfter);
            }
            this.resetAfter = resetAfter;
            return this;
        }

        /** @throws IllegalStateException if the maximum is below the minimum */
        public ReconnectOptions build() {
            if (maxDelay.compareTo(minDelay) < 0) {
                throw new IllegalStateException("maxDelay " + maxDelay + " must not be below minDelay " + minDelay);
            }
            return new ReconnectOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Checks.notNull(d, name);
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 ms, was " + d);
            }
            return d;
        }
    }
}
