package dev.drover.engine.reconcile.clusterconnected;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.reconcile.ClusterStatusUpdater;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.SessionManager;
import java.time.Clock;
import java.util.Optional;

/**
 * Keeps each agent cluster's {@code Connected} condition in line with its tunnel sessions (key: cluster
 * id): True while the cluster agent is connected (reason AgentConnected) or only node agents are
 * (NodeAgentFallback), False when none is (AgentDisconnected). Level-triggered: every session change
 * queues the cluster and this reads the current sessions, so a burst of changes converges to the last
 * state. Direct clusters have no agent and are left alone; a cluster whose agent never connected gets
 * no condition yet, so it reads as Pending rather than lost. On replicas the sessions are every replica's
 * ({@link AgentPresence}), so the owner of a cluster sees its agent wherever the agent is connected.
 */
public final class ClusterConnectedReconciler implements Reconciler<String> {

    public static final String NAME = "clusterconnected";
    public static final String CONNECTED = "Connected";

    private final AgentPresence sessions;
    private final ClusterStatusUpdater statuses;
    private final Clock clock;

    public ClusterConnectedReconciler(AgentPresence sessions, ClusterStatusUpdater statuses, Clock clock) {
        this.sessions = sessions;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public ReconcileResult reconcile(String clusterId) {
        Optional<Cluster> cluster = statuses.get(clusterId);
        if (cluster.isEmpty() || cluster.get().type() == Cluster.Type.DIRECT) {
            return ReconcileResult.done();
        }
        SessionManager.TunnelState state = sessions.state(clusterId);
        if (!state.reachable() && cluster.get().status().condition(CONNECTED).isEmpty()) {
            return ReconcileResult.done();
        }
        // withCondition keeps the transition time while the status stays, and an equal status is not written
        statuses.update(clusterId, status -> status.withCondition(desired(state)));
        return ReconcileResult.done();
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
}
