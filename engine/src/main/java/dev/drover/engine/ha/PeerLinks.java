package dev.drover.engine.ha;

import dev.drover.engine.tunnel.AgentDisconnectedException;
import dev.drover.engine.tunnel.Dialer;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamAcceptor;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.TunnelStream;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The asking end of peer links: when no agent of a cluster is connected to this replica, its streams go
 * through the replica that has one. Links are opened on first use (TLS, trusting the installation's CA,
 * with this replica's peer token) and kept; a link that closes is opened again next time. Which replica
 * holds an agent is learnt by asking: the last one that had it first, then the others (a peer refuses at
 * once when it has none), as remotedialer's peers learn their clients.
 */
public final class PeerLinks implements Dialer.Elsewhere, AutoCloseable {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final String replicaId;
    private final String token;
    private final ReplicaMembership membership;
    private final Map<String, Future<Session>> links = new ConcurrentHashMap<>();
    private final Map<String, String> lastHolder = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile java.util.function.Function<String, Optional<String>> knownHolder = clusterId -> Optional.empty();

    /**
     * @param caPem      the CA every replica's certificate comes from
     * @param token      this replica's peer token, whose hash {@code membership} registered
     */
    public PeerLinks(Vertx vertx, String caPem, String replicaId, String token, ReplicaMembership membership) {
        this.vertx = vertx;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)))
                .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                .setTcpNoDelay(true));
        this.replicaId = replicaId;
        this.token = token;
        this.membership = membership;
    }

    @Override
    public Optional<Future<TunnelStream>> dial(String clusterId, String target) {
        if (closed) {
            return Optional.empty();
        }
        List<String> peers = new ArrayList<>(membership.replicas().keySet());
        peers.remove(replicaId);
        if (peers.isEmpty()) {
            return Optional.empty();
        }
        String last = knownHolder.apply(clusterId).orElseGet(() -> lastHolder.get(clusterId));
        if (last != null && peers.remove(last)) {
            peers.addFirst(last);
        }
        return Optional.of(tryPeers(peers, 0, clusterId, target));
    }

    /**
     * Where agents are known to be connected ({@link AgentDirectory#holderElsewhere}): that replica is asked
     * first, so a first dial need not try the peers in turn. Call once, before dials.
     */
    public PeerLinks withKnownHolders(java.util.function.Function<String, Optional<String>> holders) {
        this.knownHolder = holders;
        return this;
    }

    private Future<TunnelStream> tryPeers(List<String> peers, int index, String clusterId, String target) {
        if (index == peers.size()) {
            return Future.failedFuture(new AgentDisconnectedException("No agent of cluster " + clusterId
                    + " is connected to this replica or its " + peers.size() + " peer(s)."));
        }
        String peer = peers.get(index);
        return link(peer).compose(session -> session.open(clusterId + "/" + target))
                .onSuccess(stream -> lastHolder.put(clusterId, peer))
                .recover(failure -> tryPeers(peers, index + 1, clusterId, target));
    }

    private Future<Session> link(String peer) {
        Promise<Session> opened = Promise.promise();
        // compute, not get-then-put: two dials at once must share one link rather than open two
        Future<Session> chosen = links.compute(peer, (id, existing) -> usable(existing) ? existing : opened.future());
        if (chosen != opened.future()) {
            return chosen;
        }
        URI address = URI.create(membership.replicas().getOrDefault(peer, ""));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(address.getHost()).setPort(address.getPort())
                .setSsl(true).setURI(PeerServer.PATH)
                .addHeader(PeerServer.PEER_HEADER, replicaId)
                .addHeader(PeerServer.TOKEN_HEADER, token);
        vertx.getOrCreateContext().runOnContext(v -> connect(options)
                .onSuccess(socket -> {
                    Session session = WebSocketTransport.attach(socket, Session.Role.SERVER, SessionOptions.DEFAULTS,
                            StreamAcceptor.REFUSE_ALL);
                    session.closeFuture().onComplete(closed -> links.remove(peer, opened.future()));
                    opened.complete(session);
                })
                .onFailure(e -> {
                    links.remove(peer, opened.future());
                    opened.fail(e);
                }));
        return opened.future();
    }

    /** A dial racing this replica's shutdown fails rather than leaving its caller waiting for ever. */
    private Future<io.vertx.core.http.WebSocket> connect(WebSocketConnectOptions options) {
        if (closed) {
            return Future.failedFuture(new AgentDisconnectedException("This replica is shutting down."));
        }
        try {
            return client.connect(options);
        } catch (IllegalStateException closedMeanwhile) {
            return Future.failedFuture(new AgentDisconnectedException("This replica is shutting down."));
        }
    }

    private static boolean usable(Future<Session> link) {
        return link != null && (!link.isComplete() || (link.succeeded() && link.result().isOpen()));
    }

    @Override
    public void close() {
        closed = true;
        links.values().forEach(link -> link.onSuccess(session -> session.close("replica shutting down")));
        client.close();
    }
}
