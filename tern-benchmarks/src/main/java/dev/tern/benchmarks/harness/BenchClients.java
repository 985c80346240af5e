package dev.tern.benchmarks.harness;

/**
 * Creates the {@link BenchClient} adapter for a library by its short name. This version knows only
 * {@code tern}; the peer adapters ({@code hivemq}, {@code paho}, {@code crt}) come with their own branch.
 * The runner uses nothing but {@link #create} and treats any exception as "not available".
 */
public final class BenchClients {

    private BenchClients() {
    }

    /**
     * {@return a new, unconnected adapter for {@code name}}
     *
     * @throws IllegalArgumentException if no adapter has that name
     */
    public static BenchClient create(String name) {
        switch (name) {
            case "tern":
                return new TernBenchClient();
            default:
                throw new IllegalArgumentException("unknown client: " + name);
        }
    }
}
