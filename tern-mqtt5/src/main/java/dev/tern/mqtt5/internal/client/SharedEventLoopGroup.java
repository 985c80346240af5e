package dev.tern.mqtt5.internal.client;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.SucceededFuture;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The event loop group clients use when the application gives none: one per process, created with the
 * first such client and shut down a moment after the last one closes ({@link #LINGER_MILLIS}), so that no
 * thread outlives the clients for long — and an application that connects one client after another does
 * not pay for starting and stopping the group's threads each time (that was most of its connect time).
 * The threads are daemons: a lingering group never keeps the JVM alive. Each client takes one event loop
 * of it for its whole life.
 */
public final class SharedEventLoopGroup {

    static final long LINGER_MILLIS = 2_000;

    private static EventLoopGroup group;
    private static int references;
    /** When the last reference was given back. */
    private static long lastReleaseNanos;
    /** The one pending check for an unused group (clients that come and go fast must not pile up timers). */
    private static ScheduledFuture<?> pendingShutdown;

    private SharedEventLoopGroup() {
    }

    public static synchronized EventLoopGroup acquire() {
        if (references++ == 0 && group == null) {
            int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
            group = NativeTransport.newGroup(threads, new DefaultThreadFactory("tern-io", true));
        }
        return group;
    }

    /**
     * Gives a reference back; after the last one the group shuts down unless it is taken again within
     * {@link #LINGER_MILLIS}. The future completes at once: nothing is waiting on the group any more.
     */
    public static synchronized Future<?> release() {
        if (references > 0 && --references == 0) {
            lastReleaseNanos = System.nanoTime();
            if (pendingShutdown == null) {
                pendingShutdown = group.schedule(SharedEventLoopGroup::shutDownIfUnused, LINGER_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
        return new SucceededFuture<>(ImmediateEventExecutor.INSTANCE, null);
    }

    private static synchronized void shutDownIfUnused() {
        pendingShutdown = null;
        if (group == null || references > 0) {
            return; // taken again: the next last release arms a new check
        }
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastReleaseNanos);
        if (idleMillis >= LINGER_MILLIS) {
            EventLoopGroup idle = group;
            group = null;
            idle.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        } else {
            pendingShutdown = group.schedule(SharedEventLoopGroup::shutDownIfUnused, LINGER_MILLIS - idleMillis,
                    TimeUnit.MILLISECONDS);
        }
    }
}
