package dev.drover.engine.reconcile.clusterhealth;

import dev.drover.engine.downstream.DownstreamClients;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.reconcile.ClusterStatusUpdater;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.workloads.WorkloadsReadModel;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks each cluster's API server and nodes (key: cluster id) and records the Ready condition,
 * Kubernetes version and capacity: allocatable CPU and memory, and what running pods request.
 * Runs again every {@link #INTERVAL}; an unreachable cluster is marked not Ready, never an error loop.
 * Pod requests come from the workloads read model once it has synced the cluster: listing every pod of
 * every cluster each interval is what would not scale (hundreds of MB of JSON per minute at 100,000 pods).
 */
public final class ClusterHealthReconciler implements Reconciler<String> {

    public static final String NAME = "clusterhealth";
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    private final DownstreamClients clients;
    private final ClusterStatusUpdater statuses;
    private final Clock clock;
    private final Function<String, Optional<WorkloadsReadModel.PodRequests>> cachedRequests;

    /** Lists pods itself every time. */
    public ClusterHealthReconciler(DownstreamClients clients, ClusterStatusUpdater statuses, Clock clock) {
        this(clients, statuses, clock, clusterId -> Optional.empty());
    }

    /** Takes pod requests from {@code cachedRequests} when it has them (the read model, once synced). */
    public ClusterHealthReconciler(DownstreamClients clients, ClusterStatusUpdater statuses, Clock clock,
                                   Function<String, Optional<WorkloadsReadModel.PodRequests>> cachedRequests) {
        this.clients = clients;
        this.statuses = statuses;
        this.clock = clock;
        this.cachedRequests = cachedRequests;
    }

    @Override
    public ReconcileResult reconcile(String clusterId) {
        if (statuses.get(clusterId).isEmpty()) {
            return ReconcileResult.done(); // deleted meanwhile
        }
        Observation observation;
        try {
            observation = observe(clients.forCluster(clusterId), cachedRequests.apply(clusterId));
        } catch (RuntimeException e) {
            String message = "API server cannot be reached: " + rootMessage(e);
            statuses.update(clusterId, status -> status.withCondition(condition("False", "Unreachable", message)));
            return ReconcileResult.requeueAfter(INTERVAL);
        }
        statuses.update(clusterId, status -> status
                .withKubernetesVersion(observation.version())
                .withCapacity(observation.capacity())
                .withCondition(observation.capacity().readyNodes() > 0
                        ? condition("True", "Healthy", "API server answers; " + observation.capacity().readyNodes() + " of "
                                + observation.capacity().nodes() + " nodes ready")
                        : condition("False", "NoReadyNodes", "API server answers but no node is Ready")));
        return ReconcileResult.requeueAfter(INTERVAL);
    }

    private record Observation(String version, Cluster.Capacity capacity) {
    }

    private static Observation observe(KubernetesClient client, Optional<WorkloadsReadModel.PodRequests> cached) {
        String version = client.getKubernetesVersion().getGitVersion();
        List<Node> nodes = client.nodes().list().getItems();
        int ready = (int) nodes.stream().filter(ClusterHealthReconciler::isReady).count();
        long cpu = nodes.stream().mapToLong(n -> millis(allocatable(n, "cpu"))).sum();
        long memory = nodes.stream().mapToLong(n -> bytes(allocatable(n, "memory"))).sum();
        if (cached.isPresent()) {
            return new Observation(version, new Cluster.Capacity(nodes.size(), ready, cpu, memory,
                    cached.get().cpuMillis(), cached.get().memoryBytes()));
        }
        long cpuRequested = 0;
        long memoryRequested = 0;
        for (Pod pod : client.pods().inAnyNamespace().withoutField("status.phase", "Succeeded").list().getItems()) {
            if ("Failed".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase()) || pod.getSpec() == null) {
                continue;
            }
            for (var container : pod.getSpec().getContainers()) {
                Map<String, Quantity> requests = container.getResources() == null ? null : container.getResources().getRequests();
                if (requests != null) {
                    cpuRequested += millis(requests.get("cpu"));
                    memoryRequested += bytes(requests.get("memory"));
                }
            }
        }
        return new Observation(version, new Cluster.Capacity(nodes.size(), ready, cpu, memory, cpuRequested, memoryRequested));
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Quantity allocatable(Node node, String resource) {
        return node.getStatus() == null || node.getStatus().getAllocatable() == null ? null : node.getStatus().getAllocatable().get(resource);
    }

    private static long millis(Quantity quantity) {
        return quantity == null ? 0 : quantity.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static long bytes(Quantity quantity) {
        return quantity == null ? 0 : quantity.getNumericalAmount().longValue();
    }

    private Condition condition(String status, String reason, String message) {
        return new Condition("Ready", status, reason, message, clock.instant());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
