package dev.drover.engine.api;

import dev.drover.engine.api.wire.ApiPaths;
import dev.drover.engine.api.wire.ClusterList;
import dev.drover.engine.api.wire.LoginRequest;
import dev.drover.engine.api.wire.LoginResponse;
import dev.drover.engine.api.wire.ServerInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The console's view of an engine on a shared {@code drover server}: the {@link ManagementApi} over
 * HTTPS (JSON) with WebSocket watches, trusting only the server CA that {@link CaPin} accepted.
 *
 * <p>Commands complete their futures on this client's threads. Watches reconnect by themselves after a
 * dropped connection and resume where they left off (see {@link RemoteClusterWatch} and {@link ResumingSocket}).
 */
public final class RemoteManagementApi implements ManagementApi {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RemoteHttp http;
    private final EngineInfo info;
    private final String username;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("drover-remote-timer").factory());
    private final Set<Subscription> watches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RemoteManagementApi(RemoteHttp http, ServerInfo server) {
        this.http = http;
        this.info = new EngineInfo(EngineMode.REMOTE, http.server().toString(), server.version());
        this.username = server.username();
    }

    /**
     * Attaches to the server at {@code server} ({@code https://host:port}): fetches its CA, lets
     * {@code pin} decide whether to trust it, then logs in over TLS trusting only that CA. Blocking
     * (network, and the server hashes passwords): call it off the FX thread. Fails with
     * {@link ApiException}: {@link ApiException.Reason#UNTRUSTED} when the CA is refused (the message
     * names both fingerprints), {@link ApiException.Reason#UNAUTHENTICATED} for wrong credentials,
     * {@link ApiException.Reason#UNAVAILABLE} when the server cannot be reached, INVALID for a bad URL.
     */
    public static RemoteManagementApi connect(URI server, CaPin pin, Credentials credentials) {
        URI base = normalize(server);
        SSLContext tls = PinnedTls.pin(base, pin, TIMEOUT);
        RemoteHttp http = new RemoteHttp(base, tls, TIMEOUT);
        try {
            if (credentials.token() != null) {
                http.useToken(credentials.token());
            } else {
                char[] password = credentials.passwordCopy();
                try {
                    LoginResponse login = await(http.call("POST", ApiPaths.LOGIN,
                            new LoginRequest(credentials.provider(), credentials.username(), new String(password)), LoginResponse.class));
                    http.useToken(login.token());
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
            }
            return new RemoteManagementApi(http, await(http.call("GET", ApiPaths.INFO, null, ServerInfo.class)));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    private static URI normalize(URI server) {
        if (server == null || !"https".equalsIgnoreCase(server.getScheme()) || server.getHost() == null) {
            throw new ApiException(ApiException.Reason.INVALID, "server: an https:// URL of a Drover server is required, got " + server + ".");
        }
        return URI.create("https://" + server.getRawAuthority() + "/");
    }

    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ApiException api ? api
                    : new ApiException(ApiException.Reason.UNAVAILABLE, PinnedTls.describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "The server did not answer in time.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Interrupted while connecting.", e);
        }
    }

    /** Mode REMOTE, the server's URL, the server's version. */
    @Override
    public EngineInfo info() {
        return info;
    }

    /** The user this console is logged in as. Cheap; any thread. */
    public String username() {
        return username;
    }

    @Override
    public CompletableFuture<List<ClusterSummary>> listClusters() {
        return http.call("GET", ApiPaths.CLUSTERS, null, ClusterList.class).thenApply(ClusterList::items);
    }

    @Override
    public CompletableFuture<ClusterSummary> createCluster(NewCluster request) {
        if (request == null) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.INVALID, "A cluster request is required."));
        }
        return http.call("POST", ApiPaths.CLUSTERS, request, ClusterSummary.class);
    }

    @Override
    public CompletableFuture<ClusterImport> importCluster(String clusterId) {
        return http.call("POST", ApiPaths.cluster(blankAsDash(clusterId)) + ApiPaths.IMPORT_ACTION, null, ClusterImport.class);
    }

    @Override
    public CompletableFuture<Void> deleteCluster(String clusterId) {
        return http.call("DELETE", ApiPaths.cluster(blankAsDash(clusterId)), null, Void.class);
    }

    // clusters detail, projects, users, node pools, kubeconfig (logic in RemoteAdministration)
    private volatile RemoteAdministration administration;

    private RemoteAdministration admin() {
        RemoteAdministration current = administration;
        if (current == null) {
            synchronized (this) {
                current = administration;
                if (current == null) {
                    current = new RemoteAdministration(http, timers, watches);
                    administration = current;
                }
            }
        }
        return current;
    }

    @Override
    public CompletableFuture<ClusterDetail> getCluster(String clusterId) {
        return admin().getCluster(clusterId);
    }

    @Override
    public CompletableFuture<List<ClusterEvent>> listClusterEvents(String clusterId) {
        return admin().listClusterEvents(clusterId);
    }

    @Override
    public Subscription watchClusterEvents(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        checkOpen();
        return admin().watchClusterEvents(clusterId, listener);
    }

    @Override
    public CompletableFuture<ProjectSummary> createProject(String clusterId, NewProject request) {
        return admin().createProject(clusterId, request);
    }

    @Override
    public CompletableFuture<Void> deleteProject(String clusterId, String projectId) {
        return admin().deleteProject(clusterId, projectId);
    }

    @Override
    public CompletableFuture<List<NamespaceSummary>> listNamespaces(String clusterId) {
        return admin().listNamespaces(clusterId);
    }

    @Override
    public CompletableFuture<Void> moveNamespace(String clusterId, String namespace, String projectId) {
        return admin().moveNamespace(clusterId, namespace, projectId);
    }

    @Override
    public CompletableFuture<List<Member>> listMembers(String clusterId, String projectId) {
        return admin().listMembers(clusterId, projectId);
    }

    @Override
    public CompletableFuture<Member> addMember(NewMember request) {
        return admin().addMember(request);
    }

    @Override
    public CompletableFuture<Void> removeMember(String clusterId, String bindingId) {
        return admin().removeMember(clusterId, bindingId);
    }

    @Override
    public CompletableFuture<UserSummary> createUser(NewUser request) {
        return admin().createUser(request);
    }

    @Override
    public CompletableFuture<UserSummary> setUserEnabled(String username, boolean enabled) {
        return admin().setUserEnabled(username, enabled);
    }

    @Override
    public CompletableFuture<Void> deleteUser(String username) {
        return admin().deleteUser(username);
    }

    @Override
    public CompletableFuture<NodePoolSummary> scaleNodePool(String clusterId, String poolId, int quantity) {
        return admin().scaleNodePool(clusterId, poolId, quantity);
    }

    @Override
    public CompletableFuture<ExportedKubeconfig> exportKubeconfig(KubeconfigExport request) {
        return admin().exportKubeconfig(request);
    }

    @Override
    public CompletableFuture<Void> saveKubeconfig(String yaml, java.nio.file.Path target) {
        return LocalAdministration.saveKubeconfig(yaml, target);
    }

    @Override
    public CompletableFuture<List<ProjectSummary>> listProjects(String clusterId) {
        return http.call("GET", ApiPaths.cluster(blankAsDash(clusterId)) + ApiPaths.PROJECTS, null, ProjectSummary[].class)
                .thenApply(List::of);
    }

    @Override
    public CompletableFuture<List<NodePoolSummary>> listNodePools(String clusterId) {
        return http.call("GET", ApiPaths.cluster(blankAsDash(clusterId)) + ApiPaths.NODE_POOLS, null, NodePoolSummary[].class)
                .thenApply(List::of);
    }

    // workloads: JSON calls and WebSockets under /v3/clusters/<id>/workloads (RemoteWorkloads); the server acts as this user
    private final java.util.concurrent.atomic.AtomicReference<RemoteWorkloads> workloads = new java.util.concurrent.atomic.AtomicReference<>();
    private RemoteWorkloads workloads() {
        return workloads.updateAndGet(w -> w != null ? w : new RemoteWorkloads(http, timers, watches));
    }

    @Override
    public CompletableFuture<List<WorkloadSummary>> listWorkloads(WorkloadQuery query) {
        return workloads().list(query);
    }

    @Override
    public Subscription watchWorkloads(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        checkOpen(); return workloads().watch(query, listener);
    }

    @Override
    public CompletableFuture<List<WorkloadSummary>> listPods(WorkloadRef workload) {
        return workloads().pods(workload);
    }

    @Override
    public CompletableFuture<Void> scaleWorkload(WorkloadRef workload, int replicas) {
        return workloads().scale(workload, replicas);
    }

    @Override
    public CompletableFuture<Void> redeployWorkload(WorkloadRef workload) {
        return workloads().redeploy(workload);
    }

    @Override
    public CompletableFuture<Void> deleteWorkload(WorkloadRef workload) {
        return workloads().delete(workload);
    }

    @Override
    public CompletableFuture<String> getWorkloadYaml(WorkloadRef workload) {
        return workloads().yaml(workload);
    }

    @Override
    public CompletableFuture<String> applyWorkloadYaml(WorkloadRef workload, String yaml) {
        return workloads().applyYaml(workload, yaml);
    }

    @Override
    public Subscription followPodLog(PodLogRequest request, LogListener listener) {
        checkOpen();
        return workloads().followPodLog(request, listener);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "The connection to " + http.server() + " is closed.");
        }
    }

    @Override
    public CompletableFuture<List<UserSummary>> listUsers() {
        return http.call("GET", ApiPaths.USERS, null, UserSummary[].class).thenApply(List::of);
    }

    @Override
    public CompletableFuture<List<RoleTemplateSummary>> listRoleTemplates() {
        return http.call("GET", ApiPaths.ROLE_TEMPLATES, null, RoleTemplateSummary[].class).thenApply(List::of);
    }

    // RKE provisioning (issue #7): RemoteProvisioning does the work; only one-line delegations here.
    private final RemoteProvisioning provisioning = new RemoteProvisioning(this::provisioningHttp);

    private RemoteHttp provisioningHttp() {
        return http;
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
    public Subscription watchClusters(Consumer<ApiEvent<ClusterSummary>> listener) {
        if (closed.get()) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "The connection to " + http.server() + " is closed.");
        }
        RemoteClusterWatch watch = new RemoteClusterWatch(http, listener, timers);
        watches.add(watch);
        return () -> {
            watches.remove(watch);
            watch.close();
        };
    }

    /** Ends every watch and the connection. Idempotent; the server-side token stays valid until it expires. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watches.forEach(Subscription::close);
        watches.clear();
        timers.shutdownNow();
        http.close();
    }

    private static String blankAsDash(String clusterId) {
        return clusterId == null || clusterId.isBlank() ? "-" : clusterId;
    }
}
