package dev.drover.engine.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one interface the console uses to drive a Drover engine, whether it runs in this process
 * ({@link LocalManagementApi}, "lab" mode) or on a shared server ({@link RemoteManagementApi}).
 *
 * <p>Threading: every command returns at once with a {@link CompletableFuture}; the work runs on an
 * engine thread and the future completes on an engine thread, never the caller's. A failed future
 * carries an {@link ApiException} whose {@link ApiException#reason()} says what went wrong.
 * Watch listeners are called on an engine thread, one event at a time and in revision order for
 * each subscription; they must return quickly and must not block (hand work to another thread).
 *
 * <p>Remotely, every call may also fail with {@link ApiException.Reason#UNAUTHENTICATED} (the login
 * expired: log in again) or {@link ApiException.Reason#FORBIDDEN} (the user may not do this).
 */
public interface ManagementApi extends AutoCloseable {

    /**
     * Describes the engine this API talks to (mode, where its state lives, version).
     * Cheap and non-blocking; callable from any thread, including the FX thread.
     */
    EngineInfo info();

    /**
     * Lists every cluster the engine manages, sorted by display name.
     * Callable from any thread; read-only and idempotent.
     */
    CompletableFuture<List<ClusterSummary>> listClusters();

    /**
     * Registers a new cluster. Not idempotent: a second call with the same display name fails with
     * {@link ApiException.Reason#ALREADY_EXISTS}; bad input fails with {@link ApiException.Reason#INVALID}.
     * Callable from any thread.
     */
    CompletableFuture<ClusterSummary> createCluster(NewCluster request);

    /**
     * Starts (or restarts) the import of an {@link ClusterKind#IMPORTED} cluster: issues a new registration
     * token and returns the {@code kubectl apply -f <url>} command that installs the agents. Not
     * idempotent: every call issues another token (earlier ones keep working). Fails with
     * {@link ApiException.Reason#NOT_FOUND} for an unknown cluster, {@link ApiException.Reason#INVALID}
     * for a cluster of another kind, and {@link ApiException.Reason#UNAVAILABLE} in lab mode, where no
     * server is listening for agents. Callable from any thread.
     */
    CompletableFuture<ClusterImport> importCluster(String clusterId);

    /**
     * Removes a cluster from management. Fails with {@link ApiException.Reason#NOT_FOUND} if it is
     * already gone. Callable from any thread.
     */
    CompletableFuture<Void> deleteCluster(String clusterId);

    /**
     * Streams cluster changes: first an {@link ApiEvent.Type#ADDED} event for every existing
     * cluster, then every change as it is committed. The listener runs on an engine thread (see the
     * class comment). Close the subscription to stop; closing is idempotent.
     */
    Subscription watchClusters(Consumer<ApiEvent<ClusterSummary>> listener);

    /** Stops the engine (lab) or the connection (remote). Idempotent; blocks until released. */
    @Override
    void close();
}
