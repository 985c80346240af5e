package dev.tern.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's main job as a user runs it: {@code tern pubsub} in its own JVM, no broker named, so it
 * starts the embedded one, runs the guide's flow, and exits 0 promptly.
 */
class CliMainProcessTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void pubsubWithNoBrokerRunsAgainstTheEmbeddedOneAndExitsZero() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Tern.class.getName(), "pubsub", "-n", "3"))
                .redirectErrorStream(true)
                .start();
        boolean exited = process.waitFor(80, TimeUnit.SECONDS);
        String output = read(process);
        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("started an embedded MQTT 5 broker (HiveMQ CE) on 127.0.0.1:")
                .contains("[lifecycle] ConnectionSuccess")
                .contains("[received] test/topic (QoS 1): Hello World! [3]")
                .contains("Received 3 of 3 messages.")
                .contains("[lifecycle] Stopped")
                .contains("Done.")
                .doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("Exception");
    }

    private static String read(Process process) throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
