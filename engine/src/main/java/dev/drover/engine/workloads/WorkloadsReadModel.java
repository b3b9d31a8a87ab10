package dev.drover.engine.workloads;

import dev.drover.engine.downstream.DownstreamClients;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Workloads and pods of every followed cluster, cached in compact form and kept live by informers
 * (through {@link DownstreamClients}, so through the tunnel for agent clusters). Queries never call a
 * cluster. Thread-safe.
 */
public final class WorkloadsReadModel implements AutoCloseable {

    private final DownstreamClients clients;
    private final Map<String, ClusterWorkloads> clusters = new ConcurrentHashMap<>();
    private final List<WorkloadListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> membershipListeners = new CopyOnWriteArrayList<>();
    private final WorkloadListener fanOut = new WorkloadListener() {
        @Override
        public void changed(Workload workload) {
            listeners.forEach(l -> l.changed(workload));
        }

        @Override
        public void deleted(Workload workload) {
            listeners.forEach(l -> l.deleted(workload));
        }
    };

    public WorkloadsReadModel(DownstreamClients clients) {
        this.clients = clients;
    }

    /**
     * Starts following a cluster if not already, or again if its informers stopped (their first list
     * failed); otherwise does nothing. Fails with the downstream's {@code ClusterUnreachableException}
     * when it cannot be reached now.
     */
    public void follow(String clusterId) {
        ClusterWorkloads current = clusters.get(clusterId);
        if (current != null && !current.isRunning() && clusters.remove(clusterId, current)) {
            current.close();
        }
        clusters.computeIfAbsent(clusterId, id -> new ClusterWorkloads(id, clients.forCluster(id), fanOut,
                () -> membershipListeners.forEach(l -> l.accept(id))));
    }

    /**
     * {@code listener} hears the cluster id whenever a namespace there joins, leaves or changes project
     * (the annotation, changed by anyone), so project and RBAC reconcilers need not wait for a resync.
     * Called on informer threads; must return fast.
     */
    public void addMembershipListener(Consumer<String> listener) {
        membershipListeners.add(listener);
    }

    /** Stops following a cluster (deleted or gone) and drops its cache. Idempotent. */
    public void forget(String clusterId) {
        ClusterWorkloads removed = clusters.remove(clusterId);
        if (removed != null) {
            removed.close();
        }
    }

    public boolean isFollowing(String clusterId) {
        return clusters.containsKey(clusterId);
    }

    /** Whether the cluster's first lists are in, so an empty answer means "none" rather than "not yet". */
    public boolean hasSynced(String clusterId) {
        ClusterWorkloads cluster = clusters.get(clusterId);
        return cluster != null && cluster.hasSynced();
    }

    /**
     * The cluster's workloads (pods excluded unless asked for), optionally of one project, sorted by
     * namespace and name.
     */
    public List<Workload> list(String clusterId, Optional<String> projectId, boolean includePods) {
        ClusterWorkloads cluster = clusters.get(clusterId);
        if (cluster == null) {
            return List.of();
        }
        return cluster.all()
                .filter(w -> includePods || w.kind() != WorkloadKind.POD)
                .filter(w -> projectId.isEmpty() || projectId.get().equals(w.projectId()))
                .sorted(Comparator.comparing(Workload::namespace).thenComparing(Workload::name).thenComparing(Workload::kind))
                .toList();
    }

    /** The pods a workload owns ({@code owner} as {@code Kind/name}, e.g. {@code Deployment/web}). */
    public List<Workload> podsOf(String clusterId, String namespace, String owner) {
        ClusterWorkloads cluster = clusters.get(clusterId);
        if (cluster == null) {
            return List.of();
        }
        return cluster.all().filter(w -> w.kind() == WorkloadKind.POD && w.namespace().equals(namespace) && w.owner().equals(owner))
                .sorted(Comparator.comparing(Workload::name)).toList();
    }

    /** What a cluster's running pods request in total: millicores and bytes. */
    public record PodRequests(long cpuMillis, long memoryBytes) {
    }

    /**
     * What the cluster's pods that still hold resources request, from the cache; empty until the
     * cluster's informers have synced (then the caller must ask the cluster).
     */
    public Optional<PodRequests> podRequests(String clusterId) {
        ClusterWorkloads cluster = clusters.get(clusterId);
        if (cluster == null || !cluster.hasSynced()) {
            return Optional.empty();
        }
        long[] sums = new long[2];
        cluster.all().filter(Workload::holdsRequests).forEach(pod -> {
            sums[0] += pod.cpuRequestMillis();
            sums[1] += pod.memoryRequestBytes();
        });
        return Optional.of(new PodRequests(sums[0], sums[1]));
    }

    /** The clients the informers use, for {@link WorkloadActions}. */
    DownstreamClients clients() {
        return clients;
    }

    /** Cached objects across all clusters (for metrics and the scale benchmark). */
    public int size() {
        return clusters.values().stream().mapToInt(ClusterWorkloads::size).sum();
    }

    public void addListener(WorkloadListener listener) {
        listeners.add(listener);
    }

    public void removeListener(WorkloadListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        clusters.keySet().forEach(this::forget);
    }
}
