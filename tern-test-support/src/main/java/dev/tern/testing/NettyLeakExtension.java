package dev.tern.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails Jupiter tests on Netty leaks. Registered for every test class through extension
 * auto-detection (enabled in the parent POM's surefire configuration).
 *
 * <p>After each test it checks what was already reported (cheap); after each class it forces a
 * collection so the class's own leaks are attributed to it.
 */
public final class NettyLeakExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        NettyLeaks.install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        NettyLeaks.assertNoLeaks(false);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        NettyLeaks.assertNoLeaks(true);
    }
}
