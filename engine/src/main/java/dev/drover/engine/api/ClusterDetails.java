package dev.drover.engine.api;

import dev.drover.engine.events.ClusterEvents;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Event;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreInformer;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.downstream.DownstreamClients;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The cluster detail view's data: stored status and events, plus the live node list asked of the cluster
 * with a short deadline, so one dead cluster costs its own detail view a few seconds and nothing else.
 * Blocking; thread-safe.
 */
final class ClusterDetails {

    static final Duration NODES_DEADLINE = Duration.ofSeconds(5);
    static final int RECENT_EVENTS = 20;
    private static final String ROLE_LABEL = "node-role.kubernetes.io/";

    private final ResourceStore store;
    private final ClusterEvents events;
    private final DownstreamClients downstream;
    private final ExecutorService threads;
    private final JsonCodec<Cluster> clusters = new JsonCodec<>(Cluster.class);

    ClusterDetails(ResourceStore store, ClusterEvents events, DownstreamClients downstream, ExecutorService threads) {
        this.store = store;
        this.events = events;
        this.downstream = downstream;
        this.threads = threads;
    }

    Cluster existing(String clusterId) {
        ObjectKey key = ObjectKey.of(Cluster.KIND, clusterId == null || clusterId.isBlank() ? "-" : clusterId);
        return store.get(key).map(clusters::decode).orElseThrow(() ->
                new ApiException(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist."));
    }

    ClusterDetail detail(String clusterId) {
        StoredObject stored = store.get(ObjectKey.of(Cluster.KIND, clusterId == null || clusterId.isBlank() ? "-" : clusterId))
                .orElseThrow(() -> new ApiException(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist."));
        Cluster cluster = clusters.decode(stored);
        List<ClusterCondition> conditions = cluster.status().conditions().stream()
                .map(c -> new ClusterCondition(c.type(), c.status(), c.reason(), c.message(), c.lastTransitionTime())).toList();
        List<NodeSummary> nodes = List.of();
        String nodesMessage = "";
        try {
            nodes = liveNodes(cluster.id());
        } catch (TimeoutException e) {
            nodesMessage = "The cluster did not list its nodes within " + NODES_DEADLINE.toSeconds() + " s.";
        } catch (RuntimeException e) {
            nodesMessage = "The cluster cannot be reached: " + rootMessage(e);
        }
        List<ClusterEvent> recent = list(cluster.id()).stream().limit(RECENT_EVENTS).toList();
        return new ClusterDetail(ClusterRequests.summary(cluster, stored.revision()), conditions, nodes, nodesMessage, recent);
    }

    List<ClusterEvent> list(String clusterId) {
        return events.list(clusterId).stream().map(ClusterDetails::toApi).toList();
    }

    /** Existing events as ADDED (oldest first), then every change; the listener runs on {@code threads}. */
    Subscription watch(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        existing(clusterId);
        StoreInformer informer = StoreInformer.start(store, Event.KIND, threads, event -> {
            if (clusterId.equals(event.object().key().namespace())) {
                listener.accept(new ApiEvent<>(ApiEvent.Type.valueOf(event.type().name()), toApi(events.decode(event.object()))));
            }
        });
        return informer::close;
    }

    static ClusterEvent toApi(Event e) {
        return new ClusterEvent(e.id(), e.clusterId(), e.type(), e.reason(), e.message(), e.involvedObject(), e.source(), e.count(),
                e.firstTimestamp(), e.lastTimestamp());
    }

    private List<NodeSummary> liveNodes(String clusterId) throws TimeoutException {
        CompletableFuture<List<Node>> listed = CompletableFuture.supplyAsync(
                () -> downstream.forCluster(clusterId).nodes().list().getItems(), threads);
        try {
            return listed.get(NODES_DEADLINE.toMillis(), TimeUnit.MILLISECONDS).stream().map(ClusterDetails::summary).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Interrupted while listing nodes.", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            listed.cancel(true);
        }
    }

    private static NodeSummary summary(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        List<String> roles = new ArrayList<>();
        labels.keySet().stream().filter(k -> k.startsWith(ROLE_LABEL)).map(k -> k.substring(ROLE_LABEL.length()))
                .filter(r -> !r.isEmpty()).sorted().forEach(roles::add);
        var status = node.getStatus();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        String kubelet = status == null || status.getNodeInfo() == null || status.getNodeInfo().getKubeletVersion() == null
                ? "" : status.getNodeInfo().getKubeletVersion();
        Map<String, Quantity> allocatable = status == null || status.getAllocatable() == null ? Map.of() : status.getAllocatable();
        return new NodeSummary(node.getMetadata().getName(), roles, ready, kubelet, amount(allocatable.get("cpu"), 1000),
                amount(allocatable.get("memory"), 1));
    }

    private static long amount(Quantity quantity, long scale) {
        return quantity == null ? 0 : quantity.getNumericalAmount().multiply(BigDecimal.valueOf(scale)).longValue();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
