package dev.drover.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * A reusable set of Kubernetes RBAC rules (kind {@value #KIND}, name = id), applied in a cluster or
 * project through bindings, as Rancher's RoleTemplates.
 *
 * @param id          e.g. {@code cluster-owner}
 * @param displayName for the console
 * @param context     where it can be bound
 * @param rules       the RBAC rules it grants
 * @param builtin     shipped with Drover; cannot be deleted
 */
public record RoleTemplate(String id, String displayName, Context context, List<Rule> rules, boolean builtin) {

    public static final String KIND = "RoleTemplate";

    public RoleTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(context, "context");
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Where a template applies. */
    public enum Context { CLUSTER, PROJECT }

    /** One Kubernetes PolicyRule. */
    public record Rule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> nonResourceUrls) {
        public Rule {
            apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
            resources = resources == null ? List.of() : List.copyOf(resources);
            verbs = List.copyOf(verbs);
            nonResourceUrls = nonResourceUrls == null ? List.of() : List.copyOf(nonResourceUrls);
        }

        public static Rule of(List<String> apiGroups, List<String> resources, List<String> verbs) {
            return new Rule(apiGroups, resources, verbs, List.of());
        }
    }
}
