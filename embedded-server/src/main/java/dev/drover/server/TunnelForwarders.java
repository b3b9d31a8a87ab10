package dev.drover.server;

import dev.drover.engine.authproxy.TunnelGateway;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.Dialer;
import dev.drover.engine.tunnel.SessionManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The auth proxy's way into clusters behind agents: one {@link TunnelPortForwarder} per cluster and
 * target, started on first use and kept, so the proxy's pooled HTTP client keeps its connections (each
 * one tunnel stream). Before handing out the address it waits for an agent session, so a disconnected
 * cluster fails with the tunnel's "agent disconnected" error instead of a reset connection; an agent
 * connected to another replica counts (the dialer then goes through the peer link).
 *
 * <p>Why a loopback port: Vert.x's HTTP client only connects to socket addresses; a port bound to
 * 127.0.0.1 gives it a connection through the tunnel with no client code of our own. A local process could
 * connect to it too, and would reach the API server as an anonymous TLS client: no further than
 * connecting to the API server directly would take it.
 */
final class TunnelForwarders implements TunnelGateway, AutoCloseable {

    private final Vertx vertx;
    private final Dialer dialer;
    private final SessionManager sessions;
    private final AgentPresence agents;
    private final Duration reconnectWait;
    private final Map<String, Future<TunnelPortForwarder>> forwarders = new ConcurrentHashMap<>();

    TunnelForwarders(Vertx vertx, Dialer dialer, SessionManager sessions, AgentPresence agents, Duration reconnectWait) {
        this.vertx = vertx;
        this.dialer = dialer;
        this.sessions = sessions;
        this.agents = agents;
        this.reconnectWait = reconnectWait;
    }

    @Override
    public Future<SocketAddress> endpoint(String clusterId, String target) {
        // an agent on another replica (issue #9) is reached by the dialer over the peer link; none anywhere: wait here
        Future<?> ready = agents.state(clusterId).reachable() ? Future.succeededFuture() : sessions.await(clusterId, reconnectWait);
        return ready.compose(session -> {
            String key = clusterId + "|" + target;
            Future<TunnelPortForwarder> forwarder = forwarders.computeIfAbsent(key,
                    k -> TunnelPortForwarder.start(vertx, dialer, clusterId, target));
            forwarder.onFailure(e -> forwarders.remove(key, forwarder));
            return forwarder.map(f -> SocketAddress.inetSocketAddress(f.port(), "127.0.0.1"));
        });
    }

    @Override
    public void close() {
        // TunnelPortForwarder.close blocks: call it here (the closing thread), never in a callback on an event loop
        forwarders.values().stream().filter(Future::succeeded).forEach(f -> f.result().close());
        forwarders.clear();
    }
}
