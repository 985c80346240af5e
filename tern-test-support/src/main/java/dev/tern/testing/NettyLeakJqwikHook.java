package dev.tern.testing;

import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

/**
 * The jqwik counterpart of {@link NettyLeakExtension}, registered globally through
 * {@code META-INF/services}: after every test class, a forced collection and a leak check.
 */
public final class NettyLeakJqwikHook implements AroundContainerHook {

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public boolean appliesTo(Optional<AnnotatedElement> element) {
        return element.map(e -> e instanceof Class).orElse(false);
    }

    @Override
    public void beforeContainer(ContainerLifecycleContext context) {
        NettyLeaks.install();
    }

    @Override
    public void afterContainer(ContainerLifecycleContext context) {
        NettyLeaks.assertNoLeaks(true);
    }
}
