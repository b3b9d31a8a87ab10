package dev.drover.engine.model;

import java.util.Objects;

/**
 * Grants a {@link RoleTemplate} to a user or group in a cluster or a project
 * (kind {@value #KIND}, namespace = cluster id, name = binding id).
 *
 * @param clusterId      the cluster
 * @param projectId      the project, or empty for a cluster binding
 * @param id             binding id
 * @param roleTemplateId what is granted
 * @param subject        user name, or group name when {@code group} is true
 * @param group          whether the subject is a group
 */
public record RoleBinding(String clusterId, String projectId, String id, String roleTemplateId, String subject, boolean group) {

    public static final String KIND = "RoleBinding";

    public RoleBinding {
        Objects.requireNonNull(clusterId, "clusterId");
        projectId = projectId == null ? "" : projectId;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roleTemplateId, "roleTemplateId");
        Objects.requireNonNull(subject, "subject");
    }

    public boolean isProjectBinding() {
        return !projectId.isEmpty();
    }
}
