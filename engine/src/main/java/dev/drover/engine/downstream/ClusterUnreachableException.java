package dev.drover.engine.downstream;

/** Drover cannot reach a cluster's API server right now (agent away, endpoint down, no credential). */
public final class ClusterUnreachableException extends RuntimeException {
    public ClusterUnreachableException(String message) {
        super(message);
    }

    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
