package dev.drover.engine.api;

import dev.drover.engine.downstream.DownstreamClients;
import dev.drover.engine.events.ClusterEvents;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Event;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.Write;
import dev.drover.engine.workloads.WorkloadsReadModel;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * Projects and namespace membership. A project is a store record; membership is the namespace annotation
 * {@value Project#ANNOTATION} downstream (the source of truth, as in Rancher), which the
 * projectnamespaces and rbacsync reconcilers follow. Blocking; thread-safe.
 */
final class ProjectCommands {

    /** Indexes project display names per cluster, so two projects of one cluster never share one. */
    static final String PROJECT_NAME_KIND = "ProjectName";
    private static final Pattern QUANTITY = Pattern.compile("(\\d+(\\.\\d+)?|\\.\\d+)([eE][+-]?\\d+|[KMGTPE]i|[numkMGTPE])?");

    private final ResourceStore store;
    private final ClusterDetails clusters;
    private final ClusterEvents events;
    private final DownstreamClients downstream;
    private final WorkloadsReadModel cache;
    private final ExecutorService threads;
    private final JsonCodec<Project> projects = new JsonCodec<>(Project.class);
    private final JsonCodec<RoleBinding> bindings = new JsonCodec<>(RoleBinding.class);

    ProjectCommands(ResourceStore store, ClusterDetails clusters, ClusterEvents events, DownstreamClients downstream,
                    WorkloadsReadModel cache, ExecutorService threads) {
        this.store = store;
        this.clusters = clusters;
        this.events = events;
        this.downstream = downstream;
        this.cache = cache;
        this.threads = threads;
    }

    ProjectSummary create(String actor, String clusterId, NewProject request) {
        Cluster cluster = clusters.existing(clusterId);
        if (request == null) {
            throw ApiErrors.invalid("A project request is required.");
        }
        String name = request.displayName() == null ? "" : request.displayName().strip();
        if (name.isEmpty() || name.length() > ClusterRequests.MAX_DISPLAY_NAME) {
            throw ApiErrors.invalid("displayName: 1 to " + ClusterRequests.MAX_DISPLAY_NAME + " characters, got \"" + name + "\".");
        }
        Project.ResourceQuota quota = quota(request.quota());
        Project project = new Project(cluster.id(), "p-" + ClusterRequests.newId().substring(2), name, quota);
        try {
            store.commit(List.of(
                    new Write.Create(new ObjectKey(PROJECT_NAME_KIND, cluster.id(), name.toLowerCase(Locale.ROOT)), Map.of(),
                            "{\"projectId\":\"" + project.id() + "\"}"),
                    new Write.Create(new ObjectKey(Project.KIND, cluster.id(), project.id()), Map.of(), projects.encode(project))));
        } catch (AlreadyExistsException e) {
            throw new ApiException(ApiException.Reason.ALREADY_EXISTS,
                    "Cluster " + cluster.displayName() + " has a project named \"" + name + "\" already.", e);
        }
        events.record(cluster.id(), Event.NORMAL, "ProjectCreated", "Project " + name + " created by " + actor + ".",
                "Project/" + project.id(), actor);
        return summary(project);
    }

    void delete(String actor, String clusterId, String projectId) {
        Cluster cluster = clusters.existing(clusterId);
        Project project = existing(cluster, projectId).orElseThrow(() -> new ApiException(ApiException.Reason.NOT_FOUND,
                "Project " + projectId + " does not exist in cluster " + cluster.displayName() + "."));
        List<Write> writes = new ArrayList<>();
        writes.add(new Write.Delete(new ObjectKey(Project.KIND, cluster.id(), project.id()), 0));
        ObjectKey nameKey = new ObjectKey(PROJECT_NAME_KIND, cluster.id(), project.displayName().toLowerCase(Locale.ROOT));
        if (store.get(nameKey).isPresent()) {
            writes.add(new Write.Delete(nameKey, 0));
        }
        store.list(new ListRequest(RoleBinding.KIND, cluster.id(), LabelSelector.EVERYTHING, 0, null)).items().stream()
                .filter(o -> project.id().equals(bindings.decode(o).projectId()))
                .forEach(o -> writes.add(new Write.Delete(o.key(), 0)));
        store.commit(writes);
        events.record(cluster.id(), Event.NORMAL, "ProjectDeleted", "Project " + project.displayName() + " deleted by " + actor
                + "; its namespaces stay, outside any project.", "Project/" + project.id(), actor);
        // the namespaces leave the project downstream in the background: an unreachable cluster must not fail the delete
        threads.execute(() -> {
            try {
                namespaces(cluster.id()).forEach((namespace, member) -> {
                    if (member.equals(project.id())) {
                        annotate(cluster.id(), namespace, "");
                    }
                });
            } catch (RuntimeException e) {
                // unreachable now: the annotation names a project that no longer exists, which projectnamespaces treats as none
            }
        });
    }

    List<NamespaceSummary> listNamespaces(String clusterId) {
        Cluster cluster = clusters.existing(clusterId);
        return namespaces(cluster.id()).entrySet().stream()
                .map(e -> new NamespaceSummary(cluster.id(), e.getKey(), e.getValue())).toList();
    }

    void move(String actor, String clusterId, String namespace, String projectId) {
        Cluster cluster = clusters.existing(clusterId);
        String target = projectId == null ? "" : projectId.strip();
        if (!target.isEmpty() && existing(cluster, target).isEmpty()) {
            throw ApiErrors.invalid("projectId: " + target + " is not a project of cluster " + cluster.displayName() + ".");
        }
        String name = namespace == null ? "" : namespace.strip();
        Map<String, String> known = namespaces(cluster.id());
        // the cache may not have seen a namespace created a moment ago: ask the cluster before refusing
        if (!known.containsKey(name) && (name.isEmpty() || client(cluster.id()).namespaces().withName(name).get() == null)) {
            throw ApiErrors.invalid("namespace: \"" + name + "\" is not a namespace of cluster " + cluster.displayName() + ".");
        }
        if (target.equals(known.get(name))) {
            return;
        }
        annotate(cluster.id(), name, target);
        events.record(cluster.id(), Event.NORMAL, "NamespaceMoved", "Namespace " + name + " moved "
                        + (target.isEmpty() ? "out of its project" : "into project " + target) + " by " + actor + ".",
                "Namespace/" + name, actor);
    }

    /** Name → project id (empty: none), from the read model's cache when it has the cluster, else asked of the cluster. */
    private Map<String, String> namespaces(String clusterId) {
        Optional<Map<String, String>> cached = cache.namespaces(clusterId);
        if (cached.isPresent()) {
            return cached.get();
        }
        Map<String, String> listed = new TreeMap<>();
        String prefix = clusterId + ":";
        for (Namespace ns : client(clusterId).namespaces().list().getItems()) {
            String value = ns.getMetadata().getAnnotations() == null ? null : ns.getMetadata().getAnnotations().get(Project.ANNOTATION);
            listed.put(ns.getMetadata().getName(), value != null && value.startsWith(prefix) ? value.substring(prefix.length()) : "");
        }
        return listed;
    }

    /** Edits are read-modify-write: projectnamespaces relabels the same namespace at times, so a 409 is retried. */
    private void annotate(String clusterId, String namespace, String projectId) {
        for (int attempt = 1; ; attempt++) {
            try {
                editAnnotation(clusterId, namespace, projectId);
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < 5) {
                    continue;
                }
                throw new ApiException(switch (e.getCode()) {
                    case 409 -> ApiException.Reason.CONFLICT;
                    case 403 -> ApiException.Reason.FORBIDDEN;
                    case 404 -> ApiException.Reason.NOT_FOUND;
                    default -> ApiException.Reason.UNAVAILABLE;
                }, "Cluster " + clusterId + " refused to change namespace " + namespace + ": "
                        + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : ClusterDetails.rootMessage(e)), e);
            }
        }
    }

    private void editAnnotation(String clusterId, String namespace, String projectId) {
        client(clusterId).namespaces().withName(namespace).edit(ns -> {
            Map<String, String> annotations = new HashMap<>(ns.getMetadata().getAnnotations() == null ? Map.of()
                    : ns.getMetadata().getAnnotations());
            if (projectId.isEmpty()) {
                annotations.remove(Project.ANNOTATION);
            } else {
                annotations.put(Project.ANNOTATION, clusterId + ":" + projectId);
            }
            ns.getMetadata().setAnnotations(annotations);
            return ns;
        });
    }

    private io.fabric8.kubernetes.client.KubernetesClient client(String clusterId) {
        try {
            return downstream.forCluster(clusterId);
        } catch (RuntimeException e) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Cluster " + clusterId + " cannot be reached: "
                    + ClusterDetails.rootMessage(e), e);
        }
    }

    Optional<Project> existing(Cluster cluster, String projectId) {
        if (projectId == null || projectId.isBlank()) {
            return Optional.empty();
        }
        return store.get(new ObjectKey(Project.KIND, cluster.id(), projectId.strip())).map(projects::decode);
    }

    private static Project.ResourceQuota quota(ProjectQuota quota) {
        if (quota == null) {
            return null;
        }
        return new Project.ResourceQuota(quantity("quota.cpu", quota.cpu()), quantity("quota.memory", quota.memory()),
                quantity("quota.pods", quota.pods()), quantity("quota.namespaceCpu", quota.namespaceCpu()),
                quantity("quota.namespaceMemory", quota.namespaceMemory()));
    }

    private static String quantity(String field, String value) {
        String text = value == null ? "" : value.strip();
        if (!text.isEmpty() && !QUANTITY.matcher(text).matches()) {
            throw ApiErrors.invalid(field + ": a Kubernetes quantity such as \"4\", \"500m\" or \"8Gi\", got \"" + text + "\".");
        }
        return text;
    }

    static ProjectSummary summary(Project p) {
        return new ProjectSummary(p.clusterId(), p.id(), p.displayName(), p.quota() == null ? null
                : new ProjectQuota(p.quota().cpu(), p.quota().memory(), p.quota().pods(), p.quota().namespaceCpu(), p.quota().namespaceMemory()));
    }
}
