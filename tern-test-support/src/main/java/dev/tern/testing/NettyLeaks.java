package dev.tern.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns Netty's leak reports into test failures.
 *
 * <p>Netty only logs a leak, and only when a leaked buffer has been garbage collected and a later
 * allocation polls the detector's queue. {@link #install()} replaces the detector factory with one that
 * records every report, at level PARANOID (every buffer tracked). {@link #assertNoLeaks()} forces a
 * collection, allocates to make the detectors poll, and fails with the recorded access trail.
 *
 * <p>The factory must be in place before Netty's buffer classes initialise their static detectors, so
 * {@link NettyLeakSessionListener} installs it when the JUnit launcher session opens.
 */
public final class NettyLeaks {

    private static final List<String> leaks = new ArrayList<>();
    private static boolean installed;

    private NettyLeaks() {
    }

    /** Installs the recording detector factory; idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /** Reports recorded so far, without forcing a collection. */
    public static synchronized List<String> recorded() {
        return new ArrayList<>(leaks);
    }

    /**
     * Fails if any leak was reported since the last call. With {@code collect}, first runs the garbage
     * collector and polls the detectors so that buffers dropped by the test just finished are found.
     */
    public static void assertNoLeaks(boolean collect) {
        if (collect) {
            for (int i = 0; i < 3; i++) {
                System.gc();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                poll();
            }
        }
        List<String> found;
        synchronized (NettyLeaks.class) {
            found = new ArrayList<>(leaks);
            leaks.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("Netty reported " + found.size() + " leaked buffer(s):\n"
                    + String.join("\n----\n", found));
        }
    }

    /** Each tracked allocation makes a detector drain its queue of collected, unreleased buffers. */
    private static void poll() {
        ByteBuf[] probes = {
            PooledByteBufAllocator.DEFAULT.heapBuffer(1),
            PooledByteBufAllocator.DEFAULT.directBuffer(1),
            UnpooledByteBufAllocator.DEFAULT.heapBuffer(1),
            UnpooledByteBufAllocator.DEFAULT.directBuffer(1),
        };
        for (ByteBuf probe : probes) {
            probe.release();
        }
    }

    private static synchronized void record(String report) {
        leaks.add(report);
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true; // report even when no logger is configured for errors
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected."
                    + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                    + " (no access records).");
            super.reportUntracedLeak(resourceType);
        }
    }
}
