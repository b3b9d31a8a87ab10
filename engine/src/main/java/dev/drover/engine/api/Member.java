package dev.drover.engine.api;

/** A role binding: {@code subject} (user, or group when {@code group}) holds a role template in a cluster, or a project when {@code projectId} is not empty. */
public record Member(String id, String clusterId, String projectId, String subject, boolean group, String roleTemplateId) {
}
