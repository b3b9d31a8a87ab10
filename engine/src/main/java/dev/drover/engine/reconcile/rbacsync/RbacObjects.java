package dev.drover.engine.reconcile.rbacsync;

import dev.drover.engine.downstream.Managed;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.model.RoleTemplate;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;
import java.util.Locale;

/** Builds the Kubernetes RBAC objects that stand for Drover role templates and bindings. */
final class RbacObjects {

    static final String OWNER = RbacSyncReconciler.NAME;

    private RbacObjects() {
    }

    static String clusterRoleName(RoleTemplate template) {
        return "drover-rt-" + dns(template.id());
    }

    static String bindingName(RoleBinding binding) {
        return "drover-" + dns(binding.id());
    }

    static ClusterRole clusterRole(RoleTemplate template) {
        List<PolicyRule> rules = template.rules().stream().map(rule -> {
            PolicyRuleBuilder builder = new PolicyRuleBuilder().withVerbs(rule.verbs());
            if (!rule.nonResourceUrls().isEmpty()) {
                return builder.withNonResourceURLs(rule.nonResourceUrls()).build();
            }
            return builder.withApiGroups(rule.apiGroups()).withResources(rule.resources()).build();
        }).toList();
        return new ClusterRoleBuilder().withNewMetadata().withName(clusterRoleName(template)).withLabels(Managed.labels(OWNER))
                .endMetadata().withRules(rules).build();
    }

    static ClusterRoleBinding clusterRoleBinding(RoleBinding binding, RoleTemplate template) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(bindingName(binding)).withLabels(Managed.labels(OWNER))
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRoleName(template))
                .withSubjects(subject(binding)).build();
    }

    static io.fabric8.kubernetes.api.model.rbac.RoleBinding namespaceBinding(RoleBinding binding, RoleTemplate template, String namespace) {
        return new RoleBindingBuilder().withNewMetadata().withName(bindingName(binding)).withNamespace(namespace)
                .withLabels(Managed.labels(OWNER)).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRoleName(template))
                .withSubjects(subject(binding)).build();
    }

    private static Subject subject(RoleBinding binding) {
        return new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind(binding.group() ? "Group" : "User")
                .withName(binding.subject()).build();
    }

    private static String dns(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }
}
