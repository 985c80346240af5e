package dev.tern.mqtt5.internal.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor that may have many threads, so
 * that one client's callbacks never overlap or reorder whatever executor the application gives.
 */
final class SerialExecutor implements Executor {

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The thread running this executor's tasks now, or null. */
    private volatile Thread runner;
    private volatile boolean shutDown;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        if (shutDown) {
            return; // the client is closed: nobody listens any more
        }
        tasks.add(task);
        schedule();
    }

    /** Takes no more tasks; those already taken still run. */
    void shutdown() {
        shutDown = true;
    }

    boolean isRunningOnCurrentThread() {
        return runner == Thread.currentThread();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                delegate.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                tasks.clear(); // the executor is shut down: nothing will ever run these
            }
        }
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        } finally {
            runner = null;
            scheduled.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
