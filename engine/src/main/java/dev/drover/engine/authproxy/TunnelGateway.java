package dev.drover.engine.authproxy;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;

/**
 * How the proxy's HTTP client reaches an API server behind an agent: a local address whose every
 * connection is a tunnel stream to {@code target} inside the cluster. The server module implements it
 * (binding ports is its job, not the engine's).
 */
@FunctionalInterface
public interface TunnelGateway {

    /**
     * The local address for {@code target} ({@code host:port} as the agent dials it) in {@code clusterId}.
     * Fails with {@code AgentDisconnectedException} when no agent of the cluster is connected within the
     * server's reconnect wait. Called on an event loop; never blocks.
     */
    Future<SocketAddress> endpoint(String clusterId, String target);
}
