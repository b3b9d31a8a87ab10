package dev.drover.engine.tunnel;

import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.TunnelStream;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * How the rest of the engine reaches into a downstream cluster: a TCP stream to {@code host:port} as
 * seen from the cluster's agent. Thread-safe; never blocks.
 */
public final class Dialer {

    /**
     * Another way to a cluster whose agent is not connected here: another server replica holding its agent
     * (issue #9). Called on any thread; empty when there is nowhere else to try.
     */
    @FunctionalInterface
    public interface Elsewhere {
        /** Fails with {@link AgentDisconnectedException} when no other replica has an agent of the cluster either. */
        java.util.Optional<Future<TunnelStream>> dial(String clusterId, String target);
    }

    private final SessionManager sessions;
    private final Duration reconnectWait;
    private final Elsewhere elsewhere;

    /**
     * @param reconnectWait how long a dial waits for an absent agent to (re)connect before failing
     */
    public Dialer(SessionManager sessions, Duration reconnectWait) {
        this(sessions, reconnectWait, (clusterId, target) -> java.util.Optional.empty());
    }

    /** As the other constructor; when no agent of the cluster is connected here, tries {@code elsewhere} first. */
    public Dialer(SessionManager sessions, Duration reconnectWait, Elsewhere elsewhere) {
        this.sessions = sessions;
        this.reconnectWait = reconnectWait;
        this.elsewhere = elsewhere;
    }

    /**
     * Opens a stream to {@code target} through an agent of {@code clusterId}: the cluster agent, else a
     * node agent. Fails with {@link AgentDisconnectedException} when none is connected within the
     * reconnect wait, and with a {@code TunnelException} when the agent refuses the target (not on its
     * allow-list) or cannot connect to it. The returned stream's handlers run on the tunnel's event loop.
     */
    public Future<TunnelStream> dial(String clusterId, String target) {
        // state(), not pick(): pick() advances the node agents' round robin, which the dial below does once
        if (!sessions.state(clusterId).reachable()) {
            var remote = elsewhere.dial(clusterId, target);
            if (remote.isPresent()) {
                // If no replica has the agent either, it may be reconnecting to this one: wait as usual.
                return remote.get().recover(failure -> failure instanceof AgentDisconnectedException
                        ? dialHere(clusterId, target) : Future.failedFuture(failure));
            }
        }
        return dialHere(clusterId, target);
    }

    /**
     * The event-loop context of the session a dial to {@code clusterId} would use now, if its agent is
     * connected here: where a socket that feeds that cluster's streams best lives (no hop between loops).
     */
    public java.util.Optional<io.vertx.core.Context> homeContext(String clusterId) {
        return sessions.current(clusterId).map(Session::context);
    }

    private Future<TunnelStream> dialHere(String clusterId, String target) {
        return sessions.await(clusterId, reconnectWait).compose(session -> session.open(target)
                .recover(failure -> retryIfSessionDied(session, failure, clusterId, target)));
    }

    /** The session may close between being picked and the CONNECT; then try once more with the next one. */
    private Future<TunnelStream> retryIfSessionDied(Session session, Throwable failure, String clusterId, String target) {
        if (session.isOpen()) {
            return Future.failedFuture(failure);
        }
        return sessions.await(clusterId, reconnectWait).compose(next -> next.open(target));
    }
}
