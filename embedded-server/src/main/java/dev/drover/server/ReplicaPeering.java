package dev.drover.server;

import dev.drover.engine.ha.PeerLinks;
import dev.drover.engine.ha.PeerServer;
import dev.drover.engine.ha.PeerTokens;
import dev.drover.engine.ha.ReplicaMembership;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.tunnel.Dialer;
import dev.drover.engine.tunnel.SessionManager;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.TunnelStream;
import io.etcd.jetcd.Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;

/**
 * A replica's part in the installation (issue #9): its membership (leased key with its peer URL and peer
 * token hash), the peer route other replicas open links to, and its own links to them, which the
 * {@link Dialer} uses for clusters whose agent is connected elsewhere. Before {@link #join} (or on a single
 * server) it offers nothing, so the dialer behaves as it always did.
 */
final class ReplicaPeering implements Dialer.Elsewhere, AutoCloseable {

    private final String token = PeerTokens.generate();
    private volatile ReplicaMembership membership;
    private volatile PeerLinks links;

    /** Registers this replica and adds the peer route; call once the port (hence the peer URL) is known. */
    void join(Client client, HaSettings ha, String peerUrl, Vertx vertx, String caPem, SessionManager sessions,
              SessionOptions options, Routes routes) {
        try {
            membership = new ReplicaMembership(client, ha.etcd().prefix() + "/replicas", ha.replicaId(), peerUrl,
                    PeerTokens.hash(token), ha.leaseTtl()).start();
        } catch (Exception e) {
            throw new StoreException("Cannot register replica " + ha.replicaId() + " in etcd: " + e.getMessage(), e);
        }
        PeerServer server = new PeerServer(membership, sessions, options);
        routes.add(HttpMethod.GET, PeerServer.PATH, (request, m) -> server.handle(request));
        links = new PeerLinks(vertx, caPem, ha.replicaId(), token, membership);
    }

    @Override
    public Optional<Future<TunnelStream>> dial(String clusterId, String target) {
        PeerLinks current = links;
        return current == null ? Optional.empty() : current.dial(clusterId, target);
    }

    /** The live replicas, when this is one of several. */
    Optional<ReplicaMembership> membership() {
        return Optional.ofNullable(membership);
    }

    @Override
    public void close() {
        if (links != null) {
            links.close();
        }
        if (membership != null) {
            membership.close();
        }
    }
}
