package dev.tern.mqtt5.internal.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.SucceededFuture;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.util.concurrent.TimeUnit;

/**
 * The event loop group clients use when the application gives none: one per process, created with the
 * first such client and shut down when the last one closes, so that no thread outlives the clients.
 * Each client takes one event loop of it for its whole life.
 */
public final class SharedEventLoopGroup {

    private static EventLoopGroup group;
    private static int references;

    private SharedEventLoopGroup() {
    }

    public static synchronized EventLoopGroup acquire() {
        if (references++ == 0) {
            int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
            group = new NioEventLoopGroup(threads, new DefaultThreadFactory("tern-io", true));
        }
        return group;
    }

    /** Gives a reference back; the last one shuts the group down. */
    public static synchronized Future<?> release() {
        if (references == 0) {
            return new SucceededFuture<>(ImmediateEventExecutor.INSTANCE, null);
        }
        if (--references == 0) {
            EventLoopGroup last = group;
            group = null;
            return last.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        return new SucceededFuture<>(ImmediateEventExecutor.INSTANCE, null);
    }
}
