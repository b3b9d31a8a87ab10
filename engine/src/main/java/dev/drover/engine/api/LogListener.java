package dev.drover.engine.api;

/** Receives log lines on an engine thread, in order; must return quickly. */
@FunctionalInterface
public interface LogListener {
    void onLine(String line);

    /** The stream ended: {@code failure} null when the pod or the follow ended normally. */
    default void onEnd(ApiException failure) {
    }
}
