package dev.tern.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails the test (or, for what was logged outside tests, the class) during which a secret reached a log
 * line. Registered for every test class through extension auto-detection, like {@link NettyLeakExtension}.
 */
public final class LoggedSecretsExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        attachScanner();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        attachScanner();
    }

    private static void attachScanner() {
        try {
            LogSecretScanner.ensureAttached();
        } catch (LinkageError e) {
            // this module tests without logback: nothing logs through it to scan
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failIfFound();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failIfFound();
    }

    private static void failIfFound() {
        List<String> found = LoggedSecrets.drain();
        if (!found.isEmpty()) {
            throw new AssertionError("secrets reached the log: " + String.join("; ", found));
        }
    }
}
