package dev.tern.mqtt5.internal.client;

import dev.tern.mqtt5.AttemptingConnectEvent;
import dev.tern.mqtt5.ConnectionFailureEvent;
import dev.tern.mqtt5.ConnectionSuccessEvent;
import dev.tern.mqtt5.DisconnectionEvent;
import dev.tern.mqtt5.LifecycleEvents;
import dev.tern.mqtt5.PublishReceivedEvent;
import dev.tern.mqtt5.StoppedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Carries everything that runs application code — lifecycle events, received messages, authenticator
 * calls — off the event loop, one task at a time and in order. Exceptions thrown by application code
 * are logged and swallowed: a faulty listener cannot break the client.
 *
 * <p>Without an application executor, callbacks run on threads Tern shares between clients
 * ({@code tern-callbacks-<n>}), one client at a time on each: a thread is taken when a client has something
 * to run and returned when it has run it, new threads are made only while all are busy (a callback may
 * block, so the pool is not bounded), and idle ones end after a few seconds. An idle client holds no
 * thread, and a thousand clients do not make a thousand threads.
 */
final class CallbackDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
    private static final ThreadPoolExecutor SHARED_THREADS = sharedThreads();

    private final SerialExecutor serial;
    private final LifecycleEvents events;
    /**
     * Whether the application listens to connection attempts. If not, none is dispatched: waking a callback
     * thread for a no-op at the start of every attempt cost a connect tens of microseconds on small machines.
     */
    private final boolean attemptingConnectHandled;

    CallbackDispatcher(Executor applicationExecutor, LifecycleEvents events) {
        this.events = events;
        this.attemptingConnectHandled = overrides(events, "onAttemptingConnect", AttemptingConnectEvent.class);
        this.serial = new SerialExecutor(applicationExecutor != null ? applicationExecutor : SHARED_THREADS);
    }

    private static ThreadPoolExecutor sharedThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "tern-callbacks-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    /** Runs {@code task} (application code) in order after everything dispatched before it. */
    void execute(String what, Runnable task) {
        serial.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.warn("{} threw; the client carries on", what, e);
            }
        });
    }

    void attemptingConnect(AttemptingConnectEvent event) {
        if (attemptingConnectHandled) {
            execute("onAttemptingConnect", () -> events.onAttemptingConnect(event));
        }
    }

    /** Whether {@code listener} replaces the interface's default (no-op) method. */
    private static boolean overrides(Object listener, String method, Class<?> parameter) {
        try {
            return listener.getClass().getMethod(method, parameter).getDeclaringClass() != LifecycleEvents.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true; // cannot tell: dispatch
        }
    }

    void connectionSuccess(ConnectionSuccessEvent event) {
        execute("onConnectionSuccess", () -> events.onConnectionSuccess(event));
    }

    void connectionFailure(ConnectionFailureEvent event) {
        execute("onConnectionFailure", () -> events.onConnectionFailure(event));
    }

    void disconnection(DisconnectionEvent event) {
        execute("onDisconnection", () -> events.onDisconnection(event));
    }

    void stopped() {
        execute("onStopped", () -> events.onStopped(StoppedEvent.INSTANCE));
    }

    /** Delivers a message, then acknowledges it unless the callback took the acknowledgement over. */
    void publishReceived(Consumer<PublishReceivedEvent> callback, PublishReceivedEvent event, Runnable autoAck) {
        serial.execute(() -> {
            try {
                callback.accept(event);
            } catch (RuntimeException | Error e) {
                log.warn("the publish callback threw on {}; the message is acknowledged anyway", event, e);
            } finally {
                if (!event.isAcknowledgementTaken()) {
                    autoAck.run();
                }
            }
        });
    }

    /**
     * Waits at most {@code millis} for the callbacks already dispatched to run; later ones are dropped (the
     * client is closed). Returns at once when called from one of this client's callbacks.
     */
    void shutdown(long millis) {
        if (serial.isRunningOnCurrentThread()) {
            serial.shutdown();
            return;
        }
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        serial.execute(done::countDown);
        serial.shutdown();
        try {
            done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
