package dev.tern.cli;

import dev.tern.mqtt5.testing.HiveMqBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees when something is wrong: one line saying what and what to check, and the exit code. */
class CliErrorsTest {

    private static void assertOneLine(CliRun run) {
        assertThat(run.err.lines().count()).as(run.toString()).isEqualTo(1);
        assertThat(run.err).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Test
    void aRefusedConnectionSaysSoAndExits3() {
        CliRun run = CliRun.of("pub", "-p", Integer.toString(HiveMqBroker.freePort()), "-t", "t", "-m", "x");
        assertThat(run.exitCode).isEqualTo(ExitCode.NOT_CONNECTED);
        assertThat(run.err).startsWith("tern pub: could not connect: ").contains("refused")
                .contains("check that a broker listens on that port");
        assertOneLine(run);
    }

    @Test
    void anUnresolvableHostSaysSo() {
        CliRun run = CliRun.of("sub", "-h", "no-such-host.invalid", "-t", "t", "--connect-timeout", "5s");
        assertThat(run.exitCode).isEqualTo(ExitCode.NOT_CONNECTED);
        assertThat(run.err).contains("no-such-host.invalid");
        assertOneLine(run);
    }

    @Test
    void aMissingCertificateFileIsAUsageError() {
        CliRun run = CliRun.of("pub", "-t", "t", "-m", "x", "--cert", "/no/such/cert.pem", "--key", "/no/such/key.pem");
        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(run.err).isEqualTo("tern pub: --cert: cannot read /no/such/cert.pem (no such file)"
                + System.lineSeparator());
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(CliRun.of("pub", "-t", "t", "-m", "x", "-q", "3").err).contains("QoS must be 0, 1 or 2, was 3");
        assertThat(CliRun.of("pub", "-t", "a/#", "-m", "x", "-p", "1").exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("pub", "-t", "t").err).contains("give the payload");
        assertThat(CliRun.of("pub", "-t", "t", "-m", "x", "--user-property", "novalue").err)
                .contains("--user-property must be NAME=VALUE");
        assertThat(CliRun.of("sub", "-t", "t", "--retain-handling", "5").exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("bench", "--size", "8").err).contains("--size must be from 16 bytes");
        assertThat(CliRun.of("bench", "--duration", "soon").err).contains("'soon' is not a duration");
        assertThat(CliRun.of("pub", "-t", "t", "-m", "x", "--proxy", "nocolon").err)
                .contains("--proxy must be HOST:PORT");
    }

    @Test
    void conflictingOrIncompleteConnectionOptionsAreUsageErrors() {
        CliRun both = CliRun.of("pub", "-t", "t", "-m", "x", "-h", "a", "--endpoint", "b.iot.us-east-1.amazonaws.com");
        assertThat(both.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(both.err).contains("give --host or --endpoint, not both");
        CliRun noAuth = CliRun.of("pub", "-t", "t", "-m", "x", "--endpoint", "abc-ats.iot.us-east-1.amazonaws.com");
        assertThat(noAuth.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(noAuth.err).contains("with --endpoint, authenticate with --cert and --key");
        CliRun region = CliRun.of("pub", "-t", "t", "-m", "x", "--endpoint", "iot.example.com", "--signing-region",
                "us-east-1", "-p", "1");
        assertThat(region.err).doesNotContain("region");
        CliRun noRegion = CliRun.of("pub", "-t", "t", "-m", "x", "--endpoint", "iot.example.com",
                "--cognito-identity", "us-east-1:0000");
        assertThat(noRegion.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(noRegion.err).contains("region");
        CliRun awsOnBroker = CliRun.of("pub", "-t", "t", "-m", "x", "--signing-region", "us-east-1");
        assertThat(awsOnBroker.err).contains("need --endpoint");
        CliRun halfIdentity = CliRun.of("pub", "-t", "t", "-m", "x", "--cert", "pom.xml");
        assertThat(halfIdentity.err).contains("--cert and --key go together");
    }

    @Test
    void unknownOptionsGetPicocliUsageHelpAndExit2() {
        CliRun run = CliRun.of("pub", "-t", "t", "--frobnicate");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.of("pub", "-p", Integer.toString(HiveMqBroker.freePort()), "-t", "t", "-m", "x",
                "--verbose");
        assertThat(run.exitCode).isEqualTo(ExitCode.NOT_CONNECTED);
        assertThat(run.err).contains("\tat ");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("pubsub").contains("pub ").contains("sub ").contains("bench").contains("packets")
                .contains("Exit codes:").contains("3    could not connect");
        for (String command : new String[] {"pubsub", "pub", "sub", "bench"}) {
            CliRun sub = CliRun.of(command, "--help");
            assertThat(sub.exitCode).as(command).isZero();
            assertThat(sub.out).as(command).contains("Usage: tern " + command).contains("--endpoint")
                    .contains("--proxy").contains("Examples:");
        }
    }
}
