package dev.drover.engine.tunnel;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a cluster's agents are connected, as the engine's reconcilers and Drover's own downstream clients
 * need it: on a single server the local {@link SessionManager} and {@link ApiAccessReports}; on replicas
 * (issue #9) every replica's sessions, so a replica that does not hold the agent still sees the cluster as
 * connected and can reach it through a peer link. Thread-safe.
 */
public interface AgentPresence {

    /** How the cluster is reachable now, from any replica. Cheap; any thread. */
    SessionManager.TunnelState state(String clusterId);

    /** What the cluster's agent last reported about its API server (it holds a token: never log it). */
    Optional<ApiAccess> access(String clusterId);

    /** {@code listener} hears the id of every cluster whose sessions changed, here or on another replica. */
    void addListener(Consumer<String> listener);

    /** The sessions of this process only. */
    static AgentPresence local(SessionManager sessions, ApiAccessReports reports) {
        return new AgentPresence() {
            @Override
            public SessionManager.TunnelState state(String clusterId) {
                return sessions.state(clusterId);
            }

            @Override
            public Optional<ApiAccess> access(String clusterId) {
                return reports == null ? Optional.empty() : reports.find(clusterId);
            }

            @Override
            public void addListener(Consumer<String> listener) {
                sessions.addListener(listener);
            }
        };
    }
}
