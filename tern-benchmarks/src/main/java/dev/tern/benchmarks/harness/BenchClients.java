package dev.tern.benchmarks.harness;

import java.util.List;

/** Creates the adapter of each client under comparison by its {@link BenchClient#name() name}. */
public final class BenchClients {

    /** Every name {@link #create} accepts, Tern first. */
    public static final List<String> NAMES = List.of("tern", "hivemq", "paho", "crt");

    private BenchClients() {
    }

    /** A new, unconnected adapter: {@code tern}, {@code hivemq}, {@code paho} or {@code crt}. */
    public static BenchClient create(String name) {
        switch (name) {
            case "tern":
                return new TernBenchClient();
            case "hivemq":
                return new HiveMqBenchClient();
            case "paho":
                return new PahoBenchClient();
            case "crt":
                return new CrtBenchClient();
            default:
                throw new IllegalArgumentException("unknown client '" + name + "'; expected one of " + NAMES);
        }
    }
}
