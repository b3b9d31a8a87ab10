package dev.drover.engine.api;

import dev.drover.engine.api.wire.ClusterStream;
import dev.drover.engine.authproxy.Impersonation;
import dev.drover.engine.core.Engine;
import dev.drover.engine.downstream.CachingDownstreamClients;
import dev.drover.engine.downstream.CredentialFiles;
import dev.drover.engine.downstream.DirectConnector;
import dev.drover.engine.downstream.DownstreamCredential;
import dev.drover.engine.downstream.DownstreamCredentials;
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
import dev.drover.engine.store.WatchEvent;
import dev.drover.engine.store.Write;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import dev.drover.engine.tunnel.ClusterImports;
import dev.drover.engine.tunnel.ImportInstructions;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine in this process: "lab" mode on the embedded SQLite store (zero set-up), and inside the
 * server, where the HTTP routes call it for every remote console.
 *
 * <p>Commands run on virtual threads and complete their futures there. Watch listeners are called on
 * the store's delivery threads, in revision order per subscription.
 */
public final class LocalManagementApi implements ManagementApi {

    /** Indexes display names so that two clusters can never share one, even when created at once. */
    static final String CLUSTER_NAME_KIND = "ClusterName";

    private final Engine engine;
    private final ResourceStore store;
    private final EngineInfo info;
    private final DownstreamCredentials credentials;
    private final ClusterImports imports;
    private final AutoCloseable afterEngine;
    private final JsonCodec<Cluster> clusters = new JsonCodec<>(Cluster.class);
    private final ExecutorService commands = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("engine-command-", 0).factory());

    private LocalManagementApi(Engine engine, EngineInfo info, DownstreamCredentials credentials, ClusterImports imports,
                               AutoCloseable afterEngine) {
        this.engine = engine;
        this.store = engine.store();
        this.info = info;
        this.credentials = credentials;
        this.imports = imports;
        this.afterEngine = afterEngine;
    }

    /**
     * Opens the in-process engine on the embedded store in {@code dataDirectory}, creating it if
     * missing. Blocking (opens files); call it off the FX thread or before the UI starts. Fails with
     * {@link ApiException} ({@link ApiException.Reason#UNAVAILABLE}) when another process holds the
     * directory ("in use by PID …") or the store file is damaged; nothing on disk is changed then.
     * Direct clusters are reached at their endpoints; imported ones need a server for their agents.
     */
    public static LocalManagementApi openLab(Path dataDirectory) {
        try {
            SqliteResourceStore store = SqliteResourceStore.open(dataDirectory);
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
            CachingDownstreamClients clients = null;
            try {
                CredentialFiles credentials = new CredentialFiles(dataDirectory.resolve("credentials"));
                DirectConnector endpoints = new DirectConnector(credentials, new Vertx5HttpClientFactory(vertx));
                // provisioned RKE clusters are reached like direct ones, with kube-admin's certificate
                clients = new CachingDownstreamClients(store, Map.of(Cluster.Type.DIRECT, endpoints, Cluster.Type.RKE, endpoints)).start();
                Engine engine = Engine.start(store, clients, Clock.systemUTC(), Leadership.always(), List.of());
                CachingDownstreamClients owned = clients;
                return new LocalManagementApi(engine, new EngineInfo(EngineMode.LAB, store.file().toString(), EngineVersion.current()),
                        credentials, null, () -> {
                            owned.close();
                            vertx.close().await();
                        });
            } catch (RuntimeException e) {
                if (clients != null) {
                    clients.close();
                }
                vertx.close();
                store.close();
                throw e;
            }
        } catch (StoreException e) {
            throw ApiErrors.translate(e);
        }
    }

    /**
     * The API of a server's engine, which the server's HTTP routes call for remote consoles. Takes
     * over {@code engine}: {@link #close()} closes it.
     *
     * @param imports the server's import flow (registration tokens, manifest URLs)
     */
    public static LocalManagementApi serving(Engine engine, DownstreamCredentials credentials, ClusterImports imports) {
        return new LocalManagementApi(engine, new EngineInfo(EngineMode.REMOTE, "drover server", EngineVersion.current()),
                credentials, imports, () -> { });
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
            // the credential first: a cluster that exists is reconciled at once and should find it
            if (request.credential() != null) {
                credentials.save(cluster.id(), new DownstreamCredential(request.credential().bearerToken(), request.credential().caCertPem()));
            }
            try {
                List<StoredObject> stored = store.commit(List.of(
                        new Write.Create(ObjectKey.of(CLUSTER_NAME_KIND, ClusterRequests.nameIndexKey(cluster.displayName())),
                                Map.of(), "{\"clusterId\":\"" + cluster.id() + "\"}"),
                        new Write.Create(ObjectKey.of(Cluster.KIND, cluster.id()), Map.of(), clusters.encode(cluster))));
                return ClusterRequests.summary(cluster, stored.getLast().revision());
            } catch (AlreadyExistsException e) {
                credentials.remove(cluster.id());
                throw new ApiException(ApiException.Reason.ALREADY_EXISTS,
                        "A cluster named \"" + cluster.displayName() + "\" exists already.", e);
            } catch (RuntimeException e) {
                credentials.remove(cluster.id());
                throw e;
            }
        });
    }

    @Override
    public CompletableFuture<ClusterImport> importCluster(String clusterId) {
        return run(() -> {
            Cluster cluster = existing(clusterId);
            if (cluster.type() != Cluster.Type.IMPORTED) {
                throw ApiErrors.invalid("Cluster " + cluster.displayName() + " is " + ClusterKind.valueOf(cluster.type().name())
                        + ", not an imported cluster: only imported clusters run agents.");
            }
            if (imports == null) {
                throw new ApiException(ApiException.Reason.UNAVAILABLE, "Lab mode has no server for agents to dial:"
                        + " run 'drover server' and attach the console to it to import clusters.");
            }
            ImportInstructions instructions = imports.start(cluster.id());
            return new ClusterImport(cluster.id(), instructions.manifestUrl(), instructions.kubectlCommand());
        });
    }

    @Override
    public CompletableFuture<Void> deleteCluster(String clusterId) {
        return run(() -> {
            Cluster cluster = existing(clusterId);
            // any revision: reconcilers update the status all the time, and the name (all we read) never changes
            ClusterRecords.delete(store, List.of(new Write.Delete(ObjectKey.of(Cluster.KIND, cluster.id()), 0),
                    new Write.Delete(ObjectKey.of(CLUSTER_NAME_KIND, ClusterRequests.nameIndexKey(cluster.displayName())), 0)), cluster.id());
            credentials.remove(cluster.id());
            return null;
        });
    }

    @Override
    public Subscription watchClusters(Consumer<ApiEvent<ClusterSummary>> listener) {
        StoreInformer informer = StoreInformer.start(store, Cluster.KIND, commands, event -> listener.accept(toApiEvent(event)));
        return informer::close;
    }

    /**
     * The server's watch endpoint: with {@code afterResourceVersion} positive, only the changes after it
     * (a console resuming after a dropped connection); otherwise every cluster as ADDED, then
     * {@link ClusterStream#onSynced}, then changes. A resume point that is no longer kept ends the watch
     * with {@link ClusterStream#onExpired}. Returns at once; close the subscription to stop (idempotent).
     */
    public Subscription watchClusters(long afterResourceVersion, ClusterStream stream) {
        StoreInformer informer = StoreInformer.start(store, Cluster.KIND, afterResourceVersion, commands, new StoreInformer.Handler() {
            @Override
            public void onEvent(WatchEvent event) {
                stream.onEvent(toApiEvent(event));
            }

            @Override
            public void onSynced(long revision) {
                stream.onSynced(revision);
            }

            @Override
            public void onFailed(StoreException cause) {
                stream.onExpired(cause.getMessage());
            }
        });
        return informer::close;
    }

    // clusters detail, projects, users, node pools, kubeconfig (logic in LocalAdministration; lab acts as LAB_ACTOR)
    private volatile LocalAdministration administration;
    /** The administration commands with an acting user, for the server's routes. */
    public LocalAdministration administration() {
        LocalAdministration current = administration;
        if (current == null) {
            synchronized (this) {
                current = administration;
                if (current == null) {
                    // lab mode keeps exports in the vault beside its store; the server's callers keep their own
                    Path vault = info.mode() == EngineMode.LAB
                            ? Path.of(info.location()).toAbsolutePath().getParent().resolve(RemoteAdministration.VAULT) : null;
                    current = new LocalAdministration(engine, credentials, vault);
                    administration = current;
                }
            }
        }
        return current;
    }

    @Override
    public CompletableFuture<ClusterDetail> getCluster(String clusterId) {
        return administration().getCluster(clusterId);
    }

    @Override
    public CompletableFuture<List<ClusterEvent>> listClusterEvents(String clusterId) {
        return administration().listClusterEvents(clusterId);
    }

    @Override
    public Subscription watchClusterEvents(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        return administration().watchClusterEvents(clusterId, listener);
    }

    @Override
    public CompletableFuture<ProjectSummary> createProject(String clusterId, NewProject request) {
        return administration().createProject(LocalAdministration.LAB_ACTOR, clusterId, request);
    }

    @Override
    public CompletableFuture<Void> deleteProject(String clusterId, String projectId) {
        return administration().deleteProject(LocalAdministration.LAB_ACTOR, clusterId, projectId);
    }

    @Override
    public CompletableFuture<List<NamespaceSummary>> listNamespaces(String clusterId) {
        return administration().listNamespaces(clusterId);
    }

    @Override
    public CompletableFuture<Void> moveNamespace(String clusterId, String namespace, String projectId) {
        return administration().moveNamespace(LocalAdministration.LAB_ACTOR, clusterId, namespace, projectId);
    }

    @Override
    public CompletableFuture<List<Member>> listMembers(String clusterId, String projectId) {
        return administration().listMembers(clusterId, projectId);
    }

    @Override
    public CompletableFuture<Member> addMember(NewMember request) {
        return administration().addMember(LocalAdministration.LAB_ACTOR, request);
    }

    @Override
    public CompletableFuture<Void> removeMember(String clusterId, String bindingId) {
        return administration().removeMember(LocalAdministration.LAB_ACTOR, clusterId, bindingId);
    }

    @Override
    public CompletableFuture<UserSummary> createUser(NewUser request) {
        return administration().createUser(request);
    }

    @Override
    public CompletableFuture<UserSummary> setUserEnabled(String username, boolean enabled) {
        return administration().setUserEnabled(username, enabled);
    }

    @Override
    public CompletableFuture<Void> deleteUser(String username) {
        return administration().deleteUser(username);
    }

    @Override
    public CompletableFuture<NodePoolSummary> scaleNodePool(String clusterId, String poolId, int quantity) {
        return administration().scaleNodePool(LocalAdministration.LAB_ACTOR, clusterId, poolId, quantity);
    }

    @Override
    public CompletableFuture<ExportedKubeconfig> exportKubeconfig(KubeconfigExport request) {
        return administration().exportKubeconfig(request);
    }

    @Override
    public CompletableFuture<Void> saveKubeconfig(String yaml, Path target) {
        return LocalAdministration.saveKubeconfig(yaml, target);
    }

    /** From the store; read-only. NOT_FOUND for an unknown cluster. */
    @Override
    public CompletableFuture<List<ProjectSummary>> listProjects(String clusterId) {
        return run(() -> {
            Cluster cluster = existing(clusterId);
            JsonCodec<dev.drover.engine.model.Project> codec = new JsonCodec<>(dev.drover.engine.model.Project.class);
            return store.list(new ListRequest(dev.drover.engine.model.Project.KIND, cluster.id(),
                            dev.drover.engine.store.LabelSelector.EVERYTHING, 0, null)).items().stream().map(codec::decode)
                    .map(p -> new ProjectSummary(p.clusterId(), p.id(), p.displayName(), p.quota() == null ? null
                            : new ProjectQuota(p.quota().cpu(), p.quota().memory(), p.quota().pods(), p.quota().namespaceCpu(),
                            p.quota().namespaceMemory())))
                    .sorted(Comparator.comparing(ProjectSummary::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
        });
    }

    /** From the store; read-only. NOT_FOUND for an unknown cluster. */
    @Override
    public CompletableFuture<List<NodePoolSummary>> listNodePools(String clusterId) {
        return run(() -> {
            Cluster cluster = existing(clusterId);
            JsonCodec<dev.drover.engine.model.NodePool> codec = new JsonCodec<>(dev.drover.engine.model.NodePool.class);
            return store.list(new ListRequest(dev.drover.engine.model.NodePool.KIND, cluster.id(),
                            dev.drover.engine.store.LabelSelector.EVERYTHING, 0, null)).items().stream().map(codec::decode)
                    .map(p -> new NodePoolSummary(p.clusterId(), p.id(), p.nodeTemplateId(), p.hostnamePrefix(), p.roles(), p.quantity(),
                            p.nodes().stream().map(n -> new PoolNodeStatus(n.name(), n.address(), n.state(), n.unhealthySince())).toList()))
                    .sorted(Comparator.comparing(NodePoolSummary::id)).toList();
        });
    }

    // workloads: the read model and actions as the acting user (LocalWorkloads); lab mode acts as the local admin
    private final AtomicReference<LocalWorkloads> workloads = new AtomicReference<>();
    /** The workloads API with an explicit acting user, for the server's routes. */
    public LocalWorkloads workloads() {
        return workloads.updateAndGet(current -> current != null ? current : new LocalWorkloads(store, engine.workloads(),
                Clock.systemUTC(), info.mode() == EngineMode.LAB ? Impersonation.localAdmin() : null, engine.events()));
    }

    @Override
    public CompletableFuture<List<WorkloadSummary>> listWorkloads(WorkloadQuery query) {
        return workloads().list(query);
    }

    @Override
    public Subscription watchWorkloads(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        return workloads().watch(query, listener);
    }

    @Override
    public CompletableFuture<List<WorkloadSummary>> listPods(WorkloadRef workload) {
        return workloads().pods(workload);
    }

    @Override
    public CompletableFuture<Void> scaleWorkload(WorkloadRef workload, int replicas) {
        return run(() -> workloads().defaultActor()).thenCompose(a -> workloads().scale(a, workload, replicas));
    }

    @Override
    public CompletableFuture<Void> redeployWorkload(WorkloadRef workload) {
        return run(() -> workloads().defaultActor()).thenCompose(a -> workloads().redeploy(a, workload));
    }

    @Override
    public CompletableFuture<Void> deleteWorkload(WorkloadRef workload) {
        return run(() -> workloads().defaultActor()).thenCompose(a -> workloads().delete(a, workload));
    }

    @Override
    public CompletableFuture<String> getWorkloadYaml(WorkloadRef workload) {
        return run(() -> workloads().defaultActor()).thenCompose(a -> workloads().yaml(a, workload));
    }

    @Override
    public CompletableFuture<String> applyWorkloadYaml(WorkloadRef workload, String yaml) {
        return run(() -> workloads().defaultActor()).thenCompose(a -> workloads().applyYaml(a, workload, yaml));
    }

    @Override
    public Subscription followPodLog(PodLogRequest request, LogListener listener) {
        return workloads().followPodLog(workloads().defaultActor(), request, listener);
    }

    /** From the store; read-only. */
    @Override
    public CompletableFuture<List<UserSummary>> listUsers() {
        return run(() -> new AccessQueries(store).users());
    }

    /** From the store; read-only. */
    @Override
    public CompletableFuture<List<RoleTemplateSummary>> listRoleTemplates() {
        return run(() -> new AccessQueries(store).roleTemplates());
    }

    // RKE provisioning (issue #7): LocalProvisioning does the work; only one-line delegations here.
    final LocalProvisioning provisioning = new LocalProvisioning(this::provisioningStore, this::provisioningCredentials, commands);

    private ResourceStore provisioningStore() {
        return store;
    }

    private DownstreamCredentials provisioningCredentials() {
        return credentials;
    }

    @Override
    public CompletableFuture<List<ClusterYamlProblem>> validateClusterYaml(String clusterYaml) {
        return provisioning.validate(clusterYaml);
    }

    @Override
    public CompletableFuture<String> renderClusterYaml(RkeClusterSpec spec) {
        return provisioning.render(spec);
    }

    @Override
    public CompletableFuture<SshTestResult> testSshNode(NodeAccess access) {
        return provisioning.testSsh(access);
    }

    @Override
    public ProvisioningRun provisionRkeCluster(String name, String clusterYaml, ProvisioningListener listener) {
        return provisioning.provision(name, clusterYaml, listener);
    }

    @Override
    public void close() {
        commands.close();
        engine.close();
        try {
            afterEngine.close();
        } catch (Exception e) {
            // shutting down: the engine and store are closed, which is what matters
        }
    }

    private Cluster existing(String clusterId) {
        ObjectKey key = ObjectKey.of(Cluster.KIND, clusterId == null || clusterId.isBlank() ? "-" : clusterId);
        return store.get(key).map(clusters::decode).orElseThrow(() ->
                new ApiException(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist."));
    }

    private ApiEvent<ClusterSummary> toApiEvent(WatchEvent event) {
        return new ApiEvent<>(ApiEvent.Type.valueOf(event.type().name()),
                ClusterRequests.summary(clusters.decode(event.object()), event.revision()));
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
