package dev.drover.engine.workloads;

/** A workload action failed; {@link #failure()} says how, the message says why in one sentence. */
public final class WorkloadActionException extends RuntimeException {

    /** How an action failed, for the API to map onto its reasons. */
    public enum Failure { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN, UNAVAILABLE }

    private final Failure failure;

    public WorkloadActionException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public WorkloadActionException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
