package dev.tern.mqtt5.testing;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.StoppedEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records lifecycle events, with the thread each arrived on, so that tests can wait for them (with a
 * bound) and check their order.
 */
public final class RecordingLifecycleEvents implements LifecycleEvents {

    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final List<Object> all = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    private void record(Object event) {
        threads.add(Thread.currentThread().getName());
        all.add(event);
        pending.add(event);
    }

    @Override
    public void onAttemptingConnect(AttemptingConnectEvent event) {
        record(event);
    }

    @Override
    public void onConnectionSuccess(ConnectionSuccessEvent event) {
        record(event);
    }

    @Override
    public void onConnectionFailure(ConnectionFailureEvent event) {
        record(event);
    }

    @Override
    public void onDisconnection(DisconnectionEvent event) {
        record(event);
    }

    @Override
    public void onStopped(StoppedEvent event) {
        record(event);
    }

    /** Skips events until one of {@code type} arrives, within {@code timeout}; returns it. */
    public <T> T await(Class<T> type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Object> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Object event;
            try {
                event = left <= 0 ? null : pending.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (event == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + "; saw " + skipped);
            }
            if (type.isInstance(event)) {
                return type.cast(event);
            }
            skipped.add(event);
        }
    }

    public <T> T await(Class<T> type) {
        return await(type, Duration.ofSeconds(10));
    }

    /** The next event, whatever it is, within {@code timeout}. */
    public Object next(Duration timeout) {
        try {
            Object event = pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout + "; all so far: " + all);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Every event so far, in order. */
    public List<Object> all() {
        return new ArrayList<>(all);
    }

    /** The simple class names of every event so far, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Object event : all) {
            names.add(event.getClass().getSimpleName().replace("Event", ""));
        }
        return names;
    }

    /** The threads the events arrived on. */
    public List<String> threads() {
        return new ArrayList<>(threads);
    }
}
