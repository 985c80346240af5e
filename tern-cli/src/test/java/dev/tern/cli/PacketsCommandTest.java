package dev.tern.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class PacketsCommandTest {

    private static final class Run {
        final int exitCode;
        final String out;
        final String err;

        Run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Tern.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            this.exitCode = cli.execute(args);
            this.out = out.toString();
            this.err = err.toString();
        }
    }

    @Test
    void thePacketsSampleWalksTheGuideFlowAndDecodesEveryPacketBack() {
        Run run = new Run("packets", "--topic", "sensors/1", "--message", "21.5");
        assertThat(run.exitCode).isZero();
        assertThat(run.out)
                .contains("client -> server", "server -> client")
                .contains("ConnectPacket{clientId=tern-sample")
                .contains("SUBSCRIBE(id=1)", "topicFilter=sensors/1")
                .contains("PUBLISH(id=2) PublishPacket{topic=sensors/1, qos=AT_LEAST_ONCE")
                .contains("PUBACK(id=2)")
                .contains("DisconnectPacket{reasonCode=NORMAL_DISCONNECTION, sessionExpiryIntervalSeconds=3600}")
                .contains("9 packets");
        assertThat(run.err).isEmpty();
    }

    @Test
    void anInvalidTopicIsReportedWithoutAStackTrace() {
        Run run = new Run("packets", "--topic", "a/#/b");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("a/#/b").doesNotContain("\tat ");
    }

    @Test
    void helpListsTheCommands() {
        Run run = new Run("--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("Usage: tern", "packets");
    }
}
