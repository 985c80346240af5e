package dev.tern.mqtt5.internal.client;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PacketIdTableProperties {

    /** Any sequence of puts and removes behaves as a map would (values checked for every identifier touched). */
    @Property(tries = 300)
    void behavesLikeAMap(@ForAll("operations") List<int[]> operations) {
        PacketIdTable<String> table = new PacketIdTable<>();
        Map<Integer, String> model = new HashMap<>();
        for (int[] op : operations) {
            int id = op[1];
            if (op[0] == 0) {
                table.put(id, "v" + id + "/" + op[2]);
                model.put(id, "v" + id + "/" + op[2]);
            } else {
                assertThat(table.remove(id)).isEqualTo(model.remove(id));
            }
            assertThat(table.size()).isEqualTo(model.size());
            assertThat(table.get(id)).isEqualTo(model.get(id));
        }
        for (Map.Entry<Integer, String> e : model.entrySet()) {
            assertThat(table.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    @Provide
    Arbitrary<List<int[]>> operations() {
        // Identifiers near each other (sequences), and far apart (forcing the table to grow).
        Arbitrary<Integer> ids = Arbitraries.oneOf(Arbitraries.integers().between(1, 200),
                Arbitraries.integers().between(1, 65_535));
        return Arbitraries.integers().between(0, 2).flatMap(kind -> ids.flatMap(id ->
                Arbitraries.integers().between(0, 9).map(v -> new int[] {kind == 2 ? 1 : 0, id, v})))
                .list().ofMaxSize(400);
    }

    /** The pool never hands out an identifier in use, hands out all 65,535, and reuses freed ones. */
    @Property(tries = 30)
    void poolHandsOutDistinctFreeIdentifiers(@ForAll("releases") List<Integer> releaseEvery) {
        PacketIdPool pool = new PacketIdPool();
        Map<Integer, Operation<?>> held = new HashMap<>();
        int step = 0;
        for (int i = 0; i < 3_000; i++) {
            Operation<?> op = new UnsubscribeOperation(null, Runnable::run, null);
            int id = pool.acquire(op);
            assertThat(id).isBetween(1, PacketIdPool.MAX);
            assertThat(held.put(id, op)).isNull();
            assertThat(pool.get(id)).isSameAs(op);
            int every = releaseEvery.get(step++ % releaseEvery.size());
            if (i % every == 0 && !held.isEmpty()) {
                // Release the oldest-but-one, leaving long-lived identifiers behind to make gaps.
                Integer victim = held.keySet().iterator().next();
                pool.release(held.remove(victim));
                assertThat(pool.get(victim)).isNull();
            }
            assertThat(pool.size()).isEqualTo(held.size());
        }
    }

    @Provide
    Arbitrary<List<Integer>> releases() {
        return Arbitraries.integers().between(1, 5).list().ofMinSize(1).ofMaxSize(10);
    }
}
