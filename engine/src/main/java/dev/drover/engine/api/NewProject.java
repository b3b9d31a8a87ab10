package dev.drover.engine.api;

/** A project to create: display name unique in its cluster, optional quota (null for none). */
public record NewProject(String displayName, ProjectQuota quota) {
}
