package dev.drover.engine.reconcile.clusterconnected;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.tunnel.SessionManager;
import dev.drover.engine.store.ListRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each cluster's {@code Connected} condition in line with its tunnel sessions: True while the
 * cluster agent is connected (reason AgentConnected) or only node agents are (NodeAgentFallback), False
 * when none is (AgentDisconnected). Level-triggered: every session change queues the cluster, and
 * {@link #reconcile} reads the current sessions, so a burst of changes converges to the last state.
 */
public final class ClusterConnectedReconciler implements AutoCloseable {

    public static final String CONNECTED = "Connected";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnectedReconciler.class);
    private static final int MAX_ATTEMPTS = 10;

    private final ResourceStore store;
    private final SessionManager sessions;
    private final Clock clock;
    private final JsonCodec<Cluster> codec = new JsonCodec<>(Cluster.class);
    private final ExecutorService queue = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("reconcile-clusterconnected").factory());

    public ClusterConnectedReconciler(ResourceStore store, SessionManager sessions, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Starts following session changes, and after {@code resyncAfter} reconciles every imported cluster
     * once, so a condition left True by a previous server run turns False if its agents never come back.
     * Call once.
     */
    public void start(Duration resyncAfter) {
        sessions.addListener(clusterId -> queue.execute(() -> reconcileLogged(clusterId)));
        Thread.ofVirtual().name("clusterconnected-resync").start(() -> {
            try {
                Thread.sleep(resyncAfter);
                for (StoredObject object : store.list(ListRequest.all(Cluster.KIND)).items()) {
                    if (codec.decode(object).type() == Cluster.Type.IMPORTED) {
                        queue.execute(() -> reconcileLogged(object.key().name()));
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                LOG.debug("Connected resync skipped: {}", e.toString());
            }
        });
    }

    private void reconcileLogged(String clusterId) {
        try {
            reconcile(clusterId);
        } catch (RuntimeException e) {
            LOG.warn("Could not update the Connected condition of {}: {}", clusterId, e.toString());
        }
    }

    /**
     * Writes the condition the sessions call for, if it differs from the stored one. Blocking;
     * idempotent; retries on a concurrent update. A missing cluster is left alone.
     */
    public void reconcile(String clusterId) {
        ObjectKey key = ObjectKey.of(Cluster.KIND, clusterId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<StoredObject> current = store.get(key);
            if (current.isEmpty()) {
                return;
            }
            Cluster cluster = codec.decode(current.get());
            Condition wanted = desired(sessions.state(clusterId));
            Optional<Condition> existing = cluster.status().conditions().stream()
                    .filter(c -> c.type().equals(CONNECTED)).findFirst();
            if (existing.isPresent() && sameState(existing.get(), wanted)) {
                return;
            }
            if (existing.isPresent() && existing.get().status().equals(wanted.status())) {
                wanted = new Condition(CONNECTED, wanted.status(), wanted.reason(), wanted.message(),
                        existing.get().lastTransitionTime());
            }
            List<Condition> conditions = new ArrayList<>(cluster.status().conditions().stream()
                    .filter(c -> !c.type().equals(CONNECTED)).toList());
            conditions.add(wanted);
            Cluster updated = new Cluster(cluster.id(), cluster.displayName(), cluster.type(), cluster.apiEndpoint(),
                    new Cluster.ClusterStatus(conditions, cluster.status().kubernetesVersion()));
            try {
                store.update(key, current.get().revision(), current.get().labels(), codec.encode(updated));
                return;
            } catch (ConflictException e) {
                LOG.debug("Cluster {} changed meanwhile (attempt {}), retrying", clusterId, attempt);
            } catch (NotFoundException e) {
                return;
            }
        }
        throw new ConflictException("Cluster " + clusterId + " kept changing; the Connected condition was not written");
    }

    private Condition desired(SessionManager.TunnelState state) {
        if (state.clusterAgent()) {
            return new Condition(CONNECTED, "True", "AgentConnected", "The cluster agent is connected"
                    + (state.nodeAgents() > 0 ? ", with " + state.nodeAgents() + " node agent(s)." : "."), clock.instant());
        }
        if (state.nodeAgents() > 0) {
            return new Condition(CONNECTED, "True", "NodeAgentFallback", "The cluster agent is not connected; the API"
                    + " is reached through " + state.nodeAgents() + " node agent(s).", clock.instant());
        }
        return new Condition(CONNECTED, "False", "AgentDisconnected", "No agent of this cluster is connected.", clock.instant());
    }

    private static boolean sameState(Condition a, Condition b) {
        return a.status().equals(b.status()) && a.reason().equals(b.reason()) && a.message().equals(b.message());
    }

    @Override
    public void close() {
        queue.shutdownNow();
    }
}
