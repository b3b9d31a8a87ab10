package dev.drover.engine.core;

import dev.drover.engine.auth.Authenticator;
import dev.drover.engine.auth.LocalUsers;
import dev.drover.engine.auth.Logins;
import dev.drover.engine.auth.PasswordHasher;
import dev.drover.engine.auth.TokenService;
import dev.drover.engine.downstream.DownstreamClients;
import dev.drover.engine.events.ClusterEvents;
import dev.drover.engine.events.ConditionEvents;
import dev.drover.engine.events.ReconcileFailures;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.model.Token;
import dev.drover.engine.model.User;
import dev.drover.engine.reconcile.ClusterStatusUpdater;
import dev.drover.engine.reconcile.clusterconnected.ClusterConnectedReconciler;
import dev.drover.engine.reconcile.clusterhealth.ClusterHealthReconciler;
import dev.drover.engine.reconcile.kubeapiauth.KubeApiAuthReconciler;
import dev.drover.engine.reconcile.nodepool.NodePoolReconciler;
import dev.drover.engine.reconcile.projectnamespaces.ProjectNamespacesReconciler;
import dev.drover.engine.reconcile.rbacsync.RbacSyncReconciler;
import dev.drover.engine.reconcile.tokencleanup.TokenCleanupReconciler;
import dev.drover.engine.reconcile.workloadcache.WorkloadCacheReconciler;
import dev.drover.engine.runtime.Leadership;
import dev.drover.engine.runtime.ReconcileLoop;
import dev.drover.engine.runtime.ReconcilerRegistry;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreInformer;
import dev.drover.engine.store.WatchEvent;
import dev.drover.engine.tunnel.SessionManager;
import dev.drover.engine.workloads.WorkloadsReadModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The engine in one object: the store, authentication and every reconcile loop, wired together with
 * the store watches that trigger them. Built once per process by an entry point (lab console or
 * server) and closed on exit; it owns the store from then on.
 */
public final class Engine implements AutoCloseable {

    /** Per-cluster loops use many virtual-thread workers so that a few dead clusters never starve the rest. */
    static final ReconcileLoop.Settings PER_CLUSTER = ReconcileLoop.Settings.DEFAULTS.withWorkers(32);

