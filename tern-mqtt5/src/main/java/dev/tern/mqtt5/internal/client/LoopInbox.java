package dev.tern.mqtt5.internal.client;

import io.netty.channel.EventLoop;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands items from any thread to the event loop: a lock-free stack the loop drains in one task, oldest
 * first. One compare-and-set per item and no allocation (the items carry their own link), and one loop
 * task — one wake-up — for everything that arrived meanwhile, instead of a task each.
 *
 * <p>Order is kept: the stack is reversed when drained, and a task given to the loop after an item was
 * offered always runs after the drain that takes it (the drain was scheduled when the stack was empty,
 * before that task).
 *
 * @param <T> the items, linked through {@link Link}
 */
final class LoopInbox<T extends LoopInbox.Link<T>> {

    /** An item's own link field, written by the offering thread and read by the loop. */
    interface Link<T> {
        T nextInInbox();

        void nextInInbox(T next);

        /**
         * {@return how many items the stack held with this one on top} Items of an inbox with a capacity
         * keep it; the default suits an inbox without one.
         */
        default int depthInInbox() {
            return 0;
        }

        default void depthInInbox(int depth) {
        }
    }

    private final AtomicReference<T> newest = new AtomicReference<>();
    private final EventLoop loop;
    private final Consumer<T> onLoop;
    private final Consumer<T> rejected;
    private final Runnable afterDrain;
    private final Runnable drain = this::drain;
    private final int capacity;

    /**
     * @param onLoop runs for each item on the loop, in order
     * @param afterDrain runs on the loop once after each drain (a flush, say)
     * @param rejected runs for each item on the offering thread if the loop no longer takes tasks
     */
    LoopInbox(EventLoop loop, Consumer<T> onLoop, Runnable afterDrain, Consumer<T> rejected) {
        this(loop, Integer.MAX_VALUE, onLoop, afterDrain, rejected);
    }

    /**
     * An inbox that takes at most {@code capacity} items until the loop drains it: producers faster than the
     * loop are refused at once instead of piling up in memory. Its items keep {@link Link#depthInInbox}.
     */
    LoopInbox(EventLoop loop, int capacity, Consumer<T> onLoop, Runnable afterDrain, Consumer<T> rejected) {
        this.loop = loop;
        this.capacity = capacity;
        this.onLoop = onLoop;
        this.afterDrain = afterDrain;
        this.rejected = rejected;
    }

    /** Hands {@code item} to the loop; false, taking nothing, if {@code capacity} items already wait. */
    boolean offer(T item) {
        T head;
        do {
            head = newest.get();
            // the depth of the head was written before the head was published by its compare-and-set
            int depth = head == null ? 1 : head.depthInInbox() + 1;
            if (depth > capacity) {
                return false;
            }
            item.depthInInbox(depth);
            item.nextInInbox(head);
        } while (!newest.compareAndSet(head, item));
        if (head == null) {
            try {
                loop.execute(drain);
            } catch (RejectedExecutionException e) {
                for (T t = takeAll(); t != null; t = next(t)) {
                    rejected.accept(t);
                }
            }
        }
        return true;
    }

    @CallByThread("event loop")
    private void drain() {
        T item = takeAll();
        while (item != null) {
            T next = next(item);
            onLoop.accept(item);
            item = next;
        }
        afterDrain.run();
    }

    private T next(T item) {
        T next = item.nextInInbox();
        item.nextInInbox(null);
        return next;
    }

    /** Empties the stack; returns its items oldest first. */
    private T takeAll() {
        T newestFirst = newest.getAndSet(null);
        T oldestFirst = null;
        while (newestFirst != null) {
            T next = newestFirst.nextInInbox();
            newestFirst.nextInInbox(oldestFirst);
            oldestFirst = newestFirst;
            newestFirst = next;
        }
        return oldestFirst;
    }
}
