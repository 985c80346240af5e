package dev.tern.mqtt5.internal.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The future an operation returns. The client completes it on its event loop — cheap for callers that
 * block in {@code get()} — but every dependent stage added with a non-async method ({@code thenApply},
 * {@code whenComplete}, …) runs on the completion executor instead, so application code never runs on
 * the network thread even if it blocks.
 *
 * <p>Completion by anyone but the client ({@link #cancel}, {@code orTimeout}, {@link #complete},
 * {@link #completeExceptionally}) withdraws the operation: see {@link #onExternalCompletion()}.
 */
abstract class ClientFuture<T> extends CompletableFuture<T> {

    private final Executor completionExecutor;
    /** Set just before the client completes the future, so the overrides can tell who completed it. */
    private volatile boolean completingInternally;

    ClientFuture(Executor completionExecutor) {
        this.completionExecutor = completionExecutor;
    }

    /** Completes on behalf of the client. */
    final boolean succeed(T value) {
        completingInternally = true;
        return super.complete(value);
    }

    /** Fails on behalf of the client. */
    final boolean fail(Throwable error) {
        completingInternally = true;
        return super.completeExceptionally(error);
    }

    /** Someone other than the client completed the future; the operation must be withdrawn. */
    abstract void onExternalCompletion();

    @Override
    public boolean complete(T value) {
        boolean done = super.complete(value);
        if (done && !completingInternally) {
            onExternalCompletion();
        }
        return done;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        boolean done = super.completeExceptionally(ex);
        if (done && !completingInternally) {
            onExternalCompletion();
        }
        return done;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean done = super.cancel(mayInterruptIfRunning);
        if (done && !completingInternally) {
            onExternalCompletion();
        }
        return done;
    }

    @Override
    public Executor defaultExecutor() {
        return completionExecutor;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    // Non-async dependents run on the completion executor, never on the event loop.

    @Override
    public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
        return thenApplyAsync(fn, completionExecutor);
    }

    @Override
    public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
        return thenAcceptAsync(action, completionExecutor);
    }

    @Override
    public CompletableFuture<Void> thenRun(Runnable action) {
        return thenRunAsync(action, completionExecutor);
    }

    @Override
    public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
            BiFunction<? super T, ? super U, ? extends V> fn) {
        return thenCombineAsync(other, fn, completionExecutor);
    }

    @Override
    public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
            BiConsumer<? super T, ? super U> action) {
        return thenAcceptBothAsync(other, action, completionExecutor);
    }

    @Override
    public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
        return runAfterBothAsync(other, action, completionExecutor);
    }

    @Override
    public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
        return applyToEitherAsync(other, fn, completionExecutor);
    }

    @Override
    public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
        return acceptEitherAsync(other, action, completionExecutor);
    }

    @Override
    public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
        return runAfterEitherAsync(other, action, completionExecutor);
    }

    @Override
    public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
        return thenComposeAsync(fn, completionExecutor);
    }

    @Override
    public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        return whenCompleteAsync(action, completionExecutor);
    }

    @Override
    public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
        return handleAsync(fn, completionExecutor);
    }

    @Override
    public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
        return handleAsync((value, error) -> error == null ? value : fn.apply(error), completionExecutor);
    }
}
