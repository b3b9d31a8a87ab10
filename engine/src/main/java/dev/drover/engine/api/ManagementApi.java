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

    // ---- Additions for the console views (issues #5, #6). Every method below: callable from any thread,
    // returns at once, completes on an engine thread. Until an implementation overrides one, it fails with
    // UNAVAILABLE ("not implemented yet"), so console code written against it compiles and degrades clearly.

    /** Conditions, live nodes and recent events of one cluster. Read-only, idempotent; NOT_FOUND for an unknown cluster. */
    default CompletableFuture<ClusterDetail> getCluster(String clusterId) {
        return ManagementApiDefaults.notYet("cluster detail");
    }

    /** The cluster's recent events, newest first (bounded retention per cluster). Read-only. */
    default CompletableFuture<List<ClusterEvent>> listClusterEvents(String clusterId) {
        return ManagementApiDefaults.notYet("cluster events");
    }

    /** Streams the cluster's events: existing ones as ADDED, then new ones. Listener on an engine thread; close to stop. */
    default Subscription watchClusterEvents(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        throw ManagementApiDefaults.notYetException("cluster event watch");
    }

    /** Projects of a cluster, sorted by display name. Read-only. */
    default CompletableFuture<List<ProjectSummary>> listProjects(String clusterId) {
        return ManagementApiDefaults.notYet("projects");
    }

    /** Creates a project; ALREADY_EXISTS for a taken display name, INVALID for a bad quota. Not idempotent. */
    default CompletableFuture<ProjectSummary> createProject(String clusterId, NewProject request) {
        return ManagementApiDefaults.notYet("projects");
    }

    /** Deletes a project and its bindings; its namespaces stay (they leave the project). NOT_FOUND if gone. */
    default CompletableFuture<Void> deleteProject(String clusterId, String projectId) {
        return ManagementApiDefaults.notYet("projects");
    }

    /** The cluster's namespaces with their project, read from the engine's cache (no call downstream). */
    default CompletableFuture<List<NamespaceSummary>> listNamespaces(String clusterId) {
        return ManagementApiDefaults.notYet("namespaces");
    }

    /** Moves a namespace into {@code projectId} (empty: out of any project) by setting drover.dev/project-id. Idempotent. */
    default CompletableFuture<Void> moveNamespace(String clusterId, String namespace, String projectId) {
        return ManagementApiDefaults.notYet("namespace moves");
    }

    /** Role bindings of a cluster ({@code projectId} empty) or of one project. Read-only. */
    default CompletableFuture<List<Member>> listMembers(String clusterId, String projectId) {
        return ManagementApiDefaults.notYet("members");
    }

    /** Adds a role binding; INVALID for an unknown role template or one of the wrong context. Not idempotent. */
    default CompletableFuture<Member> addMember(NewMember request) {
        return ManagementApiDefaults.notYet("members");
    }

    /** Removes a role binding; NOT_FOUND if gone. */
    default CompletableFuture<Void> removeMember(String clusterId, String bindingId) {
        return ManagementApiDefaults.notYet("members");
    }

    /** Every user, sorted by user name. Read-only. */
    default CompletableFuture<List<UserSummary>> listUsers() {
        return ManagementApiDefaults.notYet("users");
    }

    /** Creates a local user (password hashed at rest); ALREADY_EXISTS, INVALID for a weak password. */
    default CompletableFuture<UserSummary> createUser(NewUser request) {
        return ManagementApiDefaults.notYet("users");
    }

    /** Enables or disables a user (disabled: cannot log in, tokens stop working). Idempotent. */
    default CompletableFuture<UserSummary> setUserEnabled(String username, boolean enabled) {
        return ManagementApiDefaults.notYet("users");
    }

    /** Deletes a user and their tokens and bindings; NOT_FOUND if gone. */
    default CompletableFuture<Void> deleteUser(String username) {
        return ManagementApiDefaults.notYet("users");
    }

    /** Every role template, built-ins first. Read-only. */
    default CompletableFuture<List<RoleTemplateSummary>> listRoleTemplates() {
        return ManagementApiDefaults.notYet("role templates");
    }

    /** Node pools of a cluster with quantity and observed nodes. Read-only. */
    default CompletableFuture<List<NodePoolSummary>> listNodePools(String clusterId) {
        return ManagementApiDefaults.notYet("node pools");
    }

    /** Sets a pool's desired quantity (the provisioner acts on it). Idempotent; INVALID for a negative quantity. */
    default CompletableFuture<NodePoolSummary> scaleNodePool(String clusterId, String poolId, int quantity) {
        return ManagementApiDefaults.notYet("node pools");
    }

    // ---- RKE provisioning (issue #7), for the cluster wizard. Until an implementation overrides them these fail with
    // UNAVAILABLE: provisioning runs from the console in lab mode (LocalManagementApi), where the engine reaches the machines.

    /**
     * Problems of a cluster.yml by line and field, empty when it can be provisioned. Pure and fast (the wizard calls it
     * as the user types, debounced); callable from any thread, completes on an engine thread. Never fails for bad YAML:
     * that is a problem in the list.
     */
    default CompletableFuture<List<ClusterYamlProblem>> validateClusterYaml(String clusterYaml) {
        return CompletableFuture.failedFuture(provisioningUnavailable());
    }

    /**
     * The cluster.yml (RKE's format) for the wizard's answers, commented and with RKE's defaults spelled out. Pure;
     * INVALID when a field cannot be written (e.g. no name). Completes on an engine thread.
     */
    default CompletableFuture<String> renderClusterYaml(RkeClusterSpec spec) {
        return CompletableFuture.failedFuture(provisioningUnavailable());
    }

    /**
     * Logs in to a machine over SSH and checks it can run cluster components; changes nothing but recording its host
     * key on first use. Takes up to the connect timeout (15 s); completes on an engine thread with what was found
     * (an unreachable machine is a result, not a failure; INVALID only for an incomplete {@code access}).
     */
    default CompletableFuture<SshTestResult> testSshNode(NodeAccess access) {
        return CompletableFuture.failedFuture(provisioningUnavailable());
    }

    /**
     * Builds an RKE cluster from {@code clusterYaml} on its machines and, on success, registers it as {@code name}
     * (kind RKE, then listed by {@link #listClusters()}). Returns at once; {@code listener} receives the progress on
     * an engine thread (see {@link ProvisioningListener}), ending with exactly one Succeeded or Failed event. A bad
     * name or cluster.yml, or a name already taken, ends the run with Failed before any machine is touched. Not
     * idempotent, but resumable: after a failure or a cancel, running again with the same name continues from the
     * last completed plane.
     */
    default ProvisioningRun provisionRkeCluster(String name, String clusterYaml, ProvisioningListener listener) {
        throw provisioningUnavailable();
    }

    private static ApiException provisioningUnavailable() {
        return new ApiException(ApiException.Reason.UNAVAILABLE, "This engine does not offer RKE provisioning:"
                + " provisioning runs from the console in lab mode, where the engine reaches the machines over SSH.");
    }

    /** Workloads matching the query from the engine's read model, sorted by namespace and name. Read-only. */
    default CompletableFuture<List<WorkloadSummary>> listWorkloads(WorkloadQuery query) {
        return ManagementApiDefaults.notYet("workloads");
    }

    /**
     * Streams workload changes as {@link WorkloadBatch}es (first a snapshot, then changes coalesced per
     * workload about every 100 ms, so 1,000 updates/s arrive as ~10 calls). Listener on an engine thread.
     */
    default Subscription watchWorkloads(WorkloadQuery query, Consumer<WorkloadBatch> listener) {
        throw ManagementApiDefaults.notYetException("workload watch");
    }

    /** Pods owned by a workload. Read-only. */
    default CompletableFuture<List<WorkloadSummary>> listPods(WorkloadRef workload) {
        return ManagementApiDefaults.notYet("pods");
    }

    /**
     * Sets replicas, through the auth proxy path as the acting user (impersonated): FORBIDDEN when the
     * cluster refuses that user. Idempotent. Same for the actions below.
     */
    default CompletableFuture<Void> scaleWorkload(WorkloadRef workload, int replicas) {
        return ManagementApiDefaults.notYet("workload actions");
    }

    /** Rollout restart: patches the pod template annotation kubectl.kubernetes.io/restartedAt. As the acting user. */
    default CompletableFuture<Void> redeployWorkload(WorkloadRef workload) {
        return ManagementApiDefaults.notYet("workload actions");
    }

    /** Deletes the workload or pod, as the acting user. NOT_FOUND if gone. */
    default CompletableFuture<Void> deleteWorkload(WorkloadRef workload) {
        return ManagementApiDefaults.notYet("workload actions");
    }

    /** The object's YAML (managedFields dropped), read as the acting user. */
    default CompletableFuture<String> getWorkloadYaml(WorkloadRef workload) {
        return ManagementApiDefaults.notYet("workload YAML");
    }

    /** Replaces the object with edited YAML as the acting user; CONFLICT if changed meanwhile, INVALID for bad YAML. Returns the stored YAML. */
    default CompletableFuture<String> applyWorkloadYaml(WorkloadRef workload, String yaml) {
        return ManagementApiDefaults.notYet("workload YAML");
    }

    /** Streams a pod's log lines (as the acting user) to {@code listener} on an engine thread; close to stop. */
    default Subscription followPodLog(PodLogRequest request, LogListener listener) {
        throw ManagementApiDefaults.notYetException("pod logs");
    }

    /** Builds a kubeconfig for the clusters and keeps a copy in the local vault (for offline recovery). Not idempotent: issues a token. */
    default CompletableFuture<ExportedKubeconfig> exportKubeconfig(KubeconfigExport request) {
        return ManagementApiDefaults.notYet("kubeconfig export");
    }

    /** Writes kubeconfig YAML to {@code target} on this machine with mode 0600 (replacing it). */
    default CompletableFuture<Void> saveKubeconfig(String yaml, java.nio.file.Path target) {
        return ManagementApiDefaults.notYet("kubeconfig save");
    }

    /** Stops the engine (lab) or the connection (remote). Idempotent; blocks until released. */
    @Override
    void close();
}
