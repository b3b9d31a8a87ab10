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
import dev.drover.engine.runtime.Ownership;
import dev.drover.engine.runtime.ReconcileLoop;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.runtime.ReconcilerRegistry;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreInformer;
import dev.drover.engine.store.WatchEvent;
import dev.drover.engine.tunnel.AgentPresence;
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
    /** This replica's share of the clusters: per-cluster loops reconcile only those. */
    private Ownership ownership = Ownership.all();
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
        return start(store, clients, clock, leadership, externalProviders,
                tunnels == null ? null : AgentPresence.local(tunnels, null), Ownership.all());
    }

    /**
     * As {@link #start(ResourceStore, DownstreamClients, Clock, Leadership, List, SessionManager)}, for one of
     * several replicas (issue #9): {@code agents} sees every replica's agent sessions, and the per-cluster
     * loops ({@value ClusterConnectedReconciler#NAME}, {@value ClusterHealthReconciler#NAME},
     * {@value KubeApiAuthReconciler#NAME}, {@value ProjectNamespacesReconciler#NAME},
     * {@value RbacSyncReconciler#NAME}) reconcile only the clusters {@code ownership} gives this replica,
     * handing them over when it changes; {@value WorkloadCacheReconciler#NAME} follows every cluster on every
     * replica, so any replica answers workload reads. Blocking; start-up thread.
     */
    public static Engine start(ResourceStore store, DownstreamClients clients, Clock clock, Leadership leadership,
                               List<Authenticator> externalProviders, AgentPresence agents, Ownership ownership) {
        Engine engine = new Engine(store, clock, externalProviders, new PasswordHasher());
        engine.ownership = ownership;
        BuiltinData.seed(store);
        engine.registerReconcilers(clients, clock, agents);
        engine.reconcilers.start(leadership, ownership);
        engine.startTriggers();
        if (agents != null) {
            agents.addListener(clusterId -> engine.reconcilers.enqueue(ClusterConnectedReconciler.NAME, clusterId));
        }
        return engine;
    }

    /** A loop over this replica's share of the clusters. */
    private ReconcileLoop<String> perCluster(String name, Reconciler<String> reconciler) {
        return new ReconcileLoop<>(name, ReconcileFailures.reporting(events, name, reconciler), PER_CLUSTER,
                this::clusterIds, ownership::owns);
    }

    private void registerReconcilers(DownstreamClients clients, Clock clock, AgentPresence tunnels) {
        downstream = clients;
        ClusterStatusUpdater statuses = new ClusterStatusUpdater(store, new ConditionEvents(events));
        if (tunnels != null) {
            reconcilers.register(ClusterConnectedReconciler.NAME, false, () -> perCluster(ClusterConnectedReconciler.NAME,
                    new ClusterConnectedReconciler(tunnels, statuses, clock)));
        }
        workloads = new WorkloadsReadModel(clients);
        reconcilers.register(ClusterHealthReconciler.NAME, false, () -> perCluster(ClusterHealthReconciler.NAME,
                new ClusterHealthReconciler(clients, statuses, clock, workloads::podRequests)));
        reconcilers.register(KubeApiAuthReconciler.NAME, false, () -> perCluster(KubeApiAuthReconciler.NAME,
                new KubeApiAuthReconciler(store, clients, clock)));
        // leader-only, not sharded: provisioning must run once, and one leader is simpler than per-pool owners
        reconcilers.register(NodePoolReconciler.NAME, true, () -> new ReconcileLoop<>(NodePoolReconciler.NAME, ReconcileFailures.reporting(events, NodePoolReconciler.NAME, NodePoolReconciler.inDataDirectory(store, clock)), PER_CLUSTER, this::clusterIds));
        reconcilers.register(ProjectNamespacesReconciler.NAME, false, () -> perCluster(ProjectNamespacesReconciler.NAME,
                new ProjectNamespacesReconciler(store, clients)));
        reconcilers.register(RbacSyncReconciler.NAME, false, () -> perCluster(RbacSyncReconciler.NAME,
                new RbacSyncReconciler(store, clients)));
        // on every replica, not only the owner: the console and kubectl may talk to any replica (issue #9),
        // and every read of the read model (workloads, pods, namespaces) must answer there; costs the cache
        // and one set of informers per cluster on each replica (README, "High availability")
        reconcilers.register(WorkloadCacheReconciler.NAME, false, () -> new ReconcileLoop<>(WorkloadCacheReconciler.NAME,
                ReconcileFailures.reporting(events, WorkloadCacheReconciler.NAME, new WorkloadCacheReconciler(store, workloads)),
                PER_CLUSTER, this::clusterIds));
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
