package dev.drover.engine.api;

/** Which workloads to list or watch: one cluster, optionally one project and/or namespace (empty: all); pods only when asked. */
public record WorkloadQuery(String clusterId, String projectId, String namespace, boolean includePods) {
}
