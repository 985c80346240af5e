package dev.tern.mqtt5.internal.client;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionBatcherTest {

    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void stagesReleasedInOneLoopTaskReachTheExecutorAsOneTaskInOrderAndOffTheLoop() throws Exception {
        AtomicInteger handOffs = new AtomicInteger();
        Executor counting = task -> {
            handOffs.incrementAndGet();
            new Thread(task, "test-completions").start();
        };
        CompletionBatcher batcher = new CompletionBatcher(loop, counting);
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);
        loop.execute(() -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                batcher.execute(() -> {
                    order.add(n);
                    onLoop.add(loop.inEventLoop());
                    done.countDown();
                });
            }
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(handOffs.get()).isEqualTo(1);
        assertThat(order).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(onLoop).containsOnly(false);
    }

    @Test
    void aThrowingStageDoesNotCostTheOthers() throws Exception {
        CompletionBatcher batcher = new CompletionBatcher(loop, task -> new Thread(task).start());
        CountDownLatch ran = new CountDownLatch(2);
        loop.execute(() -> {
            batcher.execute(ran::countDown);
            batcher.execute(() -> {
                throw new IllegalStateException("application bug");
            });
            batcher.execute(ran::countDown);
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stagesReleasedOffTheLoopGoStraightToTheExecutor() {
        List<Runnable> received = new CopyOnWriteArrayList<>();
        CompletionBatcher batcher = new CompletionBatcher(loop, received::add);
        Runnable task = () -> { };
        batcher.execute(task);
        assertThat(received).containsExactly(task);
    }

    @Test
    void anExecutorThatWasShutDownDoesNotLoseStages() throws Exception {
        CompletionBatcher batcher = new CompletionBatcher(loop, task -> {
            throw new RejectedExecutionException("shut down");
        });
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(() -> batcher.execute(ran::countDown));
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
