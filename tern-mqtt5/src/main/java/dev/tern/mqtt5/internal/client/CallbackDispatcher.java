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
import java.util.concurrent.LinkedBlockingQueue;
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
 * <p>Without an application executor, the client has its own thread for this, started when there is
 * something to run and ended after a few idle seconds, so an idle client holds no thread.
 */
final class CallbackDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
    private static final AtomicInteger CLIENT_NUMBER = new AtomicInteger();

    private final ThreadPoolExecutor ownThread;
    private final Executor serial;
    private final LifecycleEvents events;

    CallbackDispatcher(Executor applicationExecutor, LifecycleEvents events) {
        this.events = events;
        if (applicationExecutor == null) {
            String name = "tern-callbacks-" + CLIENT_NUMBER.incrementAndGet();
            ThreadFactory factory = runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            };
            ownThread = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            ownThread.allowCoreThreadTimeOut(true);
            serial = ownThread; // one thread: already serial
        } else {
            ownThread = null;
            serial = new SerialExecutor(applicationExecutor);
        }
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
        execute("onAttemptingConnect", () -> events.onAttemptingConnect(event));
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

    /** Ends the client's own callback thread once queued callbacks have run; waits at most {@code millis}. */
    void shutdown(long millis) {
        if (ownThread != null) {
            ownThread.shutdown();
            try {
                if (Thread.currentThread().getName().startsWith("tern-callbacks-")) {
                    return; // close() from our own callback: the thread ends once this callback returns
                }
                ownThread.awaitTermination(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
