package dev.drover.engine.api;

import dev.drover.engine.auth.TokenIdentity;
import dev.drover.engine.core.Engine;
import dev.drover.engine.downstream.DownstreamCredentials;
import dev.drover.engine.kubeconfig.KubeconfigVault;
import dev.drover.engine.model.Event;
import dev.drover.engine.model.NodePool;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-process engine's cluster detail, events, projects, members, users, node pools and kubeconfig
 * export: {@link LocalManagementApi} delegates to it (acting user {@value #LAB_ACTOR}), and the server's
 * routes call it with the caller's name, so remote and local behave alike. Commands run on virtual threads
 * and complete their futures there; failures are {@link ApiException}s. Thread-safe.
 */
public final class LocalAdministration {

    /** Who acts in lab mode, as events show it. */
    public static final String LAB_ACTOR = "lab";

    private final Engine engine;
    private final ResourceStore store;
    private final Path vaultDirectory;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("engine-admin-", 0).factory());
    private final ClusterDetails details;
    private final ProjectCommands projects;
    private final MemberCommands members;
    private final UserCommands users;
    private final KubeconfigExports kubeconfigs;
    private final JsonCodec<NodePool> pools = new JsonCodec<>(NodePool.class);

    /** @param vaultDirectory where lab-mode exports are kept; null on a server (the console keeps them) */
    LocalAdministration(Engine engine, DownstreamCredentials credentials, Path vaultDirectory) {
        this.engine = engine;
        this.store = engine.store();
        this.vaultDirectory = vaultDirectory;
        this.details = new ClusterDetails(store, engine.events(), engine.downstream(), threads);
        this.projects = new ProjectCommands(store, details, engine.events(), engine.downstream(), engine.workloads(), threads);
        this.members = new MemberCommands(store, details, projects, engine.events());
        this.users = new UserCommands(store, engine.users(), engine.tokens());
        this.kubeconfigs = new KubeconfigExports(store, details, credentials);
    }

    /** See {@link ManagementApi#getCluster}; asks the cluster for its nodes with a 5 s deadline. */
    public CompletableFuture<ClusterDetail> getCluster(String clusterId) {
        return run(() -> details.detail(clusterId));
    }

    public CompletableFuture<List<ClusterEvent>> listClusterEvents(String clusterId) {
        return run(() -> {
            details.existing(clusterId);
            return details.list(clusterId);
        });
    }

    /** Existing events as ADDED, then changes; the listener runs on an engine thread. NOT_FOUND (thrown) for an unknown cluster. */
    public Subscription watchClusterEvents(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        try {
            return details.watch(clusterId, listener);
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e);
        }
    }

    public CompletableFuture<ProjectSummary> createProject(String actor, String clusterId, NewProject request) {
        return run(() -> projects.create(actor, clusterId, request));
    }

    public CompletableFuture<Void> deleteProject(String actor, String clusterId, String projectId) {
        return run(() -> {
            projects.delete(actor, clusterId, projectId);
            return null;
        });
    }

    public CompletableFuture<List<NamespaceSummary>> listNamespaces(String clusterId) {
        return run(() -> projects.listNamespaces(clusterId));
    }

    public CompletableFuture<Void> moveNamespace(String actor, String clusterId, String namespace, String projectId) {
        return run(() -> {
            projects.move(actor, clusterId, namespace, projectId);
            return null;
        });
    }

    public CompletableFuture<List<Member>> listMembers(String clusterId, String projectId) {
        return run(() -> members.list(clusterId, projectId));
    }

    public CompletableFuture<Member> addMember(String actor, NewMember request) {
        return run(() -> members.add(actor, request));
    }

    public CompletableFuture<Void> removeMember(String actor, String clusterId, String bindingId) {
        return run(() -> {
            members.remove(actor, clusterId, bindingId);
            return null;
        });
    }

    public CompletableFuture<UserSummary> createUser(NewUser request) {
        return run(() -> users.create(request));
    }

    public CompletableFuture<UserSummary> setUserEnabled(String username, boolean enabled) {
        return run(() -> users.setEnabled(username, enabled));
    }

    public CompletableFuture<Void> deleteUser(String username) {
        return run(() -> {
            users.delete(username);
            return null;
        });
    }

    /** Writes the pool's desired quantity; the nodepool reconciler adds or removes nodes to match. */
    public CompletableFuture<NodePoolSummary> scaleNodePool(String actor, String clusterId, String poolId, int quantity) {
        return run(() -> {
            var cluster = details.existing(clusterId);
            if (quantity < 0) {
                throw ApiErrors.invalid("quantity: 0 or more, got " + quantity + ".");
            }
            ObjectKey key = new ObjectKey(NodePool.KIND, cluster.id(), poolId == null || poolId.isBlank() ? "-" : poolId.strip());
            for (int attempt = 0; attempt < 5; attempt++) {
                StoredObject stored = store.get(key).orElseThrow(() -> new ApiException(ApiException.Reason.NOT_FOUND,
                        "Node pool " + poolId + " does not exist in cluster " + cluster.displayName() + "."));
                NodePool pool = pools.decode(stored);
                NodePool scaled = new NodePool(pool.clusterId(), pool.id(), pool.nodeTemplateId(), quantity, pool.roles(),
                        pool.hostnamePrefix(), pool.unhealthyReplaceAfter(), pool.nodes());
                try {
                    if (pool.quantity() != quantity) {
                        store.update(key, stored.revision(), stored.labels(), pools.encode(scaled));
                        engine.events().record(cluster.id(), Event.NORMAL, "NodePoolScaled", actor + " scaled node pool " + pool.id()
                                + " from " + pool.quantity() + " to " + quantity + " nodes.", "NodePool/" + pool.id(), actor);
                    }
                    return new NodePoolSummary(scaled.clusterId(), scaled.id(), scaled.nodeTemplateId(), scaled.hostnamePrefix(),
                            scaled.roles(), scaled.quantity(), scaled.nodes().stream()
                            .map(n -> new PoolNodeStatus(n.name(), n.address(), n.state(), n.unhealthySince())).toList());
                } catch (ConflictException raced) {
                    // the reconciler wrote the observed nodes meanwhile: apply the quantity to its version
                }
            }
            throw new ApiException(ApiException.Reason.CONFLICT, "Node pool " + poolId + " kept changing; try again.");
        });
    }

    /** Lab mode's export (direct clusters, their own credentials), kept in the data directory's vault. */
    public CompletableFuture<ExportedKubeconfig> exportKubeconfig(KubeconfigExport request) {
        return run(() -> {
            if (vaultDirectory == null) {
                throw new ApiException(ApiException.Reason.UNAVAILABLE, "This engine exports kubeconfigs through the server's API.");
            }
            return kubeconfigs.inLab(request, new KubeconfigVault(vaultDirectory, Clock.systemUTC()));
        });
    }

    /**
     * The server's export for {@code caller}: issues them a token and builds proxy contexts to
     * {@code serverUrl} and/or ACE contexts; the console keeps the vault copy.
     */
    public CompletableFuture<ExportedKubeconfig> exportKubeconfig(KubeconfigExport request, TokenIdentity caller, String serverUrl,
                                                                  String serverCaPem) {
        return run(() -> kubeconfigs.forCaller(request, caller, engine.tokens(), serverUrl, serverCaPem));
    }

    /** Writes the YAML to {@code target} with mode 0600, replacing it atomically. */
    public static CompletableFuture<Void> saveKubeconfig(String yaml, Path target) {
        return CompletableFuture.runAsync(() -> KubeconfigExports.save(yaml, target), r -> Thread.ofVirtual().name("kubeconfig-save").start(r))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(ApiErrors.translate(e)));
    }

    /**
     * Throws FORBIDDEN unless the caller may change {@code clusterId}'s projects, members and node pools:
     * administrators, and holders of cluster-owner there. Blocking (store read).
     */
    public void authorizeClusterChange(TokenIdentity caller, String clusterId) {
        if (caller.admin() || members.isClusterOwner(caller.username(), caller.groups(), clusterId)) {
            return;
        }
        throw new ApiException(ApiException.Reason.FORBIDDEN, "User " + caller.username()
                + " may not change cluster " + clusterId + ": only administrators and its cluster owners may.");
    }

    private <T> CompletableFuture<T> run(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
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

    /** For tests that arrange state the API cannot create yet (node pools). */
    ResourceStore store() {
        return store;
    }

    /** Stops taking commands. Idempotent. */
    void close() {
        threads.shutdown();
    }
}
