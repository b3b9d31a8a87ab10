package dev.drover.engine.workloads;

import dev.drover.engine.model.Project;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The workloads of one cluster, kept current by one informer per kind (plus namespaces, for project
 * membership). Informers watch on their own; this class only answers queries. Thread-safe.
 */
final class ClusterWorkloads implements AutoCloseable {

    private final String clusterId;
    private final WorkloadListener listener;
    private final Runnable membershipChanged;
    private final Map<String, String> projectByNamespace = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final List<SummaryItemStore<?>> stores = new ArrayList<>();
    private final SharedIndexInformer<Namespace> namespaces;

    /** @param membershipChanged told when a namespace joins, leaves or changes project (on an informer thread) */
    ClusterWorkloads(String clusterId, KubernetesClient client, WorkloadListener listener, Runnable membershipChanged) {
        this.clusterId = clusterId;
        this.listener = listener;
        this.membershipChanged = membershipChanged;
        namespaces = namespaceInformer(client);
        informers.add(namespaces);
        follow(client.apps().deployments().inAnyNamespace(), Deployment::new);
        follow(client.apps().statefulSets().inAnyNamespace(), StatefulSet::new);
        follow(client.apps().daemonSets().inAnyNamespace(), DaemonSet::new);
        follow(client.batch().v1().jobs().inAnyNamespace(), Job::new);
        follow(client.batch().v1().cronjobs().inAnyNamespace(), CronJob::new);
        follow(client.pods().inAnyNamespace(), Pod::new);
    }

    private <T extends HasMetadata> void follow(Informable<T> resources, Supplier<T> skeletons) {
        SummaryItemStore<T> store = new SummaryItemStore<>(clusterId, skeletons,
                w -> listener.changed(withProject(w)), w -> listener.deleted(withProject(w)));
        SharedIndexInformer<T> informer = resources.runnableInformer(0).itemStore(store);
        stores.add(store);
        informers.add(informer);
        informer.start();
    }

    private SharedIndexInformer<Namespace> namespaceInformer(KubernetesClient client) {
        return client.namespaces().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace namespace) {
                remember(namespace);
            }

            @Override
            public void onUpdate(Namespace old, Namespace namespace) {
                remember(namespace);
            }

            @Override
            public void onDelete(Namespace namespace, boolean finalStateUnknown) {
                if (projectByNamespace.remove(namespace.getMetadata().getName()) != null) {
                    membershipChanged.run();
                }
            }
        }, 0);
    }

    private void remember(Namespace namespace) {
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Project.ANNOTATION);
        String prefix = clusterId + ":";
        String previous = value != null && value.startsWith(prefix)
                ? projectByNamespace.put(namespace.getMetadata().getName(), value.substring(prefix.length()))
                : projectByNamespace.remove(namespace.getMetadata().getName());
        if (!Objects.equals(previous, projectByNamespace.get(namespace.getMetadata().getName()))) {
            membershipChanged.run();
        }
    }

    /** Every cached workload with its current project filled in. */
    Stream<Workload> all() {
        return stores.stream().flatMap(SummaryItemStore::summaries).map(this::withProject);
    }

    /** Namespace name → project id (empty when in none), once the namespace informer has listed; else null. */
    Map<String, String> namespaces() {
        if (!namespaces.hasSynced()) {
            return null;
        }
        Map<String, String> byName = new java.util.TreeMap<>();
        namespaces.getStore().list().forEach(ns -> byName.put(ns.getMetadata().getName(),
                projectByNamespace.getOrDefault(ns.getMetadata().getName(), "")));
        return byName;
    }

    /** Whether every informer has finished its first list. */
    boolean hasSynced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /**
     * Whether every informer still runs. One whose first list failed (cluster unreachable at that
     * moment) stops for good; the owner then starts over.
     */
    boolean isRunning() {
        return informers.stream().allMatch(SharedIndexInformer::isRunning);
    }

    int size() {
        return stores.stream().mapToInt(SummaryItemStore::size).sum();
    }

    private Workload withProject(Workload w) {
        String project = projectByNamespace.getOrDefault(w.namespace(), "");
        return project.equals(w.projectId()) ? w : new Workload(w.clusterId(), w.kind(), w.namespace(), w.name(), project,
                w.desired(), w.ready(), w.status(), w.images(), w.node(), w.owner(), w.labels(), w.resourceVersion(),
                w.cpuRequestMillis(), w.memoryRequestBytes());
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
    }
}
