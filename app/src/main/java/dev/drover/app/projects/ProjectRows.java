package dev.drover.app.projects;

import dev.drover.engine.api.ProjectQuota;
import java.util.ArrayList;
import java.util.List;

/** The rows of the projects page (views know no engine type). */
public final class ProjectRows {

    /** The choice "no project" in the move box. */
    public static final ProjectRow NONE = new ProjectRow("", "Not in a project", "");

    private ProjectRows() {
    }

    /** A project; {@code quota} e.g. "CPU 4 · memory 8Gi", empty when unlimited. */
    public record ProjectRow(String id, String name, String quota) {
    }

    /** A namespace and the name of its project (empty when in none). */
    public record NamespaceRow(String name, String projectId, String projectName) {
    }

    /** A role binding of the selected project. */
    public record MemberRow(String id, String subject, boolean group, String role) {
        public String kind() {
            return group ? "Group" : "User";
        }
    }

    /** A role template a member can hold. */
    public record RoleRow(String id, String name) {
    }

    static String quotaText(ProjectQuota quota) {
        if (quota == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        add(parts, "CPU", quota.cpu());
        add(parts, "memory", quota.memory());
        add(parts, "pods", quota.pods());
        return String.join(" · ", parts);
    }

    private static void add(List<String> parts, String label, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(label + " " + value);
        }
    }
}
