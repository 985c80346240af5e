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

    /** {@return the default backoff: 1 s minimum, 2 min maximum, full jitter, reset after 30 s connected} */
    public static ReconnectOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a new builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options; changing it does not change these options} */
    public Builder toBuilder() {
        return new Builder().minDelay(minDelay).maxDelay(maxDelay).jitter(jitter).resetAfter(resetAfter);
    }

    /**
     * {@return the delay before the first retry, before jitter; each further failure doubles it up to
     * {@link #maxDelay()}}
     */
    public Duration minDelay() {
        return minDelay;
    }

    /** {@return the longest delay between attempts} */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** {@return how the delay is randomised} */
    public JitterMode jitter() {
        return jitter;
    }

    /**
     * {@return how long a connection must last for the next failure to start again from {@link #minDelay()}}
     */
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

    /**
     * Builds {@link ReconnectOptions}. Not thread-safe. Each setter checks its argument and throws at once,
     * naming the field.
     */
    public static final class Builder {
        private Duration minDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofMinutes(2);
        private JitterMode jitter = JitterMode.FULL;
        private Duration resetAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Sets the delay before the first retry, before jitter. The default is 1 second.
         *
         * @param minDelay at least 1 ms
         * @return this builder
         * @throws NullPointerException if {@code minDelay} is null
         * @throws IllegalArgumentException if {@code minDelay} is below 1 ms
         */
        public Builder minDelay(Duration minDelay) {
            this.minDelay = positive(minDelay, "minDelay");
            return this;
        }

        /**
         * Sets the longest delay between attempts. Failures that retrying soon cannot fix wait between half
         * of it and all of it. The default is 2 minutes.
         *
         * @param maxDelay at least 1 ms, and at least the minimum when {@link #build()} is called
         * @return this builder
         * @throws NullPointerException if {@code maxDelay} is null
         * @throws IllegalArgumentException if {@code maxDelay} is below 1 ms
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positive(maxDelay, "maxDelay");
            return this;
        }

        /**
         * Sets how the delay is randomised. The default is {@link JitterMode#FULL}.
         *
         * @param jitter the jitter mode
         * @return this builder
         * @throws NullPointerException if {@code jitter} is null
         */
        public Builder jitter(JitterMode jitter) {
            this.jitter = Checks.notNull(jitter, "jitter");
            return this;
        }

        /**
         * Sets how long a connection must last for the next failure to start again from the minimum delay, so
         * that a server that accepts connections and drops them at once still meets a growing delay. The
         * default is 30 seconds.
         *
         * @param resetAfter zero or more; zero resets after every successful connection
         * @return this builder
         * @throws NullPointerException if {@code resetAfter} is null
         * @throws IllegalArgumentException if {@code resetAfter} is negative
         */
        public Builder resetAfter(Duration resetAfter) {
            Checks.notNull(resetAfter, "resetAfter");
            if (resetAfter.isNegative()) {
                throw new IllegalArgumentException("resetAfter must not be negative, was " + resetAfter);
            }
            this.resetAfter = resetAfter;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return new immutable options with this builder's values
         * @throws IllegalStateException if the maximum delay is below the minimum
         */
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
