package dev.drover.engine.api.wire;

import dev.drover.engine.api.WorkloadBatch;

/**
 * One text frame of the workload watch WebSocket: {@value #BATCH} (with {@code batch}; the first one of a
 * connection is a snapshot), {@value #BOOKMARK} (a heartbeat) or {@value #ERROR} (with {@code status}; the
 * server closes next).
 */
public record WorkloadWatchMessage(String type, WorkloadBatch batch, Status status) {

    public static final String BATCH = "BATCH";
    public static final String BOOKMARK = "BOOKMARK";
    public static final String ERROR = "ERROR";

    public static WorkloadWatchMessage batch(WorkloadBatch batch) {
        return new WorkloadWatchMessage(BATCH, batch, null);
    }

    public static WorkloadWatchMessage bookmark() {
        return new WorkloadWatchMessage(BOOKMARK, null, null);
    }

    public static WorkloadWatchMessage error(Status status) {
        return new WorkloadWatchMessage(ERROR, null, status);
    }
}
