package dev.drover.engine.tunnel;

import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamAcceptor;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts agents' tunnel WebSockets. The HTTP server (embedded-server) routes the upgrade request
 * here; this class asks the {@link TunnelAuthorizer}, upgrades, starts a {@link Session} and registers
 * it with the {@link SessionManager}. A rejected agent gets 401 and nothing is registered. It never
 * binds a port itself.
 */
public final class TunnelServer {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelServer.class);

    private final TunnelAuthorizer authorizer;
    private final SessionManager sessions;
    private final SessionOptions options;
    private final Executor authorizations = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("tunnel-authorize-", 0).factory());

    public TunnelServer(TunnelAuthorizer authorizer, SessionManager sessions, SessionOptions options) {
        this.authorizer = authorizer;
        this.sessions = sessions;
        this.options = options;
    }

    /**
     * Handles one upgrade request to the tunnel endpoint. Called on the request's event loop; the
     * authorizer runs on a virtual thread meanwhile.
     */
    public void handle(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        String from = String.valueOf(request.remoteAddress());
        authorizations.execute(() -> {
            Optional<AgentIdentity> agent;
            try {
                agent = authorizer.authorize(headers);
            } catch (RuntimeException e) {
                LOG.warn("Tunnel authorization failed for {}: {}", from, e.toString());
                context.runOnContext(v -> request.response().setStatusCode(503).end("authorization unavailable\n"));
                return;
            }
            context.runOnContext(v -> agent.ifPresentOrElse(a -> upgrade(request, a), () -> {
                LOG.info("Rejected tunnel from {}: unknown or revoked registration token", from);
                request.response().setStatusCode(401).end("unknown or revoked registration token\n");
            }));
        });
    }

    private void upgrade(HttpServerRequest request, AgentIdentity agent) {
        request.toWebSocket().onSuccess(socket -> {
            Session session = WebSocketTransport.attach(socket, Session.Role.SERVER, options, StreamAcceptor.REFUSE_ALL);
            sessions.add(agent, session);
            LOG.info("Agent {} connected from {}", agent.sessionKey(), socket.remoteAddress());
            session.closeFuture().onSuccess(reason ->
                    LOG.info("Agent {} disconnected: {}", agent.sessionKey(), reason.getMessage()));
        }).onFailure(e -> LOG.warn("Tunnel upgrade for {} failed: {}", agent.sessionKey(), e.toString()));
    }
}
