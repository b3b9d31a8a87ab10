package dev.drover.engine.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Reconciler} asks the loop to do next with a key. Reconcilers return one of these
 * instead of touching the queue, as java-operator-sdk's {@code UpdateControl} does.
 */
public sealed interface ReconcileResult {

    /** The key is at its desired state; forget its retry history. */
    static ReconcileResult done() {
        return Done.INSTANCE;
    }

    /** Look again after {@code delay} (e.g. polling a slow operation); not counted as a failure. */
    static ReconcileResult requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }

    /** Try again with the per-key exponential backoff, as after a failure, without logging one. */
    static ReconcileResult retry() {
        return Retry.INSTANCE;
    }

    /** See {@link #done()}. */
    enum Done implements ReconcileResult { INSTANCE }

    /** See {@link #retry()}. */
    enum Retry implements ReconcileResult { INSTANCE }

    /** See {@link #requeueAfter(Duration)}. */
    record RequeueAfter(Duration delay) implements ReconcileResult {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }
    }
}
