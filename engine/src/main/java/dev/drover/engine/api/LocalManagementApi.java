package dev.drover.engine.api;

import dev.drover.engine.core.Engine;
import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.downstream.DownstreamClients;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.runtime.Leadership;
import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.DataDirectories;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ListResult;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoreInformer;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Write;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine in this process ("lab" mode) on the embedded SQLite store: zero set-up.
 *
 * <p>Commands run on virtual threads and complete their futures there. Watch listeners are called on
 * the store's delivery threads, in revision order per subscription.
 */
public final class LocalManagementApi implements ManagementApi {

    /** Until tunnels and direct credentials are wired in, lab clusters are reported unreachable. */
    private static final DownstreamClients UNREACHABLE = clusterId -> {
        throw new ClusterUnreachableException("Drover has no connection to cluster " + clusterId + " yet.");
    };

    /** Indexes display names so that two clusters can never share one, even when created at once. */
    static final String CLUSTER_NAME_KIND = "ClusterName";

    private final Engine engine;
    private final ResourceStore store;
    private final EngineInfo info;
    private final JsonCodec<Cluster> clusters = new JsonCodec<>(Cluster.class);
    private final ExecutorService commands = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("engine-command-", 0).factory());

    LocalManagementApi(Engine engine, String location) {
        this.engine = engine;
        this.store = engine.store();
        this.info = new EngineInfo(EngineMode.LAB, location, EngineVersion.current());
    }

    /**
     * Opens the in-process engine on the embedded store in {@code dataDirectory}, creating it if
     * missing. Blocking (opens files); call it off the FX thread or before the UI starts. Fails with
     * {@link ApiException} ({@link ApiException.Reason#UNAVAILABLE}) when another process holds the
     * directory ("in use by PID …") or the store file is damaged; nothing on disk is changed then.
     */
    public static LocalManagementApi openLab(Path dataDirectory) {
        try {
            SqliteResourceStore store = SqliteResourceStore.open(dataDirectory);
            try {
                Engine engine = Engine.start(store, UNREACHABLE, Clock.systemUTC(), Leadership.always(), List.of());
                return new LocalManagementApi(engine, store.file().toString());
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        } catch (StoreException e) {
            throw ApiErrors.translate(e);
        }
    }

    /** The OS-appropriate data directory, unless {@code drover.dataDir} or {@code DROVER_DATA_DIR} says otherwise. */
    public static Path defaultDataDirectory() {
        return DataDirectories.resolve();
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @Override
    public CompletableFuture<List<ClusterSummary>> listClusters() {
        return run(() -> summaries(store.list(ListRequest.all(Cluster.KIND))));
    }

    @Override
    public CompletableFuture<ClusterSummary> createCluster(NewCluster request) {
        return run(() -> {
            Cluster cluster = ClusterRequests.newCluster(request);
            try {
                List<StoredObject> stored = store.commit(List.of(
                        new Write.Create(ObjectKey.of(CLUSTER_NAME_KIND, ClusterRequests.nameIndexKey(cluster.displayName())),
                                Map.of(), "{\"clusterId\":\"" + cluster.id() + "\"}"),
                        new Write.Create(ObjectKey.of(Cluster.KIND, cluster.id()), Map.of(), clusters.encode(cluster))));
                return ClusterRequests.summary(cluster, stored.getLast().revision());
            } catch (AlreadyExistsException e) {
                throw new ApiException(ApiException.Reason.ALREADY_EXISTS,
                        "A cluster named \"" + cluster.displayName() + "\" exists already.", e);
            }
        });
    }

    @Override
    public CompletableFuture<Void> deleteCluster(String clusterId) {
        return run(() -> {
            ObjectKey key = ObjectKey.of(Cluster.KIND, clusterId == null || clusterId.isBlank() ? "-" : clusterId);
            StoredObject current = store.get(key).orElseThrow(() ->
                    new ApiException(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist."));
            Cluster cluster = clusters.decode(current);
            store.commit(List.of(
                    // any revision: reconcilers update the status all the time, and the name (all we read) never changes
                    new Write.Delete(key, 0),
                    new Write.Delete(ObjectKey.of(CLUSTER_NAME_KIND, ClusterRequests.nameIndexKey(cluster.displayName())), 0)));
            return null;
        });
    }

    @Override
    public Subscription watchClusters(Consumer<ApiEvent<ClusterSummary>> listener) {
        StoreInformer informer = StoreInformer.start(store, Cluster.KIND, commands, event -> listener.accept(new ApiEvent<>(
                ApiEvent.Type.valueOf(event.type().name()), ClusterRequests.summary(clusters.decode(event.object()), event.revision()))));
        return informer::close;
    }

    @Override
    public void close() {
        commands.close();
        engine.close();
    }

    private List<ClusterSummary> summaries(ListResult result) {
        return result.items().stream()
                .map(object -> ClusterRequests.summary(clusters.decode(object), object.revision()))
                .sorted(Comparator.comparing(ClusterSummary::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private <T> CompletableFuture<T> run(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            commands.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(ApiErrors.translate(e));
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(new ApiException(ApiException.Reason.UNAVAILABLE, "The engine is closed.", rejected));
        }
        return result;
    }
}
