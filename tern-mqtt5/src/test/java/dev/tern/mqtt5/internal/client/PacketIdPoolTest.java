package dev.tern.mqtt5.internal.client;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PacketIdPoolTest {

    private static Operation<?> op() {
        return new UnsubscribeOperation(null, Runnable::run, null);
    }

    @Test
    void allIdentifiersCanBeInUseAtOnceThenNoneIsLeft() {
        PacketIdPool pool = new PacketIdPool();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < PacketIdPool.MAX; i++) {
            assertThat(seen.add(pool.acquire(op()))).isTrue();
        }
        assertThat(seen).hasSize(PacketIdPool.MAX).doesNotContain(0);
        assertThat(pool.acquire(op())).isZero();
    }

    @Test
    void aSlidingWindowCyclesThroughTheIdentifiersInSequenceInATableTwiceItsSize() {
        PacketIdPool pool = new PacketIdPool();
        java.util.ArrayDeque<Operation<?>> window = new java.util.ArrayDeque<>();
        int previous = 0;
        for (int i = 0; i < 300_000; i++) {
            Operation<?> op = op();
            int id = pool.acquire(op);
            if (previous != 0 && previous != PacketIdPool.MAX) {
                assertThat(id).isEqualTo(previous + 1); // in sequence, so a late ack rarely meets a new owner
            }
            previous = id;
            window.addLast(op);
            if (window.size() > 1_000) {
                pool.release(window.removeFirst());
            }
        }
        assertThat(pool.size()).isEqualTo(1_000);
        assertThat(pool.tableCapacity()).isEqualTo(1_024); // the smallest power of two the window fits in
    }

    @Test
    void aLongLivedIdentifierIsSteppedAroundNotReused() {
        PacketIdPool pool = new PacketIdPool();
        Operation<?> stuck = op();
        int stuckId = pool.acquire(stuck);
        for (int i = 0; i < 200_000; i++) {
            Operation<?> op = op();
            int id = pool.acquire(op);
            assertThat(id).isNotEqualTo(stuckId);
            pool.release(op);
        }
        assertThat(pool.get(stuckId)).isSameAs(stuck);
        assertThat(pool.tableCapacity()).isEqualTo(16);
    }
}
