package dev.drover.engine.api;

/** A role template (built-ins: cluster-owner, cluster-member, project-owner, project-member, read-only); context CLUSTER or PROJECT. */
public record RoleTemplateSummary(String id, String displayName, String context, boolean builtin) {
}
