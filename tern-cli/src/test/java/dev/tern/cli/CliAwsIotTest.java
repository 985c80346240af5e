package dev.tern.cli;

import dev.tern.mqtt5.aws.testing.CustomAuthorizer;
import dev.tern.mqtt5.aws.testing.GatewayAttempt;
import dev.tern.mqtt5.aws.testing.IotGateway;
import dev.tern.mqtt5.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's AWS IoT Core options end to end: {@code tern pubsub --endpoint …} through the local IoT gateway
 * fixture (which checks TLS, ALPN, certificates, authorizer user names and SigV4 as IoT Core does).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliAwsIotTest {

    @Test
    void pubsubWithACertificateAndKey() {
        try (IotGateway gateway = IotGateway.builder(IotGateway.Mode.MTLS).requireAlpn("x-amzn-mqtt-ca").start()) {
            TestPki.Identity device = gateway.issueDevice("cli-thing");
            CliRun run = CliRun.of("pubsub", "--endpoint", "localhost", "-p", Integer.toString(gateway.port()),
                    "--cert", gateway.certificateFile(device).toString(), "--key",
                    gateway.privateKeyFile(device).toString(), "--cafile", gateway.caFile().toString(), "-n", "2",
                    "-t", "tern/cli/aws/mtls");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("Connecting to localhost (AWS IoT Core, mutual TLS)")
                    .contains("Received 2 of 2 messages.");
            GatewayAttempt attempt = gateway.attempts().get(0);
            assertThat(attempt.alpn()).isEqualTo("x-amzn-mqtt-ca");
            assertThat(attempt.clientSubject()).contains("cli-thing");
        }
    }

    @Test
    void pubsubWithASigningCustomAuthorizer() {
        try (IotGateway gateway = IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.signing("CliAuthorizer", "token", "t0k3n", "c2ln+/=")
                        .password("pw"))
                .start()) {
            CliRun run = CliRun.of("pubsub", "--endpoint", "localhost", "-p", Integer.toString(gateway.port()),
                    "--cafile", gateway.caFile().toString(), "--custom-auth-name", "CliAuthorizer",
                    "--custom-auth-username", "cli-user", "--custom-auth-password", "pw",
                    "--custom-auth-signature", "c2ln+/=", "--custom-auth-token-key", "token",
                    "--custom-auth-token-value", "t0k3n", "-n", "1", "-t", "tern/cli/aws/auth");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(gateway.attempts().get(0).username().baseUsername()).isEqualTo("cli-user");
            assertThat(gateway.attempts().get(0).alpn()).isEqualTo("mqtt");
        }
    }

    @Test
    void pubsubOverSigV4WebSocketWithTheDefaultCredentialsChain() {
        // The default chain reads these system properties first.
        System.setProperty("aws.accessKeyId", "AKIDCLIEXAMPLE");
        System.setProperty("aws.secretAccessKey", "cli/secret+EXAMPLE");
        System.setProperty("aws.sessionToken", "cli-session-token");
        try (IotGateway gateway = IotGateway.builder(IotGateway.Mode.WEBSOCKET_SIGV4)
                .credentials("AKIDCLIEXAMPLE", "cli/secret+EXAMPLE", "cli-session-token").region("eu-west-1").start()) {
            CliRun run = CliRun.of("pubsub", "--endpoint", "localhost", "-p", Integer.toString(gateway.port()),
                    "--cafile", gateway.caFile().toString(), "--signing-region", "eu-west-1", "-n", "1",
                    "-t", "tern/cli/aws/sigv4");
            assertThat(run.exitCode).as(run.toString()).isZero();
            assertThat(run.out).contains("(AWS IoT Core, SigV4 WebSocket)");
            assertThat(gateway.attempts().get(0).credentialScope().region()).isEqualTo("eu-west-1");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            System.clearProperty("aws.sessionToken");
        }
    }

    @Test
    void aRefusedAuthorizerIsAConnectionError() {
        try (IotGateway gateway = IotGateway.builder(IotGateway.Mode.CUSTOM_AUTH)
                .customAuthorizer(CustomAuthorizer.unsigned("CliAuthorizer").password("right")).start()) {
            CliRun run = CliRun.of("pub", "--endpoint", "localhost", "-p", Integer.toString(gateway.port()),
                    "--cafile", gateway.caFile().toString(), "--custom-auth-name", "CliAuthorizer",
                    "--custom-auth-password", "wrong-secret-value", "-t", "t", "-m", "x");
            assertThat(run.exitCode).isEqualTo(ExitCode.NOT_CONNECTED);
            assertThat(run.err).contains("NOT_AUTHORIZED").doesNotContain("wrong-secret-value");
        }
    }
}
