package dev.tern.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole runner in its tiny mode: Mosquitto (a missing binary fails the test), the sink, child JVMs for
 * Tern and the raw socket, results.json and results.md.
 */
@Tag("interop")
class BenchRunnerInteropTest {

    @Test
    @SuppressWarnings("unchecked")
    void tinyRunAgainstMosquittoAndTheSink(@TempDir Path out) throws Exception {
        MosquittoProcess.findBinary(); // throws if Mosquitto is missing: fail, never skip
        int exit = new BenchRunner(BenchRunner.TINY, 1, List.of("tern", "raw", "no-such-client"),
                BenchRunner.WORKLOADS, out).run();

        Map<String, Object> all = Json.parseObject(Files.readString(out.resolve("results.json")));
        List<Map<String, Object>> results = (List<Map<String, Object>>) all.get("results");
        assertThat(results).allSatisfy(r -> assertThat(r).doesNotContainKey("error"));
        assertThat(exit).isZero();
        // 4 throughput cases × 2 clients, latency, connect and idle for tern
        assertThat(results).hasSize(11);
        assertThat(results).filteredOn(r -> "throughput".equals(r.get("workload")))
                .allSatisfy(r -> {
                    assertThat(((Number) r.get("msgPerSec")).doubleValue()).isPositive();
                    if (((Number) r.get("qos")).intValue() == 1) {
                        assertThat(((Number) r.get("lost")).longValue()).isZero();
                    }
                });
        assertThat(results).filteredOn(r -> "latency".equals(r.get("workload")))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("p50Micros")).doubleValue()).isPositive());
        assertThat(results).filteredOn(r -> "connect".equals(r.get("workload")))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("medianMillis")).doubleValue()).isPositive());
        assertThat(results).filteredOn(r -> "idle".equals(r.get("workload")))
                .singleElement().satisfies(r -> assertThat(((Number) r.get("connections")).intValue()).isEqualTo(5));
        String table = Files.readString(out.resolve("results.md"));
        assertThat(table).contains("| tern |", "| raw socket |", "throughput QoS 1 64 B → sink", "Machine:");
        assertThat(table).doesNotContain("no-such-client");
    }
}
