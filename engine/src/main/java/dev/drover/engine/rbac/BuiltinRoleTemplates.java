package dev.drover.engine.rbac;

import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.model.RoleTemplate.Context;
import dev.drover.engine.model.RoleTemplate.Rule;
import java.util.List;

/**
 * The role templates every Drover installation has, modelled on Rancher's: cluster-owner,
 * cluster-member, project-owner, project-member and read-only.
 */
public final class BuiltinRoleTemplates {

    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

    public static final RoleTemplate CLUSTER_OWNER = new RoleTemplate("cluster-owner", "Cluster Owner", Context.CLUSTER, List.of(
            Rule.of(List.of("*"), List.of("*"), List.of("*")),
            new Rule(List.of(), List.of(), List.of("*"), List.of("*"))), true);

    public static final RoleTemplate CLUSTER_MEMBER = new RoleTemplate("cluster-member", "Cluster Member", Context.CLUSTER, List.of(
            Rule.of(List.of(""), List.of("nodes", "namespaces", "persistentvolumes", "events", "componentstatuses"), READ),
            Rule.of(List.of("storage.k8s.io"), List.of("storageclasses"), READ),
            Rule.of(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), READ),
            Rule.of(List.of("metrics.k8s.io"), List.of("nodes", "pods"), READ)), true);

    public static final RoleTemplate PROJECT_OWNER = new RoleTemplate("project-owner", "Project Owner", Context.PROJECT, List.of(
            Rule.of(List.of("*"), List.of("*"), List.of("*"))), true);

    public static final RoleTemplate PROJECT_MEMBER = new RoleTemplate("project-member", "Project Member", Context.PROJECT, List.of(
            Rule.of(List.of(""), List.of("pods", "pods/log", "pods/exec", "pods/attach", "pods/portforward", "services", "endpoints",
                    "configmaps", "secrets", "persistentvolumeclaims", "serviceaccounts", "events"), WRITE),
            Rule.of(List.of("apps"), List.of("deployments", "deployments/scale", "statefulsets", "statefulsets/scale",
                    "daemonsets", "replicasets"), WRITE),
            Rule.of(List.of("batch"), List.of("jobs", "cronjobs"), WRITE),
            Rule.of(List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies"), WRITE),
            Rule.of(List.of("autoscaling"), List.of("horizontalpodautoscalers"), WRITE)), true);

    public static final RoleTemplate READ_ONLY = new RoleTemplate("read-only", "Read-only", Context.PROJECT, List.of(
            Rule.of(List.of("", "apps", "batch", "networking.k8s.io", "autoscaling"), List.of("*"), READ)), true);

    public static final List<RoleTemplate> ALL = List.of(CLUSTER_OWNER, CLUSTER_MEMBER, PROJECT_OWNER, PROJECT_MEMBER, READ_ONLY);

    private BuiltinRoleTemplates() {
    }
}
