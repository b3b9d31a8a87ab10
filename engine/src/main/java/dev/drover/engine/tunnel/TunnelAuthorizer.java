package dev.drover.engine.tunnel;

import io.vertx.core.MultiMap;
import java.util.Optional;

/**
 * Decides who may open a tunnel, from the WebSocket upgrade request's headers — a function passed to
 * {@link TunnelServer}, as remotedialer's {@code Authorizer}. Called on a virtual thread; may block
 * (e.g. read the store). An empty result rejects the agent with 401 and registers nothing.
 */
@FunctionalInterface
public interface TunnelAuthorizer {

    Optional<AgentIdentity> authorize(MultiMap headers);
}
