package dev.drover.engine.tunnel;

import dev.drover.tunnel.protocol.Session;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The connected agents' sessions, by cluster: at most one cluster agent and any number of node
 * agents per cluster (session keys {@code cluster} and {@code cluster:node}). A new session with a key
 * already in use replaces the old one. Thread-safe; listeners hear the cluster id after every change,
 * on the thread that made it, and must return fast.
 */
public final class SessionManager {

    private final Vertx vertx;
    private final Map<String, ClusterSessions> clusters = new HashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public SessionManager(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Sessions of one cluster and the dials waiting for one. */
    private static final class ClusterSessions {
        Session clusterAgent;
        final LinkedHashMap<String, Session> nodeAgents = new LinkedHashMap<>();
        final List<Promise<Session>> waiters = new ArrayList<>();
        int nextNode;

        boolean isEmpty() {
            return clusterAgent == null && nodeAgents.isEmpty() && waiters.isEmpty();
        }
    }

    /** How a cluster is reachable now. */
    public record TunnelState(boolean clusterAgent, int nodeAgents) {
        public boolean reachable() {
            return clusterAgent || nodeAgents > 0;
        }
    }

    /** Registers an authorized agent's session; it leaves by itself when it closes. */
    public void add(AgentIdentity agent, Session session) {
        Session replaced;
        List<Promise<Session>> waiting;
        synchronized (this) {
            ClusterSessions entry = clusters.computeIfAbsent(agent.clusterId(), id -> new ClusterSessions());
            if (agent.isNodeAgent()) {
                replaced = entry.nodeAgents.put(agent.nodeName(), session);
            } else {
                replaced = entry.clusterAgent;
                entry.clusterAgent = session;
            }
            waiting = List.copyOf(entry.waiters);
            entry.waiters.clear();
        }
        if (replaced != null) {
            replaced.close("replaced by a new connection of " + agent.sessionKey());
        }
        session.closeFuture().onComplete(ar -> remove(agent, session));
        waiting.forEach(w -> w.tryComplete(session));
        notifyListeners(agent.clusterId());
    }

    private void remove(AgentIdentity agent, Session session) {
        synchronized (this) {
            ClusterSessions entry = clusters.get(agent.clusterId());
            if (entry == null) {
                return;
            }
            if (agent.isNodeAgent()) {
                entry.nodeAgents.remove(agent.nodeName(), session);
            } else if (entry.clusterAgent == session) {
                entry.clusterAgent = null;
            }
            if (entry.isEmpty()) {
                clusters.remove(agent.clusterId());
            }
        }
        notifyListeners(agent.clusterId());
    }

    /** The session to dial through: the cluster agent, else the node agents in turn (the fallback). */
    public synchronized Optional<Session> pick(String clusterId) {
        return choose(clusterId, true);
    }

    /** The session {@link #pick} would choose first, without advancing the node agents' round robin. */
    public synchronized Optional<Session> current(String clusterId) {
        return choose(clusterId, false);
    }

    private Optional<Session> choose(String clusterId, boolean advance) {
        ClusterSessions entry = clusters.get(clusterId);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.clusterAgent != null && entry.clusterAgent.isOpen()) {
            return Optional.of(entry.clusterAgent);
        }
        List<Session> open = entry.nodeAgents.values().stream().filter(Session::isOpen).toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(open.get(advance ? Math.floorMod(entry.nextNode++, open.size()) : 0));
    }

    /** A session of the cluster now, or the first to connect within {@code wait}; else {@link AgentDisconnectedException}. */
    public Future<Session> await(String clusterId, Duration wait) {
        Promise<Session> promise = Promise.promise();
        synchronized (this) {
            Optional<Session> now = pick(clusterId);
            if (now.isPresent()) {
                return Future.succeededFuture(now.get());
            }
            if (wait.isZero() || wait.isNegative()) {
                return Future.failedFuture(disconnected(clusterId, wait));
            }
            clusters.computeIfAbsent(clusterId, id -> new ClusterSessions()).waiters.add(promise);
        }
        vertx.setTimer(wait.toMillis(), t -> {
            synchronized (this) {
                ClusterSessions entry = clusters.get(clusterId);
                if (entry != null) {
                    entry.waiters.remove(promise);
                    if (entry.isEmpty()) {
                        clusters.remove(clusterId);
                    }
                }
            }
            promise.tryFail(disconnected(clusterId, wait));
        });
        return promise.future();
    }

    private static AgentDisconnectedException disconnected(String clusterId, Duration wait) {
        return new AgentDisconnectedException("agent disconnected: cluster " + clusterId + " has no connected agent"
                + (wait.isPositive() ? " (waited " + wait.toMillis() / 1000.0 + " s for it to reconnect)" : ""));
    }

    public synchronized TunnelState state(String clusterId) {
        ClusterSessions entry = clusters.get(clusterId);
        if (entry == null) {
            return new TunnelState(false, 0);
        }
        return new TunnelState(entry.clusterAgent != null, entry.nodeAgents.size());
    }

    /** Clusters with at least one agent connected here now. */
    public synchronized java.util.Set<String> clusterIds() {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        clusters.forEach((id, entry) -> {
            if (entry.clusterAgent != null || !entry.nodeAgents.isEmpty()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Connected sessions, all clusters. */
    public synchronized int sessionCount() {
        return clusters.values().stream().mapToInt(e -> (e.clusterAgent != null ? 1 : 0) + e.nodeAgents.size()).sum();
    }

    /** Streams open through all sessions (a leak shows here). */
    public synchronized int liveStreams() {
        return clusters.values().stream().mapToInt(e -> (e.clusterAgent != null ? e.clusterAgent.liveStreams() : 0)
                + e.nodeAgents.values().stream().mapToInt(Session::liveStreams).sum()).sum();
    }

    /** {@code listener} hears the id of every cluster whose sessions changed. */
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Closes every session (server shutdown). */
    public void closeAll(String reason) {
        List<Session> all = new ArrayList<>();
        synchronized (this) {
            for (ClusterSessions entry : clusters.values()) {
                if (entry.clusterAgent != null) {
                    all.add(entry.clusterAgent);
                }
                all.addAll(entry.nodeAgents.values());
            }
        }
        all.forEach(s -> s.close(reason));
    }

    private void notifyListeners(String clusterId) {
        for (Consumer<String> listener : listeners) {
            listener.accept(clusterId);
        }
    }
}
