package dev.drover.engine.api;

/** A node pool: desired {@code quantity} and the observed nodes. */
public record NodePoolSummary(String clusterId, String id, String nodeTemplateId, String hostnamePrefix, java.util.List<String> roles,
                              int quantity, java.util.List<PoolNodeStatus> nodes) {
}
