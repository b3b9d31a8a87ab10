package dev.drover.engine.api;

/**
 * A compact row of the workloads table (no labels, no spec), small enough for 100k pods.
 *
 * @param owner pods: the owning workload as {@code Kind/name}; otherwise empty
 */
public record WorkloadSummary(WorkloadRef ref, String projectId, int desired, int ready, String status,
                              java.util.List<String> images, String node, String owner) {
}
