package dev.drover.engine.store.etcd;

import dev.drover.engine.store.RevisionCompactedException;
import dev.drover.engine.store.StoreClosedException;
import dev.drover.engine.store.StoreException;
import io.etcd.jetcd.common.exception.ClosedClientException;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for jetcd calls and turns their failures into the store's one-sentence exceptions. */
final class EtcdFailures {

    private static final Duration PAUSE = Duration.ofMillis(200);

    private final String endpoints;
    private final Duration deadline;
    private final Duration attempt;

    /**
     * @param deadline how long a request may keep trying; one attempt gets a third of it, because a request
     *                 caught by a dying leader hangs until etcd's own timeout and a new attempt, on a member
     *                 with a new leader, usually succeeds well before that
     */
    EtcdFailures(String endpoints, Duration deadline) {
        this.endpoints = endpoints;
        this.deadline = deadline;
        this.attempt = deadline.dividedBy(3).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : deadline.dividedBy(3);
    }

    /**
     * Runs an idempotent call, again after each unavailability until the deadline; the last failure is
     * rethrown. {@code action} completes "cannot …" in messages.
     */
    <T> T retry(java.util.function.Supplier<CompletableFuture<T>> call, String action) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                return await(call.get(), action);
            } catch (EtcdUnavailableException e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
                pause();
            }
        }
    }

    boolean before(long giveUpNanos) {
        return System.nanoTime() < giveUpNanos;
    }

    long giveUpAt() {
        return System.nanoTime() + deadline.toNanos();
    }

    void pause() {
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for etcd", e);
        }
    }

    /** One attempt, waiting at most the attempt timeout. */
    <T> T await(CompletableFuture<T> call, String action) {
        try {
            return call.get(attempt.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new EtcdUnavailableException("etcd at " + endpoints + " did not answer within " + attempt.toMillis()
                    + " ms, so Drover cannot " + action + " (no quorum or no member reachable); the store is read-only"
                    + " until quorum returns and a write that timed out may or may not have been applied.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new StoreException("interrupted while waiting for etcd to " + action, e);
        } catch (ExecutionException | CompletionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), action);
        }
    }

    StoreException translate(Throwable failure, String action) {
        if (failure instanceof StoreException store) {
            return store;
        }
        if (failure instanceof CompactedException compacted) {
            return new RevisionCompactedException("etcd compacted history up to revision " + compacted.getCompactedRevision()
                    + ", so Drover cannot " + action + "; list again and watch from its revision", failure);
        }
        if (failure instanceof ClosedClientException) {
            return new StoreClosedException("the etcd store was closed, so Drover cannot " + action, failure);
        }
        String message = String.valueOf(failure.getMessage());
        if (message.contains("required revision has been compacted")) {
            return new RevisionCompactedException("the revision needed to " + action
                    + " is compacted in etcd; list again and watch from its revision", failure);
        }
        if (isUnavailable(failure, message)) {
            return new EtcdUnavailableException("etcd at " + endpoints + " has no quorum or cannot be reached, so Drover"
                    + " cannot " + action + "; the store is read-only until quorum returns (" + message + ").", failure);
        }
        return new StoreException("etcd at " + endpoints + " failed to " + action + ": " + message, failure);
    }

    private static boolean isUnavailable(Throwable failure, String message) {
        if (failure instanceof EtcdException etcd) {
            ErrorCode code = etcd.getErrorCode();
            if (code == ErrorCode.UNAVAILABLE || code == ErrorCode.DEADLINE_EXCEEDED) {
                return true;
            }
        }
        return message.contains("no leader") || message.contains("channel closed") || message.contains("request timed out")
                || message.contains("leader changed") || message.contains("UNAVAILABLE");
    }
}
