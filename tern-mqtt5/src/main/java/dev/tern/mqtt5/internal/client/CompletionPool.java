package dev.tern.mqtt5.internal.client;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the dependent stages of operation futures run when the application names no executor: a few
 * daemon threads shared by all clients, which end when idle. Not the common fork-join pool: on machines
 * with one or two cores (most devices) {@code CompletableFuture} replaces that pool with a new thread per
 * task, and a stream of publishes would start a thread for every acknowledgement.
 */
final class CompletionPool {

    private static final Executor SHARED = create();

    private CompletionPool() {
    }

    static Executor shared() {
        return SHARED;
    }

    private static Executor create() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "tern-completions-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
