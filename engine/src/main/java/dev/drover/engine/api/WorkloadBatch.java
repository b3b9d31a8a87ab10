package dev.drover.engine.api;

/**
 * Workload changes coalesced per key over a short window (about 100 ms): the latest state of each
 * changed workload and the refs of deleted ones. The first batch of a watch has {@code snapshot} true
 * and holds every matching workload.
 */
public record WorkloadBatch(boolean snapshot, java.util.List<WorkloadSummary> changed, java.util.List<WorkloadRef> deleted) {
}
