package dev.tern.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One run of {@code tern} in this JVM, its exit code and what it printed. */
final class CliRun {

    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tern.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Starts a run in the background; its output can be watched while it runs. */
    static Background start(String... args) {
        return new Background(args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }

    static final class Background {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final CompletableFuture<CliRun> result;

        private Background(String... args) {
            result = CompletableFuture.supplyAsync(() -> {
                int code = Tern.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
                return new CliRun(code, out.toString(), err.toString());
            });
        }

        /** Waits until the output so far contains {@code text}. */
        Background awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!out.toString().contains(text)) {
                if (result.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("no \"" + text + "\" in the output within " + timeout + ": "
                            + (result.isDone() ? result.join() : out + "\n" + err));
                }
                Thread.sleep(20);
            }
            return this;
        }

        CliRun await(Duration timeout) throws Exception {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
