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

    private final SessionManager sessions;
    private final Duration reconnectWait;

    /**
     * @param reconnectWait how long a dial waits for an absent agent to (re)connect before failing
     */
    public Dialer(SessionManager sessions, Duration reconnectWait) {
        this.sessions = sessions;
        this.reconnectWait = reconnectWait;
    }

    /**
     * Opens a stream to {@code target} through an agent of {@code clusterId}: the cluster agent, else a
     * node agent. Fails with {@link AgentDisconnectedException} when none is connected within the
     * reconnect wait, and with a {@code TunnelException} when the agent refuses the target (not on its
     * allow-list) or cannot connect to it. The returned stream's handlers run on the tunnel's event loop.
     */
    public Future<TunnelStream> dial(String clusterId, String target) {
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
