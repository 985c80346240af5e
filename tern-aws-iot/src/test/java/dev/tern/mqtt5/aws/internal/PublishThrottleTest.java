package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.packets.PublishPacket;
import dev.tern.mqtt5.packets.QoS;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle on a manual clock and scheduler: what leaves when, in which order. */
class PublishThrottleTest {

    private long now;
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();

    private PublishThrottle throttle(long perSecond, long bytesPerSecond) {
        return new PublishThrottle(perSecond, bytesPerSecond, () -> now, (task, delay) -> {
            scheduled.add(task);
            delays.add(delay);
        }, p -> {
            sent.add(p.topic());
            return CompletableFuture.completedFuture(null);
        });
    }

    private static PublishPacket publish(String topic, int bytes) {
        return PublishPacket.builder().topic(topic).payload(new byte[bytes]).qos(QoS.AT_LEAST_ONCE).build();
    }

    private void advanceAndRun(long nanos) {
        now += nanos;
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void aBurstOfOneSecondsWorthGoesAtOnceTheRestWaits() {
        PublishThrottle throttle = throttle(100, 1_000_000);
        List<CompletableFuture<PublishResult>> results = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            results.add(throttle.submit(publish("t" + i, 10)));
        }
        assertThat(sent).hasSize(100);
        assertThat(throttle.heldCount()).isEqualTo(50);
        assertThat(results.get(120)).isNotDone();
        assertThat(delays).hasSize(1);
        assertThat(delays.get(0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10)); // one token at 100/s

        advanceAndRun(TimeUnit.MILLISECONDS.toNanos(250)); // 25 tokens
        assertThat(sent).hasSize(125);
        advanceAndRun(TimeUnit.SECONDS.toNanos(1));
        assertThat(sent).hasSize(150);
        assertThat(results).allMatch(CompletableFuture::isDone);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            expected.add("t" + i);
        }
        assertThat(sent).containsExactlyElementsOf(expected);
    }

    @Test
    void aNewPublishDoesNotOvertakeHeldOnes() {
        PublishThrottle throttle = throttle(1, 1_000_000);
        throttle.submit(publish("first", 1));
        throttle.submit(publish("second", 1));
        now += TimeUnit.SECONDS.toNanos(5); // tokens available again, but "second" is still held
        throttle.submit(publish("third", 1));
        assertThat(sent).containsExactly("first");
        advanceAndRun(0);
        assertThat(sent).containsExactly("first", "second"); // the bucket holds one second's worth: one token
        advanceAndRun(TimeUnit.SECONDS.toNanos(1));
        assertThat(sent).containsExactly("first", "second", "third");
    }

    @Test
    void throughputIsLimitedByBytes() {
        PublishThrottle throttle = throttle(1000, 1000);
        throttle.submit(publish("a", 599)); // 600 bytes with the topic
        throttle.submit(publish("b", 599));
        assertThat(sent).containsExactly("a");
        advanceAndRun(TimeUnit.MILLISECONDS.toNanos(100)); // 400 + 100 bytes: not yet
        assertThat(sent).containsExactly("a");
        advanceAndRun(TimeUnit.MILLISECONDS.toNanos(100)); // 600 bytes
        assertThat(sent).containsExactly("a", "b");
    }

    @Test
    void aHeldPublishCancelledByTheCallerIsNeverSent() {
        PublishThrottle throttle = throttle(1, 1_000_000);
        throttle.submit(publish("a", 1));
        CompletableFuture<PublishResult> held = throttle.submit(publish("b", 1));
        throttle.submit(publish("c", 1));
        held.cancel(false);
        advanceAndRun(TimeUnit.SECONDS.toNanos(1));
        assertThat(sent).as("the withdrawn one took no token").containsExactly("a", "c");
    }

    @Test
    void flushHandsOverEverythingHeld() {
        PublishThrottle throttle = throttle(1, 1_000_000);
        throttle.submit(publish("a", 1));
        CompletableFuture<PublishResult> held = throttle.submit(publish("b", 1));
        throttle.flush();
        assertThat(sent).containsExactly("a", "b");
        assertThat(held).isDone();
    }
}
