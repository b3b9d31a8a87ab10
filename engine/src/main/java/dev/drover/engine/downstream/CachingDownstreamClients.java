package dev.drover.engine.downstream;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreInformer;
import dev.drover.engine.store.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The real {@link DownstreamClients}: one client per cluster, opened on first use by the
 * {@link ClusterConnector} for the cluster's type, shared by every reconciler and the workloads read
 * model, and closed when the cluster is deleted (a store watch) or this is closed. Thread-safe.
 */
public final class CachingDownstreamClients implements DownstreamClients, AutoCloseable {

    private final ResourceStore store;
    private final Map<Cluster.Type, ClusterConnector> connectors;
    private final Map<String, DownstreamConnection> open = new ConcurrentHashMap<>();
    private final Map<String, Object> opening = new ConcurrentHashMap<>();
    private final JsonCodec<Cluster> clusters = new JsonCodec<>(Cluster.class);
    private volatile StoreInformer deletions;
    private volatile boolean closed;

    /** @param connectors how each type of cluster is reached; a type without one is reported unreachable */
    public CachingDownstreamClients(ResourceStore store, Map<Cluster.Type, ClusterConnector> connectors) {
        this.store = store;
        this.connectors = Map.copyOf(connectors);
    }

    /** Starts closing the clients of deleted clusters. Returns at once. */
    public CachingDownstreamClients start() {
        Executor executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("downstream-clients-", 0).factory());
        deletions = StoreInformer.start(store, Cluster.KIND, executor, event -> {
            if (event.type() == WatchEvent.Type.DELETED) {
                forget(event.object().key().name());
            }
        });
        return this;
    }

    @Override
    public KubernetesClient forCluster(String clusterId) {
        Cluster cluster = store.get(ObjectKey.of(Cluster.KIND, clusterId)).map(clusters::decode)
                .orElseThrow(() -> new ClusterUnreachableException("Cluster " + clusterId + " does not exist."));
        ClusterConnector connector = connectors.get(cluster.type());
        if (connector == null) {
            throw new ClusterUnreachableException("This Drover cannot reach " + cluster.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " clusters" + (cluster.type() == Cluster.Type.IMPORTED ? ": their agents dial a Drover server (drover server)." : " yet."));
        }
        connector.checkReachable(cluster);
        DownstreamConnection connection = open.get(clusterId);
        if (connection != null) {
            return connection.client();
        }
        // one opener per cluster; other clusters are not held up by a slow one
        synchronized (opening.computeIfAbsent(clusterId, id -> new Object())) {
            connection = open.get(clusterId);
            if (connection == null) {
                if (closed) {
                    throw new ClusterUnreachableException("Drover is shutting down.");
                }
                connection = connector.open(cluster);
                open.put(clusterId, connection);
            }
            return connection.client();
        }
    }

    @Override
    public void release(String clusterId) {
        forget(clusterId);
    }

    /** Closes and drops the cluster's client; the next {@link #forCluster} opens a new one. Idempotent. */
    public void forget(String clusterId) {
        DownstreamConnection connection = open.remove(clusterId);
        opening.remove(clusterId);
        if (connection != null) {
            connection.close();
        }
    }

    /** Clusters with an open client (for metrics and tests). */
    public int openCount() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        StoreInformer watch = deletions;
        if (watch != null) {
            watch.close();
        }
        open.keySet().forEach(this::forget);
    }
}
