package dev.tern.mqtt5.testing;

import dev.tern.mqtt5.ErrorKind;
import dev.tern.mqtt5.Mqtt5Exception;
import dev.tern.mqtt5.PublishResult;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a stream's publish futures ended: succeeded, completed with a failing reason code, or failed by
 * {@link ErrorKind}. {@link #record} is the futures' {@code whenComplete} action.
 */
public final class PublishOutcomes {

    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger notSuccessCode = new AtomicInteger();
    private final Map<ErrorKind, AtomicInteger> failed = new ConcurrentHashMap<>();
    private final CountDownLatch completed;

    public PublishOutcomes(int total) {
        completed = new CountDownLatch(total);
    }

    public void record(PublishResult result, Throwable error) {
        if (error == null) {
            (result.isSuccess() ? succeeded : notSuccessCode).incrementAndGet();
        } else {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            ErrorKind kind = cause instanceof Mqtt5Exception m ? m.kind() : ErrorKind.INTERNAL;
            failed.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }
        completed.countDown();
    }

    /** Waits until every future has completed; false if not within {@code nanos}. */
    public boolean awaitAll(long nanos) throws InterruptedException {
        return completed.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    public int succeeded() {
        return succeeded.get();
    }

    public int notSuccessCode() {
        return notSuccessCode.get();
    }

    /** Failed futures by kind; empty if none failed. */
    public Map<ErrorKind, AtomicInteger> failed() {
        return failed;
    }
}
