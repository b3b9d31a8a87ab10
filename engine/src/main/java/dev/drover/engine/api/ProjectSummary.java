package dev.drover.engine.api;

/** A project of a cluster; {@code quota} null when unlimited. */
public record ProjectSummary(String clusterId, String id, String displayName, ProjectQuota quota) {
}
