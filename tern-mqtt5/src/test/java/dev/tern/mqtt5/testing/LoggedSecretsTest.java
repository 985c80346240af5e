package dev.tern.mqtt5.testing;

import dev.tern.testing.LoggedSecrets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite-wide secret scan sees DEBUG lines of Tern's loggers, registered values and secret shapes. */
class LoggedSecretsTest {

    private static final Logger LOG = LoggerFactory.getLogger("dev.tern.mqtt5.scan-check");

    @Test
    void aRegisteredSecretInADebugLineIsFoundAndNotRepeated() {
        String secret = "pw-" + UUID.randomUUID();
        LoggedSecrets.register(secret);
        LOG.debug("connecting with {}", secret);
        assertThat(LoggedSecrets.drain()).singleElement().asString()
                .contains("a registered secret").doesNotContain(secret);
    }

    @Test
    void secretShapesAreFoundInMessagesAndExceptionTexts() {
        LOG.debug("header Proxy-Authorization: Basic dXNlcjpwYXNzd29yZA==");
        LOG.warn("failed", new IllegalStateException("url ?X-Amz-Signature=0123456789abcdef0123"));
        LOG.info("-----BEGIN PRIVATE KEY-----");
        assertThat(LoggedSecrets.drain()).hasSize(3);
    }

    @Test
    void ordinaryLinesPass() {
        LOG.debug("connected to broker.example:8883 as sensor-1, keep alive 60 s");
        assertThat(LoggedSecrets.drain()).isEmpty();
    }
}
