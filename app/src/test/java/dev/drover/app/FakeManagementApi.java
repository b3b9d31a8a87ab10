package dev.drover.app;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterDetail;
import dev.drover.engine.api.ClusterEvent;
import dev.drover.engine.api.ExportedKubeconfig;
import dev.drover.engine.api.KubeconfigExport;
import dev.drover.engine.api.LogListener;
import dev.drover.engine.api.Member;
import dev.drover.engine.api.NamespaceSummary;
import dev.drover.engine.api.NewMember;
import dev.drover.engine.api.NewProject;
import dev.drover.engine.api.NewUser;
import dev.drover.engine.api.NodePoolSummary;
import dev.drover.engine.api.PodLogRequest;
import dev.drover.engine.api.ProjectSummary;
import dev.drover.engine.api.RoleTemplateSummary;
import dev.drover.engine.api.UserSummary;
import dev.drover.engine.api.WorkloadBatch;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadSummary;
import java.nio.file.Path;
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

    /** Cluster details, events, projects, users, node pools and kubeconfigs; seed them through it. */
    public final FakeAdmin admin = new FakeAdmin();
    /** Workloads, pods, YAML and logs; seed them through it. */
    public final FakeWorkloads workloads = new FakeWorkloads();
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

    // ---- The console-view additions, delegated to the two halves.

    @Override
    public CompletableFuture<ClusterDetail> getCluster(String clusterId) {
        return admin.getCluster(clusterId);
    }

    @Override
    public CompletableFuture<List<ClusterEvent>> listClusterEvents(String clusterId) {
        return admin.listEvents(clusterId);
    }

    @Override
    public Subscription watchClusterEvents(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        return admin.watchEvents(clusterId, listener);
    }

    @Override
    public CompletableFuture<List<ProjectSummary>> listProjects(String clusterId) {
        return admin.listProjects(clusterId);
    }

    @Override
    public CompletableFuture<ProjectSummary> createProject(String clusterId, NewProject request) {
        return admin.createProject(clusterId, request);
    }

    @Override
    public CompletableFuture<List<NamespaceSummary>> listNamespaces(String clusterId) {
        return admin.listNamespaces(clusterId);
    }

    @Override
    public CompletableFuture<Void> moveNamespace(String clusterId, String namespace, String projectId) {
        return admin.moveNamespace(clusterId, namespace, projectId);
    }

    @Override
    public CompletableFuture<List<Member>> listMembers(String clusterId, String projectId) {
        return admin.listMembers(clusterId, projectId);
    }

    @Override
    public CompletableFuture<Member> addMember(NewMember request) {
        return admin.addMember(request);
    }

    @Override
    public CompletableFuture<Void> removeMember(String clusterId, String bindingId) {
        return admin.removeMember(clusterId, bindingId);
    }

    @Override
    public CompletableFuture<List<UserSummary>> listUsers() {
        return admin.listUsers();
    }

    @Override
    public CompletableFuture<UserSummary> createUser(NewUser request) {
        return admin.createUser(request);
    }

    @Override
    public CompletableFuture<UserSummary> setUserEnabled(String username, boolean enabled) {
        return admin.setEnabled(username, enabled);
    }

    @Override
    public CompletableFuture<Void> deleteUser(String username) {
        return admin.deleteUser(username);
    }

    @Override
    public CompletableFuture<List<RoleTemplateSummary>> listRoleTemplates() {
        return CompletableFuture.completedFuture(FakeAdmin.BUILT_IN_ROLES);
    }

    @Override
    public CompletableFuture<List<NodePoolSummary>> listNodePools(String clusterId) {
        return admin.listPools(clusterId);
    }

    @Override
    public CompletableFuture<NodePoolSummary> scaleNodePool(String clusterId, String poolId, int quantity) {
        return admin.scalePool(clusterId, poolId, quantity);
    }

    @Override
    public CompletableFuture<List<WorkloadSummary>> listWorkloads(WorkloadQuery query) {
        return workloads.list(query);
    }

    @Override
    public Subscription watchWorkloads(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        return workloads.watch(query, listener);
    }

    @Override
    public CompletableFuture<List<WorkloadSummary>> listPods(WorkloadRef workload) {
        return workloads.pods(workload);
    }

    @Override
    public CompletableFuture<Void> scaleWorkload(WorkloadRef workload, int replicas) {
        return workloads.scale(workload, replicas);
    }

    @Override
    public CompletableFuture<Void> redeployWorkload(WorkloadRef workload) {
        return workloads.redeploy(workload);
    }

    @Override
    public CompletableFuture<Void> deleteWorkload(WorkloadRef workload) {
        return workloads.delete(workload);
    }

    @Override
    public CompletableFuture<String> getWorkloadYaml(WorkloadRef workload) {
        return workloads.getYaml(workload);
    }

    @Override
    public CompletableFuture<String> applyWorkloadYaml(WorkloadRef workload, String yaml) {
        return workloads.applyYaml(workload, yaml);
    }

    @Override
    public Subscription followPodLog(PodLogRequest request, LogListener listener) {
        return workloads.follow(request, listener);
    }

    @Override
    public CompletableFuture<ExportedKubeconfig> exportKubeconfig(KubeconfigExport request) {
        return admin.export(request);
    }

    @Override
    public CompletableFuture<Void> saveKubeconfig(String yaml, Path target) {
        return admin.save(yaml, target);
    }

    @Override
    public void close() {
        closed = true;
        watchers.clear();
    }
}
