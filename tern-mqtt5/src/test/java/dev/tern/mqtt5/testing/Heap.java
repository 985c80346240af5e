package dev.tern.mqtt5.testing;

import java.lang.management.ManagementFactory;

/** Heap figures for tests that measure what the client keeps. */
public final class Heap {

    private Heap() {
    }

    /**
     * The heap in use after full collections: what is still referenced. {@code System.gc()} collects before it
     * returns (G1, no {@code ExplicitGCInvokesConcurrent}); three rounds let finalisation-reachable objects go.
     */
    public static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
