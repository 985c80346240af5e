package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.JitterMode;
import dev.tern.mqtt5.ReconnectOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The delay sequence and, above all, how it spreads a fleet of clients that lost the broker together. */
class ReconnectBackoffTest {

    private static ReconnectOptions options(JitterMode jitter) {
        return ReconnectOptions.builder().minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(10))
                .jitter(jitter).build();
    }

    @Test
    void withoutJitterTheDelayDoublesUpToTheMaximum() {
        ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.NONE), new SplittableRandom(1));
        long[] delays = new long[10];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = backoff.nextDelayMillis(false);
        }
        assertThat(delays).containsExactly(100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000);
        backoff.reset();
        assertThat(backoff.nextDelayMillis(false)).isEqualTo(100);
    }

    @Test
    void aSevereFailureWaitsInTheUpperHalfOfTheMaximum() {
        ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.FULL), new SplittableRandom(2));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.nextDelayMillis(true)).isBetween(5_000L, 10_000L);
        }
    }

    @Test
    void fullJitterSpreadsAThousandClientsEvenlyInsteadOfInLockStep() {
        int clients = 1000;
        long[] third = new long[clients];
        SplittableRandom seeds = new SplittableRandom(42);
        for (int c = 0; c < clients; c++) {
            ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.FULL), seeds.split());
            backoff.nextDelayMillis(false);
            backoff.nextDelayMillis(false);
            third[c] = backoff.nextDelayMillis(false); // ceiling 400 ms
        }
        assertThat(Arrays.stream(third).boxed()).allMatch(d -> d >= 0 && d <= 400);
        // Uniform on [0, 400]: each of 8 buckets of 50 ms holds 125 ± a few standard deviations (≈ 10.5).
        int[] buckets = new int[8];
        for (long d : third) {
            buckets[(int) Math.min(7, d / 50)]++;
        }
        assertThat(Arrays.stream(buckets).boxed()).as("50 ms buckets %s", Arrays.toString(buckets))
                .allMatch(count -> count > 75 && count < 175);
        // No instant is shared by more than a handful of clients.
        long[] perMillis = new long[401];
        for (long d : third) {
            perMillis[(int) d]++;
        }
        assertThat(Arrays.stream(perMillis).max().getAsLong()).isLessThanOrEqualTo(12);
    }

    @Test
    void decorrelatedJitterStaysBetweenTheMinimumAndThreeTimesThePreviousDelay() {
        ReconnectBackoff backoff = new ReconnectBackoff(options(JitterMode.DECORRELATED), new SplittableRandom(3));
        long previous = 100;
        for (int i = 0; i < 200; i++) {
            long delay = backoff.nextDelayMillis(false);
            assertThat(delay).isBetween(100L, Math.min(10_000L, Math.max(100L, previous) * 3));
            previous = delay;
        }
    }

    @Test
    void withoutJitterAFleetRetriesInLockStepWhichIsWhyItIsNotTheDefault() {
        long first = -1;
        for (int c = 0; c < 100; c++) {
            long d = new ReconnectBackoff(options(JitterMode.NONE), new SplittableRandom(c)).nextDelayMillis(false);
            if (first < 0) {
                first = d;
            }
            assertThat(d).isEqualTo(first);
        }
        assertThat(ReconnectOptions.defaults().jitter()).isEqualTo(JitterMode.FULL);
    }
}
