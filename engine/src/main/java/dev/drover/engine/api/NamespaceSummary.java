package dev.drover.engine.api;

/** A downstream namespace and its project ({@code projectId} empty when in none). */
public record NamespaceSummary(String clusterId, String name, String projectId) {
}
