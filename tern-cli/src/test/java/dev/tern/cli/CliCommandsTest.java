package dev.tern.cli;

import dev.tern.mqtt5.testing.HiveMqBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** pub, sub and bench against the embedded HiveMQ broker of the test JVM, through {@link Tern#run}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliCommandsTest {

    private final InputStream originalIn = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(originalIn);
    }

    private static String port() {
        return Integer.toString(HiveMqBroker.get().port());
    }

    private static String topic() {
        return "tern/cli/" + UUID.randomUUID();
    }

    /** Runs {@code sub} in the background; the subscription is in place when this returns. */
    private static CliRun.Background subscribe(String topic, String... extra) throws Exception {
        // A retained marker: once the sub prints it, its subscriptions are active.
        String marker = topic + "/ready";
        assertThat(CliRun.of("pub", "-p", port(), "-t", marker, "-m", "ready", "-r", "-q", "1").exitCode).isZero();
        String[] args = concat(new String[] {"sub", "-p", port(), "-t", marker, "-t", topic, "-q", "1"}, extra);
        return CliRun.start(args).awaitOutput("ready", Duration.ofSeconds(20));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void pubThenSubGetsTheRetainedMessageWithItsTopic() {
        String topic = topic();
        CliRun pub = CliRun.of("pub", "-p", port(), "-t", topic, "-m", "hello retained", "-r", "-q", "1");
        assertThat(pub.exitCode).as(pub.toString()).isZero();
        assertThat(pub.out).isEmpty();

        CliRun sub = CliRun.of("sub", "-p", port(), "-t", topic, "-C", "1", "-W", "10s", "-v");
        assertThat(sub.exitCode).as(sub.toString()).isZero();
        assertThat(sub.out).isEqualTo(topic + " hello retained" + System.lineSeparator());
    }

    @Test
    void subPrintsJsonWithEveryPropertyThePublisherSet() throws Exception {
        String topic = topic();
        CliRun.Background sub = subscribe(topic, "-C", "3", "-W", "20s", "--json");
        CliRun pub = CliRun.of("pub", "-p", port(), "-t", topic, "-m", "{\"t\": 21.5}\nline two", "-n", "2", "-q", "2",
                "--user-property", "origin=cli", "--user-property", "origin=again", "--content-type",
                "application/json", "--response-topic", "replies", "--correlation-data", "req-7",
                "--message-expiry", "60", "--utf8", "-d");
        assertThat(pub.exitCode).as(pub.toString()).isZero();
        assertThat(pub.out).contains("[lifecycle] ConnectionSuccess").contains("PUBREC SUCCESS, PUBCOMP SUCCESS");

        CliRun result = sub.await(Duration.ofSeconds(30));
        assertThat(result.exitCode).as(result.toString()).isZero();
        List<String> lines = result.out.lines().collect(Collectors.toList());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"topic\":\"" + topic + "/ready\"").contains("\"retain\":true");
        assertThat(lines.get(1)).startsWith("{\"topic\":\"" + topic + "\",\"qos\":")
                .contains("\"payload\":\"{\\\"t\\\": 21.5}\\nline two\"")
                .contains("\"contentType\":\"application/json\"")
                .contains("\"responseTopic\":\"replies\"")
                .contains("\"correlationDataBase64\":\"cmVxLTc=\"")
                .contains("\"payloadFormatUtf8\":true")
                .contains("\"userProperties\":[[\"origin\",\"cli\"],[\"origin\",\"again\"]]")
                .endsWith("}");
        assertThat(lines.get(2)).isEqualTo(lines.get(1));
    }

    @Test
    void pubSendsOneMessagePerLineOfStandardInputAndBinaryFilesComeOutAsBase64() throws Exception {
        String topic = topic();
        CliRun.Background sub = subscribe(topic, "-C", "4", "-W", "20s", "--json");
        System.setIn(new ByteArrayInputStream("first\nsecond\n".getBytes(StandardCharsets.UTF_8)));
        CliRun lines = CliRun.of("pub", "-p", port(), "-t", topic, "-l", "-q", "1");
        assertThat(lines.exitCode).as(lines.toString()).isZero();
        Path file = Files.createTempFile("tern-cli", ".bin");
        Files.write(file, new byte[] {(byte) 0xff, 0, 1});
        CliRun binary = CliRun.of("pub", "-p", port(), "-t", topic, "-f", file.toString(), "-q", "1");
        assertThat(binary.exitCode).as(binary.toString()).isZero();

        CliRun result = sub.await(Duration.ofSeconds(30));
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("\"payload\":\"first\"").contains("\"payload\":\"second\"")
                .contains("\"payloadBase64\":\"/wAB\"");
    }

    @Test
    void subGivesUpAfterTheWaitWhenTooFewMessagesCame() {
        CliRun sub = CliRun.of("sub", "-p", port(), "-t", topic(), "-C", "1", "-W", "1s");
        assertThat(sub.exitCode).isEqualTo(ExitCode.FAILED);
        assertThat(sub.err).contains("0 of 1 messages within 1000 ms");
    }

    @Test
    void benchReportsAJsonSummaryWithNothingLost() {
        CliRun bench = CliRun.of("bench", "-p", port(), "--clients", "2", "--rate", "400", "--duration", "2s",
                "--qos", "1", "--size", "100", "--json");
        assertThat(bench.exitCode).as(bench.toString()).isZero();
        String json = bench.out.trim();
        assertThat(json).startsWith("{\"clients\":2,\"qos\":1,\"payloadBytes\":100,\"targetRate\":400,")
                .contains("\"lost\":0").contains("\"errors\":0").contains("\"latencyMs\":{\"p50\":");
        long sent = Long.parseLong(json.replaceAll(".*\"sent\":(\\d+).*", "$1"));
        long received = Long.parseLong(json.replaceAll(".*\"received\":(\\d+).*", "$1"));
        // 400 msg/s for 2 s, paced by the clock: not a speed assertion, a pacing one (within a wide band)
        assertThat(sent).isBetween(600L, 900L);
        assertThat(received).isEqualTo(sent);
        assertThat(bench.err).contains("1s  sent");
    }

    @Test
    void benchWritesCsvRowsPerSecondAndATotal() {
        CliRun bench = CliRun.of("bench", "-p", port(), "--rate", "200", "--duration", "2s", "--qos", "0", "--csv");
        assertThat(bench.exitCode).as(bench.toString()).isZero();
        List<String> rows = bench.out.lines().collect(Collectors.toList());
        assertThat(rows.get(0)).isEqualTo("second,sent,acknowledged,received,errors,rate_per_s,p50_ms,p99_ms");
        assertThat(rows).anyMatch(r -> r.startsWith("1,"));
        assertThat(rows.get(rows.size() - 1)).startsWith("total,");
    }

    @Test
    void pubsubAgainstANamedBrokerRunsTheGuidesFlow() {
        CliRun run = CliRun.of("pubsub", "-p", port(), "-t", topic(), "-n", "3", "-q", "2");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).doesNotContain("embedded")
                .contains("[lifecycle] AttemptingConnect: attempt 1")
                .contains("[lifecycle] ConnectionSuccess")
                .contains("(QoS 2): GRANTED_QOS_2")
                .contains("PUBREC SUCCESS, PUBCOMP SUCCESS")
                .contains("Hello World! [3]")
                .contains("Received 3 of 3 messages.")
                .contains("[lifecycle] Disconnection: CLIENT_STOPPED")
                .contains("[lifecycle] Stopped")
                .endsWith("Done." + System.lineSeparator());
    }
}
