package dev.drover.engine.ha;

import dev.drover.engine.tunnel.SessionManager;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamRequest;
import dev.drover.tunnel.protocol.TunnelStream;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owning end of a peer link, as remotedialer's peers work: another replica whose request needs an
 * agent connected here opens a tunnel session to this one (authenticated by its peer token, checked
 * against the hash it registered in etcd) and asks for {@code <clusterId>/<host:port>}; this side plays
 * the agent's role on that session and splices each stream into a stream through its own agent session.
 * It only ever uses agents connected here, so a request never bounces between replicas.
 *
 * <p>The HTTP server (embedded-server) routes {@link #PATH} here; this class never binds a port.
 */
public final class PeerServer {

    public static final String PATH = "/v3/peer";
    public static final String PEER_HEADER = "X-Drover-Peer";
    public static final String TOKEN_HEADER = "X-Drover-Peer-Token";

    private static final Logger LOG = LoggerFactory.getLogger(PeerServer.class);

    private final ReplicaMembership membership;
    private final SessionManager sessions;
    private final SessionOptions options;

    public PeerServer(ReplicaMembership membership, SessionManager sessions, SessionOptions options) {
        this.membership = membership;
        this.sessions = sessions;
        this.options = options;
    }

    /** Handles one upgrade request to {@link #PATH}; called on the request's event loop, never blocks. */
    public void handle(HttpServerRequest request) {
        String peer = request.getHeader(PEER_HEADER);
        if (peer == null || !membership.isPeer(peer, request.getHeader(TOKEN_HEADER))) {
            LOG.info("Rejected peer link from {}: not a live replica with that token", request.remoteAddress());
            request.response().setStatusCode(401).end("not a live replica of this installation\n");
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
            WebSocketTransport.attach(socket, Session.Role.AGENT, options, this::onStream);
            LOG.info("Peer link from replica {} open", peer);
        }).onFailure(e -> LOG.warn("Peer link upgrade for {} failed: {}", peer, e.toString()));
    }

    private void onStream(StreamRequest request) {
        String target = request.target();
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1) {
            request.reject("peer target must be <clusterId>/<host:port>, got \"" + target + "\"");
            return;
        }
        String clusterId = target.substring(0, slash);
        Optional<Session> agent = sessions.pick(clusterId);
        if (agent.isEmpty()) {
            request.reject("no agent of cluster " + clusterId + " is connected to replica " + membership.replicaId());
            return;
        }
        agent.get().open(target.substring(slash + 1))
                .onSuccess(downstream -> splice(request.accept(), downstream))
                .onFailure(e -> request.reject(e.getMessage()));
    }

    /** Joins two tunnel streams both ways with back-pressure; a reset of either resets the other. */
    static void splice(TunnelStream a, TunnelStream b) {
        a.pipe().endOnFailure(false).to(b).onFailure(e -> b.reset("peer stream failed: " + e.getMessage()));
        b.pipe().endOnFailure(false).to(a).onFailure(e -> a.reset("agent stream failed: " + e.getMessage()));
        a.closeFuture().onFailure(e -> b.reset("peer stream reset: " + e.getMessage()));
        b.closeFuture().onFailure(e -> a.reset("agent stream reset: " + e.getMessage()));
    }
}
