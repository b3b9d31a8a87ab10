package dev.drover.engine.reconcile.rbacsync;

import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.downstream.DownstreamClients;
import dev.drover.engine.downstream.Managed;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ResourceStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster's RBAC match Drover's role bindings (key: cluster id): one ClusterRole per used
 * role template, a ClusterRoleBinding per cluster binding, a RoleBinding in each namespace of the
 * project per project binding. Objects Drover made that are no longer wanted are deleted; objects
 * made by anyone else are never touched ({@link Managed} labels tell them apart).
 */
public final class RbacSyncReconciler implements Reconciler<String> {

    public static final String NAME = "rbacsync";
    private static final Logger LOG = LoggerFactory.getLogger(RbacSyncReconciler.class);

    private static final java.time.Duration UNREACHABLE_RETRY = java.time.Duration.ofSeconds(30);

    private final ResourceStore store;
    private final DownstreamClients clients;
    private final JsonCodec<RoleTemplate> templates = new JsonCodec<>(RoleTemplate.class);
    private final JsonCodec<RoleBinding> bindings = new JsonCodec<>(RoleBinding.class);

    public RbacSyncReconciler(ResourceStore store, DownstreamClients clients) {
        this.store = store;
        this.clients = clients;
    }

    @Override
    public ReconcileResult reconcile(String clusterId) {
        Map<String, RoleTemplate> templatesById = store.list(ListRequest.all(RoleTemplate.KIND)).items().stream()
                .map(templates::decode).collect(Collectors.toMap(RoleTemplate::id, Function.identity()));
        List<RoleBinding> wanted = store.list(new ListRequest(RoleBinding.KIND, clusterId, LabelSelector.EVERYTHING, 0, null))
                .items().stream().map(bindings::decode).toList();
        KubernetesClient client;
        try {
            client = clients.forCluster(clusterId);
        } catch (ClusterUnreachableException e) {
            // not an error of ours: look again later; a change of the cluster's state also brings it back
            return ReconcileResult.requeueAfter(UNREACHABLE_RETRY);
        }
        Map<String, List<String>> namespacesByProject = namespacesByProject(client, clusterId);

        Map<String, ClusterRole> roles = new HashMap<>();
        Map<String, ClusterRoleBinding> clusterBindings = new HashMap<>();
        List<io.fabric8.kubernetes.api.model.rbac.RoleBinding> namespaceBindings = new ArrayList<>();
        for (RoleBinding binding : wanted) {
            RoleTemplate template = templatesById.get(binding.roleTemplateId());
            if (template == null) {
                LOG.warn("Binding {} in cluster {} names unknown role template {}", binding.id(), clusterId, binding.roleTemplateId());
                continue;
            }
            ClusterRole role = RbacObjects.clusterRole(template);
            roles.put(role.getMetadata().getName(), role);
            if (binding.isProjectBinding()) {
                for (String namespace : namespacesByProject.getOrDefault(binding.projectId(), List.of())) {
                    namespaceBindings.add(RbacObjects.namespaceBinding(binding, template, namespace));
                }
            } else {
                ClusterRoleBinding clusterBinding = RbacObjects.clusterRoleBinding(binding, template);
                clusterBindings.put(clusterBinding.getMetadata().getName(), clusterBinding);
            }
        }
        // create-or-update rather than server-side apply: the result is the same and it works on every API server
        roles.values().forEach(role -> client.rbac().clusterRoles().resource(role).createOr(NonDeletingOperation::update));
        clusterBindings.values().forEach(b -> client.rbac().clusterRoleBindings().resource(b).createOr(NonDeletingOperation::update));
        namespaceBindings.forEach(b -> client.rbac().roleBindings().inNamespace(b.getMetadata().getNamespace()).resource(b)
                .createOr(NonDeletingOperation::update));
        collectGarbage(client, roles.keySet(), clusterBindings.keySet(), namespaceBindings);
        return ReconcileResult.done();
    }

    /** Reads membership from the annotation itself, so this never waits for projectnamespaces to label. */
    private static Map<String, List<String>> namespacesByProject(KubernetesClient client, String clusterId) {
        Map<String, List<String>> byProject = new HashMap<>();
        String prefix = clusterId + ":";
        for (Namespace namespace : client.namespaces().list().getItems()) {
            Map<String, String> annotations = namespace.getMetadata().getAnnotations();
            String value = annotations == null ? null : annotations.get(Project.ANNOTATION);
            if (value != null && value.startsWith(prefix)) {
                byProject.computeIfAbsent(value.substring(prefix.length()), p -> new ArrayList<>()).add(namespace.getMetadata().getName());
            }
        }
        return byProject;
    }

    private static void collectGarbage(KubernetesClient client, Set<String> roles, Set<String> clusterBindings,
                                       List<io.fabric8.kubernetes.api.model.rbac.RoleBinding> namespaceBindings) {
        Set<String> wantedNamespaced = new HashSet<>();
        namespaceBindings.forEach(b -> wantedNamespaced.add(b.getMetadata().getNamespace() + "/" + b.getMetadata().getName()));
        for (ClusterRoleBinding existing : owned(client.rbac().clusterRoleBindings().withLabels(Managed.labels(NAME)).list().getItems())) {
            if (!clusterBindings.contains(existing.getMetadata().getName())) {
                client.rbac().clusterRoleBindings().withName(existing.getMetadata().getName()).delete();
            }
        }
        for (var existing : owned(client.rbac().roleBindings().inAnyNamespace().withLabels(Managed.labels(NAME)).list().getItems())) {
            String key = existing.getMetadata().getNamespace() + "/" + existing.getMetadata().getName();
            if (!wantedNamespaced.contains(key)) {
                client.rbac().roleBindings().inNamespace(existing.getMetadata().getNamespace()).withName(existing.getMetadata().getName()).delete();
            }
        }
        for (ClusterRole existing : owned(client.rbac().clusterRoles().withLabels(Managed.labels(NAME)).list().getItems())) {
            if (!roles.contains(existing.getMetadata().getName())) {
                client.rbac().clusterRoles().withName(existing.getMetadata().getName()).delete();
            }
        }
    }

    private static <T extends HasMetadata> List<T> owned(List<T> items) {
        return items.stream().filter(item -> Managed.isOwnedBy(item, NAME)).toList();
    }
}
