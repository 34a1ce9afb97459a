package dev.switchboard.loadgen;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Set-up work (tokens, chats, connections) done {@code concurrency} at a time: thousands at once would only
 * queue in the client and the server and make timeouts meaningless. Each task is retried with doubling backoff,
 * up to a cap, since one refused connection should not end a run of ten thousand.
 */
public final class BoundedConcurrency {

    static final int ATTEMPTS = 3;
    static final long FIRST_BACKOFF_MILLIS = 200;

    private BoundedConcurrency() {}

    /** Runs {@code task(0..count-1)}; the result keeps their order; fails with the first task that fails for good. */
    public static <T> Future<List<T>> all(Vertx vertx, int count, int concurrency, IntFunction<Future<T>> task) {
        Promise<List<T>> all = Promise.promise();
        if (count == 0) {
            all.complete(List.of());
            return all.future();
        }
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(count);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= count || failed.get()) {
                return;
            }
            retrying(vertx, () -> task.apply(i), ATTEMPTS, FIRST_BACKOFF_MILLIS).onComplete(ar -> {
                if (ar.failed()) {
                    if (failed.compareAndSet(false, true)) {
                        all.fail(ar.cause());
                    }
                    return;
                }
                results.set(i, ar.result());
                if (done.incrementAndGet() == count) {
                    List<T> ordered = new ArrayList<>(count);
                    for (int k = 0; k < count; k++) {
                        ordered.add(results.get(k));
                    }
                    all.complete(ordered);
                } else {
                    startNext[0].run();
                }
            });
        };
        for (int k = 0; k < Math.min(concurrency, count); k++) {
            startNext[0].run();
        }
        return all.future();
    }

    static <T> Future<T> retrying(Vertx vertx, Supplier<Future<T>> attempt, int attemptsLeft, long backoffMillis) {
        Future<T> first;
        try {
            first = attempt.get();
        } catch (RuntimeException e) {
            first = Future.failedFuture(e);
        }
        return first.recover(error -> {
            if (attemptsLeft <= 1 || error instanceof PermanentFailure) {
                return Future.failedFuture(error);
            }
            Promise<T> later = Promise.promise();
            vertx.setTimer(
                    backoffMillis,
                    id -> retrying(vertx, attempt, attemptsLeft - 1, backoffMillis * 2)
                            .onComplete(later));
            return later.future();
        });
    }

    /** A failure that retrying cannot fix (a 404 for a switched-off endpoint, a 401): fail at once. */
    public static final class PermanentFailure extends RuntimeException {
        public PermanentFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Waits on the calling (non-event-loop) thread, unwrapping the failure for a readable message. */
    public static <T> T await(Future<T> future, Duration timeout, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SetupException(what + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new SetupException(what + " did not finish within " + DurationConverter.format(timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException(what + " interrupted", e);
        }
    }
}
