package dev.tern.mqtt5.aws.internal;

import dev.tern.mqtt5.PublishResult;
import dev.tern.mqtt5.packets.PublishPacket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Holds publishes back to AWS IoT Core's per-connection rates (100 publishes and 512 KiB per second), as
 * the AWS IoT Device SDKs' flow control does, instead of letting IoT Core throttle or disconnect. Two
 * token buckets, each holding one second's worth; publishes leave in submission order.
 *
 * <p>Callers may be on any thread, so the state is guarded by this object's monitor. The monitor is also
 * held while handing a publish to the client — a non-blocking enqueue — so that a publish released by the
 * timer cannot be overtaken by one submitted at the same moment.
 */
public final class PublishThrottle {

    /** When to run the next release: a one-shot delay. */
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long publishesPerSecond;
    private final long bytesPerSecond;
    private final LongSupplier nanoTime;
    private final Scheduler scheduler;
    private final Function<PublishPacket, CompletableFuture<PublishResult>> sink;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private double publishTokens;
    private double byteTokens;
    private long refilledAt;
    private boolean releaseScheduled;

    public PublishThrottle(long publishesPerSecond, long bytesPerSecond, LongSupplier nanoTime, Scheduler scheduler,
            Function<PublishPacket, CompletableFuture<PublishResult>> sink) {
        this.publishesPerSecond = publishesPerSecond;
        this.bytesPerSecond = bytesPerSecond;
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
        this.sink = sink;
        this.publishTokens = publishesPerSecond;
        this.byteTokens = bytesPerSecond;
        this.refilledAt = nanoTime.getAsLong();
    }

    public synchronized CompletableFuture<PublishResult> submit(PublishPacket publish) {
        refill();
        long cost = cost(publish);
        if (held.isEmpty() && take(cost)) {
            return sink.apply(publish);
        }
        Held entry = new Held(publish, cost);
        held.add(entry);
        scheduleRelease();
        return entry.result;
    }

    /** How many publishes are waiting for tokens. */
    public synchronized int heldCount() {
        return held.size();
    }

    /** Hands every held publish to the client at once (it is closing and will fail them). */
    public synchronized void flush() {
        while (!held.isEmpty()) {
            forward(held.poll());
        }
    }

    private synchronized void release() {
        releaseScheduled = false;
        refill();
        while (!held.isEmpty()) {
            if (held.peek().result.isDone()) {
                held.poll(); // withdrawn by the caller: costs nothing
            } else if (take(held.peek().cost)) {
                forward(held.poll());
            } else {
                break;
            }
        }
        if (!held.isEmpty()) {
            scheduleRelease();
        }
    }

    private void forward(Held entry) {
        if (entry.result.isDone()) {
            return; // cancelled (or timed out) by the caller while held: withdrawn, never sent
        }
        CompletableFuture<PublishResult> sent = sink.apply(entry.publish);
        // Cancelling now withdraws it from the client, as for any publish.
        entry.result.whenComplete((result, error) -> {
            if (entry.result.isCancelled()) {
                sent.cancel(false);
            }
        });
        sent.whenComplete((result, error) -> {
            if (error != null) {
                entry.result.completeExceptionally(error);
            } else {
                entry.result.complete(result);
            }
        });
    }

    private void scheduleRelease() {
        if (releaseScheduled) {
            return;
        }
        Held next = held.peek();
        double missingPublishes = Math.max(0, 1 - publishTokens);
        double missingBytes = Math.max(0, Math.min(next.cost, bytesPerSecond) - byteTokens);
        long wait = (long) Math.ceil(Math.max(missingPublishes * SECOND / publishesPerSecond,
                missingBytes * SECOND / bytesPerSecond));
        releaseScheduled = true;
        scheduler.schedule(this::release, Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            publishTokens = Math.min(publishesPerSecond, publishTokens + (double) elapsed * publishesPerSecond / SECOND);
            byteTokens = Math.min(bytesPerSecond, byteTokens + (double) elapsed * bytesPerSecond / SECOND);
            refilledAt = now;
        }
    }

    private boolean take(long cost) {
        // A publish bigger than a whole second's budget waits for a full bucket rather than forever.
        long bytes = Math.min(cost, bytesPerSecond);
        if (publishTokens >= 1 && byteTokens >= bytes) {
            publishTokens -= 1;
            byteTokens -= bytes;
            return true;
        }
        return false;
    }

    /** Bytes counted against the throughput limit: payload and topic, as IoT Core meters messages. */
    private static long cost(PublishPacket publish) {
        return (long) publish.payloadSize() + publish.topic().getBytes(StandardCharsets.UTF_8).length;
    }

    private static final class Held {
        final PublishPacket publish;
        final long cost;
        final CompletableFuture<PublishResult> result = new CompletableFuture<>();

        Held(PublishPacket publish, long cost) {
            this.publish = publish;
            this.cost = cost;
        }
    }
}
