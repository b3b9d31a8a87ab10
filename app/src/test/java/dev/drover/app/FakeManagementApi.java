package dev.drover.app;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ClusterImport;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.EngineInfo;
import dev.drover.engine.api.EngineMode;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.Subscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory engine for console tests. Like the real one, a new watch first replays every cluster
 * as ADDED; {@link #emit} then delivers events on the calling thread, which tests make a background one.
 */
public final class FakeManagementApi implements ManagementApi {

    public static final EngineInfo LAB_INFO = new EngineInfo(EngineMode.LAB, "/tmp/drover-test/drover.db", "0.1.0-test");

    private final EngineInfo info;
    private final Map<String, ClusterSummary> clusters = new LinkedHashMap<>();
    private final List<Consumer<ApiEvent<ClusterSummary>>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong revision = new AtomicLong();
    private volatile boolean closed;
    private volatile ApiException watchFailure;

    public FakeManagementApi() {
        this(LAB_INFO);
    }

    public FakeManagementApi(EngineInfo info) {
        this.info = info;
    }

    public static ClusterSummary cluster(String id, String name, ClusterKind kind, String state, String version, long resourceVersion) {
        return new ClusterSummary(id, name, kind, state, version, resourceVersion);
    }

    /** Adds a cluster without telling watchers, as if it existed before the console started. */
    public synchronized FakeManagementApi with(ClusterSummary cluster) {
        clusters.put(cluster.id(), cluster);
        return this;
    }

    /** Applies the event and delivers it to every watcher, on the calling thread. */
    public void emit(ApiEvent.Type type, ClusterSummary cluster) {
        synchronized (this) {
            if (type == ApiEvent.Type.DELETED) {
                clusters.remove(cluster.id());
            } else {
                clusters.put(cluster.id(), cluster);
            }
        }
        ApiEvent<ClusterSummary> event = new ApiEvent<>(type, cluster);
        watchers.forEach(watcher -> watcher.accept(event));
    }

    /** Makes later watches fail at once, as an engine that cannot serve them would. */
    public FakeManagementApi failWatchesWith(ApiException failure) {
        watchFailure = failure;
        return this;
    }

    public int watcherCount() {
        return watchers.size();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public synchronized CompletableFuture<List<ClusterSummary>> listClusters() {
        return CompletableFuture.completedFuture(clusters.values().stream()
                .sorted(Comparator.comparing(ClusterSummary::displayName, String.CASE_INSENSITIVE_ORDER)).toList());
    }

    @Override
    public CompletableFuture<ClusterSummary> createCluster(NewCluster request) {
        ClusterSummary created = new ClusterSummary("c-" + revision.incrementAndGet(), request.displayName(), request.kind(),
                "Pending", "", revision.get());
        emit(ApiEvent.Type.ADDED, created);
        return CompletableFuture.completedFuture(created);
    }

    @Override
    public CompletableFuture<ClusterImport> importCluster(String clusterId) {
        synchronized (this) {
            if (!clusters.containsKey(clusterId)) {
                return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist."));
            }
        }
        String url = "https://drover.test/v3/import/fake" + clusterId + ".yaml";
        return CompletableFuture.completedFuture(new ClusterImport(clusterId, url, "kubectl apply -f " + url));
    }

    @Override
    public CompletableFuture<Void> deleteCluster(String clusterId) {
        ClusterSummary gone;
        synchronized (this) {
            gone = clusters.get(clusterId);
        }
        if (gone == null) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist."));
        }
        emit(ApiEvent.Type.DELETED, gone);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription watchClusters(Consumer<ApiEvent<ClusterSummary>> listener) {
        if (watchFailure != null) {
            throw watchFailure;
        }
        List<ClusterSummary> existing;
        synchronized (this) {
            existing = new ArrayList<>(clusters.values());
        }
        existing.forEach(cluster -> listener.accept(new ApiEvent<>(ApiEvent.Type.ADDED, cluster)));
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
        watchers.clear();
    }
}
