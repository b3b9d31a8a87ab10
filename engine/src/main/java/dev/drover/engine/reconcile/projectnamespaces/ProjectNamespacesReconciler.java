package dev.drover.engine.reconcile.projectnamespaces;

import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.downstream.DownstreamClients;
import dev.drover.engine.downstream.Managed;
import dev.drover.engine.model.Project;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ResourceStore;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps each cluster's namespaces in line with its projects (key: cluster id). The namespace
 * annotation {@value Project#ANNOTATION} is the source of truth for membership, as in Rancher; this
 * reconciler mirrors it into a label (so selectors work) and applies the project's per-namespace quota.
 * A namespace naming a project Drover does not know loses label and quota but keeps its annotation: the
 * project may simply not have reached this replica's store yet, and deleting a user's annotation on a
 * guess would silently move the namespace out of its project for good.
 */
public final class ProjectNamespacesReconciler implements Reconciler<String> {

    public static final String NAME = "projectnamespaces";
    /** Mirror of the annotation's project id, for label selectors. */
    public static final String PROJECT_LABEL = "drover.dev/project";
    static final String QUOTA_NAME = "drover-project-quota";

    private static final java.time.Duration UNREACHABLE_RETRY = java.time.Duration.ofSeconds(30);

    private final ResourceStore store;
    private final DownstreamClients clients;
    private final JsonCodec<Project> projects = new JsonCodec<>(Project.class);

    public ProjectNamespacesReconciler(ResourceStore store, DownstreamClients clients) {
        this.store = store;
        this.clients = clients;
    }

    @Override
    public ReconcileResult reconcile(String clusterId) {
        Map<String, Project> byId = store.list(new ListRequest(Project.KIND, clusterId, LabelSelector.EVERYTHING, 0, null))
                .items().stream().map(projects::decode).collect(Collectors.toMap(Project::id, Function.identity()));
        KubernetesClient client;
        try {
            client = clients.forCluster(clusterId);
        } catch (ClusterUnreachableException e) {
            // not an error of ours: look again later; a change of the cluster's state also brings it back
            return ReconcileResult.requeueAfter(UNREACHABLE_RETRY);
        }
        for (Namespace namespace : client.namespaces().list().getItems()) {
            reconcileNamespace(client, clusterId, namespace, byId);
        }
        return ReconcileResult.done();
    }

    private void reconcileNamespace(KubernetesClient client, String clusterId, Namespace namespace, Map<String, Project> byId) {
        String name = namespace.getMetadata().getName();
        Map<String, String> annotations = orEmpty(namespace.getMetadata().getAnnotations());
        Map<String, String> labels = orEmpty(namespace.getMetadata().getLabels());
        Project project = projectOf(annotations.get(Project.ANNOTATION), clusterId, byId);
        String wantedLabel = project == null ? null : project.id();
        if (!java.util.Objects.equals(labels.get(PROJECT_LABEL), wantedLabel)) {
            client.namespaces().withName(name).edit(ns -> {
                Map<String, String> newLabels = new HashMap<>(orEmpty(ns.getMetadata().getLabels()));
                if (wantedLabel == null) {
                    newLabels.remove(PROJECT_LABEL);
                } else {
                    newLabels.put(PROJECT_LABEL, wantedLabel);
                }
                ns.getMetadata().setLabels(newLabels);
                return ns;
            });
        }
        applyQuota(client, name, project);
    }

    private static Project projectOf(String annotation, String clusterId, Map<String, Project> byId) {
        if (annotation == null || !annotation.startsWith(clusterId + ":")) {
            return null; // not in a project, or in another cluster's (copied manifests): leave it alone
        }
        return byId.get(annotation.substring(clusterId.length() + 1));
    }

    private void applyQuota(KubernetesClient client, String namespace, Project project) {
        var existing = client.resourceQuotas().inNamespace(namespace).withName(QUOTA_NAME);
        Map<String, Quantity> hard = project == null ? Map.of() : hardLimits(project.quota());
        if (hard.isEmpty()) {
            ResourceQuota current = existing.get();
            if (current != null && Managed.isOwnedBy(current, NAME)) {
                existing.delete();
            }
            return;
        }
        ResourceQuota desired = new ResourceQuotaBuilder()
                .withNewMetadata().withName(QUOTA_NAME).withNamespace(namespace).withLabels(Managed.labels(NAME)).endMetadata()
                .withNewSpec().withHard(hard).endSpec().build();
        ResourceQuota current = existing.get();
        if (current == null) {
            client.resourceQuotas().inNamespace(namespace).resource(desired).create();
        } else if (!hard.equals(current.getSpec() == null ? null : current.getSpec().getHard())) {
            existing.edit(q -> {
                q.getSpec().setHard(hard);
                return q;
            });
        }
    }

    private static Map<String, Quantity> hardLimits(Project.ResourceQuota quota) {
        Map<String, Quantity> hard = new HashMap<>();
        if (quota == null) {
            return hard;
        }
        putIfSet(hard, "limits.cpu", quota.namespaceCpu());
        putIfSet(hard, "limits.memory", quota.namespaceMemory());
        return hard;
    }

    private static void putIfSet(Map<String, Quantity> hard, String key, String value) {
        if (value != null && !value.isBlank()) {
            hard.put(key, new Quantity(value.strip()));
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
