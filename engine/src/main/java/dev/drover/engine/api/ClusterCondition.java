package dev.drover.engine.api;

/** A Kubernetes-style condition of a cluster (Connected, Ready, Provisioned, Updated). */
public record ClusterCondition(String type, String status, String reason, String message, java.time.Instant lastTransitionTime) {
}
