package dev.tern.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the throughput workload in this JVM against an in-process sink, with small counts. */
class BenchWorkerSmokeTest {

    private static Map<String, Object> run(ZeroCostSink sink, String client, int qos) {
        Map<String, String> args = BenchWorker.parseArgs(new String[] {
            "--client", client, "--workload", "throughput", "--target", "sink",
            "--port", Integer.toString(sink.port()), "--sink-control-port", Integer.toString(sink.controlPort()),
            "--qos", Integer.toString(qos), "--payload", "64", "--warmup-messages", "200",
            "--warmup-seconds", "2", "--messages", "2000", "--max-seconds", "10"});
        Map<String, Object> result = new BenchWorker(args).run();
        // the line a child JVM would print parses back
        assertThat(Json.parseObject(Json.write(result))).containsKeys("client", "msgPerSec");
        return result;
    }

    private static void assertSane(Map<String, Object> r, String client, int qos) {
        assertThat(r).doesNotContainKey("error");
        assertThat(r.get("client")).isEqualTo(client);
        assertThat(r.get("qos")).isEqualTo(qos);
        assertThat(((Number) r.get("msgPerSec")).doubleValue()).isPositive();
        assertThat(((Number) r.get("mbPerSec")).doubleValue()).isPositive();
        assertThat(((Number) r.get("cpuMicrosPerMsg")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(((Number) r.get("allocBytesPerMsg")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(r.get("messages")).isEqualTo(2000L);
        assertThat(r.get("delivered")).isEqualTo(2000L);
        assertThat(r.get("lost")).isEqualTo(0L);
        assertThat(r.get("truncated")).isEqualTo(false);
    }

    @Test
    void ternAgainstTheSink() {
        try (ZeroCostSink sink = ZeroCostSink.start()) {
            Map<String, Object> qos1 = run(sink, "tern", 1);
            assertSane(qos1, "tern", 1);
            assertThat(qos1.get("serverReceiveMaximum")).isEqualTo(ZeroCostSink.DEFAULT_RECEIVE_MAXIMUM);
            assertThat(qos1.get("window")).isEqualTo(ZeroCostSink.DEFAULT_RECEIVE_MAXIMUM);
            assertSane(run(sink, "tern", 0), "tern", 0);
            assertThat(sink.publishesReceived()).isGreaterThanOrEqualTo(2 * 2200);
        }
    }

    @Test
    void rawSocketAgainstTheSink() {
        try (ZeroCostSink sink = ZeroCostSink.start()) {
            assertSane(run(sink, "raw", 1), "raw", 1);
            assertSane(run(sink, "raw", 0), "raw", 0);
        }
    }

    @Test
    void failuresAreAResultWithAnErrorNotAnException() {
        Map<String, Object> r = new BenchWorker(BenchWorker.parseArgs(new String[] {
            "--client", "no-such-client", "--workload", "connect", "--port", "1"})).run();
        assertThat(r.get("error")).asString().contains("no-such-client");
        Map<String, Object> refused = new BenchWorker(BenchWorker.parseArgs(new String[] {
            "--client", "raw", "--workload", "throughput", "--port", Integer.toString(MosquittoProcess.freePort()),
            "--sink-control-port", Integer.toString(MosquittoProcess.freePort())})).run();
        assertThat(refused).containsKey("error");
    }
}