    private final ResourceStore store;
    private final LocalUsers users;
    private final TokenService tokens;
    private final Logins logins;
    private final ClusterEvents events;
    private DownstreamClients downstream;
    private final ReconcilerRegistry reconcilers = new ReconcilerRegistry();
    private WorkloadsReadModel workloads;
    private final ExecutorService informerThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("engine-informer-", 0).factory());
    private final List<StoreInformer> informers = new ArrayList<>();

    private Engine(ResourceStore store, Clock clock, List<Authenticator> externalProviders, PasswordHasher hasher) {
        this.store = store;
        this.users = new LocalUsers(store, hasher);
        this.tokens = new TokenService(store, clock, users::find);
        List<Authenticator> providers = new ArrayList<>();
        providers.add(users);
        providers.addAll(externalProviders);
        this.logins = new Logins(store, providers, tokens);
        this.events = new ClusterEvents(store, clock);
    }

    /**
     * Seeds built-in data and starts every reconciler, for a process without agent tunnels (lab mode).
     * Blocking (store I/O); call it from the entry point's start-up thread.
     */
    public static Engine start(ResourceStore store, DownstreamClients clients, Clock clock, Leadership leadership,
                               List<Authenticator> externalProviders) {
        return start(store, clients, clock, leadership, externalProviders, null);
    }

    /**
     * As {@link #start(ResourceStore, DownstreamClients, Clock, Leadership, List)}, for a server whose
     * agents connect through {@code tunnels}: adds the {@value ClusterConnectedReconciler#NAME} loop,
     * triggered by every session change.
     */
    public static Engine start(ResourceStore store, DownstreamClients clients, Clock clock, Leadership leadership,
                               List<Authenticator> externalProviders, SessionManager tunnels) {
        Engine engine = new Engine(store, clock, externalProviders, new PasswordHasher());
        BuiltinData.seed(store);
        engine.registerReconcilers(clients, clock, tunnels);
        engine.reconcilers.start(leadership);
        engine.startTriggers();
        if (tunnels != null) {
            tunnels.addListener(clusterId -> engine.reconcilers.enqueue(ClusterConnectedReconciler.NAME, clusterId));
        }
        return engine;
    }

    private void registerReconcilers(DownstreamClients clients, Clock clock, SessionManager tunnels) {
        downstream = clients;
        ClusterStatusUpdater statuses = new ClusterStatusUpdater(store, new ConditionEvents(events));
        if (tunnels != null) {
            reconcilers.register(ClusterConnectedReconciler.NAME, false, () -> new ReconcileLoop<>(ClusterConnectedReconciler.NAME,
                    ReconcileFailures.reporting(events, ClusterConnectedReconciler.NAME, new ClusterConnectedReconciler(tunnels, statuses, clock)), PER_CLUSTER, this::clusterIds));
        }
        workloads = new WorkloadsReadModel(clients);
        reconcilers.register(ClusterHealthReconciler.NAME, false, () -> new ReconcileLoop<>(ClusterHealthReconciler.NAME,
                ReconcileFailures.reporting(events, ClusterHealthReconciler.NAME, new ClusterHealthReconciler(clients, statuses, clock, workloads::podRequests)), PER_CLUSTER, this::clusterIds));
        reconcilers.register(KubeApiAuthReconciler.NAME, false, () -> new ReconcileLoop<>(KubeApiAuthReconciler.NAME,
                ReconcileFailures.reporting(events, KubeApiAuthReconciler.NAME, new KubeApiAuthReconciler(store, clients, clock)), PER_CLUSTER, this::clusterIds));
        reconcilers.register(NodePoolReconciler.NAME, true, () -> new ReconcileLoop<>(NodePoolReconciler.NAME, ReconcileFailures.reporting(events, NodePoolReconciler.NAME, NodePoolReconciler.inDataDirectory(store, clock)), PER_CLUSTER, this::clusterIds));
        reconcilers.register(ProjectNamespacesReconciler.NAME, false, () -> new ReconcileLoop<>(ProjectNamespacesReconciler.NAME,
                ReconcileFailures.reporting(events, ProjectNamespacesReconciler.NAME, new ProjectNamespacesReconciler(store, clients)), PER_CLUSTER, this::clusterIds));
        reconcilers.register(RbacSyncReconciler.NAME, false, () -> new ReconcileLoop<>(RbacSyncReconciler.NAME,
                ReconcileFailures.reporting(events, RbacSyncReconciler.NAME, new RbacSyncReconciler(store, clients)), PER_CLUSTER, this::clusterIds));
        reconcilers.register(WorkloadCacheReconciler.NAME, false, () -> new ReconcileLoop<>(WorkloadCacheReconciler.NAME,
                ReconcileFailures.reporting(events, WorkloadCacheReconciler.NAME, new WorkloadCacheReconciler(store, workloads)), PER_CLUSTER, this::clusterIds));
        reconcilers.register(TokenCleanupReconciler.NAME, true, () -> new ReconcileLoop<>(TokenCleanupReconciler.NAME,
                new TokenCleanupReconciler(tokens), ReconcileLoop.Settings.DEFAULTS.withWorkers(1),
                () -> List.of(TokenCleanupReconciler.KEY)));
    }

    /** Store changes that mean a cluster needs another look. */
    private void startTriggers() {
        workloads.addMembershipListener(clusterId -> {
            reconcilers.enqueue(ProjectNamespacesReconciler.NAME, clusterId);
            reconcilers.enqueue(RbacSyncReconciler.NAME, clusterId);
        });
        informers.add(StoreInformer.start(store, Cluster.KIND, informerThreads, event -> clusterChanged(event.object().key().name())));
        informers.add(StoreInformer.start(store, Project.KIND, informerThreads, this::clusterScopedChanged));
        informers.add(StoreInformer.start(store, RoleBinding.KIND, informerThreads, this::clusterScopedChanged));
        informers.add(StoreInformer.start(store, RoleTemplate.KIND, informerThreads,
                event -> clusterIds().forEach(id -> reconcilers.enqueue(RbacSyncReconciler.NAME, id))));
        // a token issued, used, revoked or its user disabled changes what kube-api-auth must accept everywhere
        informers.add(StoreInformer.start(store, Token.KIND, informerThreads,
                event -> clusterIds().forEach(id -> reconcilers.enqueue(KubeApiAuthReconciler.NAME, id))));
        informers.add(StoreInformer.start(store, User.KIND, informerThreads,
                event -> clusterIds().forEach(id -> reconcilers.enqueue(KubeApiAuthReconciler.NAME, id))));
    }

    private void clusterChanged(String clusterId) {
        reconcilers.enqueue(ClusterConnectedReconciler.NAME, clusterId);
        reconcilers.enqueue(ClusterHealthReconciler.NAME, clusterId);
        reconcilers.enqueue(KubeApiAuthReconciler.NAME, clusterId);
        reconcilers.enqueue(ProjectNamespacesReconciler.NAME, clusterId);
        reconcilers.enqueue(RbacSyncReconciler.NAME, clusterId);
        reconcilers.enqueue(WorkloadCacheReconciler.NAME, clusterId);
    }

    private void clusterScopedChanged(WatchEvent event) {
        String clusterId = event.object().key().namespace();
        reconcilers.enqueue(ProjectNamespacesReconciler.NAME, clusterId);
        reconcilers.enqueue(RbacSyncReconciler.NAME, clusterId);
    }

    private List<String> clusterIds() {
        return store.list(ListRequest.all(Cluster.KIND)).items().stream().map(o -> o.key().name()).toList();
    }

    public ResourceStore store() {
        return store;
    }

    public LocalUsers users() {
        return users;
    }

    public TokenService tokens() {
        return tokens;
    }

    public Logins logins() {
        return logins;
    }

    /** Live workloads and pods of every reachable cluster. */
    public WorkloadsReadModel workloads() {
        return workloads;
    }

    /** Where engine code and API commands record cluster events (condition changes, user actions). */
    public ClusterEvents events() {
        return events;
    }

    /** Drover's own clients of each downstream cluster (shared, never closed by callers). */
    public DownstreamClients downstream() {
        return downstream;
    }

    public ReconcilerRegistry reconcilers() {
        return reconcilers;
    }

    /** Stops triggers and reconcilers, then closes the store. Idempotent. */
    @Override
    public void close() {
        informers.forEach(StoreInformer::close);
        reconcilers.close();
        workloads.close();
        informerThreads.shutdownNow();
        store.close();
    }
}
