package dev.drover.engine.api;

/** Identifies one workload or pod of a cluster. */
public record WorkloadRef(String clusterId, WorkloadType type, String namespace, String name) {
}
