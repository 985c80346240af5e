package dev.tern.cli;

import dev.tern.mqtt5.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** pub, sub, pubsub and bench against Mosquitto 2 (interop profile: a missing binary fails the test). */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliMosquittoInteropTest {

    private static MosquittoBroker mosquitto;

    @BeforeAll
    static void start() {
        mosquitto = MosquittoBroker.start();
    }

    @AfterAll
    static void stop() {
        mosquitto.close();
    }

    private static String port() {
        return Integer.toString(mosquitto.port());
    }

    @Test
    void pubAndSub() throws Exception {
        CliRun.Background sub = CliRun.start("sub", "-p", port(), "-t", "tern/mosq/#", "-C", "2", "-W", "20s", "-v",
                "-d");
        sub.awaitOutput("[subscribe] tern/mosq/#: GRANTED_QOS_0", Duration.ofSeconds(20));
        assertThat(CliRun.of("pub", "-p", port(), "-t", "tern/mosq/a", "-m", "one", "-n", "2", "-q", "1").exitCode)
                .isZero();
        CliRun result = sub.await(Duration.ofSeconds(30));
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.out).contains("tern/mosq/a one");
    }

    @Test
    void pubsub() {
        CliRun run = CliRun.of("pubsub", "-p", port(), "-n", "3", "-q", "2", "-t", "tern/mosq/pubsub");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Received 3 of 3 messages.");
    }

    @Test
    void bench() {
        CliRun run = CliRun.of("bench", "-p", port(), "--clients", "2", "--rate", "500", "--duration", "2s", "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("\"lost\":0").contains("\"errors\":0");
    }
}
