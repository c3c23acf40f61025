package dev.governor.archive.archiving;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * An S3 call tried until it succeeds, fails in a way trying again cannot mend, or is no longer wanted, with a
 * doubling pause between tries. Non-blocking: the pauses are the JDK's delayed executor, not a held thread.
 */
final class Retrying {

    private Retrying() {}

    static <T> CompletableFuture<T> call(
            Supplier<CompletableFuture<T>> call,
            Predicate<Throwable> hopeless,
            BooleanSupplier abandoned,
            Duration backoff,
            Duration maxBackoff,
            Consumer<Throwable> onFailure) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(call, hopeless, abandoned, backoff, maxBackoff, onFailure, result);
        return result;
    }

    private static <T> void attempt(
            Supplier<CompletableFuture<T>> call,
            Predicate<Throwable> hopeless,
            BooleanSupplier abandoned,
            Duration wait,
            Duration maxBackoff,
            Consumer<Throwable> onFailure,
            CompletableFuture<T> result) {
        CompletableFuture<T> attempt;
        try {
            attempt = call.get();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = unwrap(failure);
            onFailure.accept(cause);
            if (abandoned.getAsBoolean() || hopeless.test(cause)) {
                result.completeExceptionally(cause);
                return;
            }
            Duration next = wait.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : wait.multipliedBy(2);
            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(call, hopeless, abandoned, next, maxBackoff, onFailure, result));
        });
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
