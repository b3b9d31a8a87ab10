package dev.drover.engine.api;

/** A role binding to add; {@code projectId} empty for a cluster binding. */
public record NewMember(String clusterId, String projectId, String subject, boolean group, String roleTemplateId) {
}
