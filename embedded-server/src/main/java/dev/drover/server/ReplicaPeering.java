package dev.drover.server;

import dev.drover.engine.credential.SecretCipher;
import dev.drover.engine.ha.AgentDirectory;
import dev.drover.engine.ha.PeerLinks;
import dev.drover.engine.ha.PeerServer;
import dev.drover.engine.ha.PeerTokens;
import dev.drover.engine.ha.ReplicaMembership;
import dev.drover.engine.runtime.Ownership;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.ApiAccess;
import dev.drover.engine.tunnel.ApiAccessReports;
import dev.drover.engine.tunnel.Dialer;
import dev.drover.engine.tunnel.SessionManager;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.TunnelStream;
import io.etcd.jetcd.Client;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A replica's part in the installation (issue #9): its membership (leased key with its peer URL and peer
 * token hash), the peer route other replicas open links to, its own links to them, which the
 * {@link Dialer} uses for clusters whose agent is connected elsewhere, the {@link AgentDirectory} of every
 * replica's agent sessions, and this replica's share of the clusters ({@link Ownership}, by
 * {@link ReplicaMembership#owns}). Before {@link #join} it owns no cluster and sees only local sessions;
 * on a single server it never joins and the server uses {@link Ownership#all()} instead.
 */
final class ReplicaPeering implements Dialer.Elsewhere, Ownership, AgentPresence, AutoCloseable {

    private final String token = PeerTokens.generate();
    private final SessionManager sessions;
    private final ApiAccessReports reports;
    private final AgentPresence local;
    private final List<Runnable> ownershipListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> presenceListeners = new CopyOnWriteArrayList<>();
    private volatile ReplicaMembership membership;
    private volatile PeerLinks links;
    private volatile AgentDirectory directory;

    ReplicaPeering(SessionManager sessions, ApiAccessReports reports) {
        this.sessions = sessions;
        this.reports = reports;
        this.local = AgentPresence.local(sessions, reports);
        sessions.addListener(this::sessionsChanged);
    }

    /**
     * Registers this replica, publishes and follows agent sessions, adds the peer route and takes this
     * replica's share of the clusters; call once the port (hence the peer URL) is known. Blocking.
     */
    void join(Client client, HaSettings ha, String peerUrl, Vertx vertx, String caPem, SecretCipher cipher,
              SessionOptions options, Routes routes) {
        try {
            directory = new AgentDirectory(client, ha.etcd().prefix() + "/agents", ha.replicaId(), ha.leaseTtl(), sessions,
                    reports, cipher).start();
            directory.addListener(this::sessionsChanged);
            membership = new ReplicaMembership(client, ha.etcd().prefix() + "/replicas", ha.replicaId(), peerUrl,
                    PeerTokens.hash(token), ha.leaseTtl());
            membership.onChange(members -> ownershipChanged());
            membership.start();
        } catch (Exception e) {
            throw new StoreException("Cannot register replica " + ha.replicaId() + " in etcd: " + e.getMessage(), e);
        }
        PeerServer server = new PeerServer(membership, sessions, options);
        routes.add(HttpMethod.GET, PeerServer.PATH, (request, m) -> server.handle(request));
        links = new PeerLinks(vertx, caPem, ha.replicaId(), token, membership).withKnownHolders(directory::holderElsewhere);
        ownershipChanged(); // from owning nothing to this replica's share
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
    public boolean owns(String clusterId) {
        ReplicaMembership current = membership;
        return current != null && current.owns(clusterId);
    }

    @Override
    public void onChange(Runnable listener) {
        ownershipListeners.add(listener);
    }

    private void ownershipChanged() {
        ownershipListeners.forEach(Runnable::run);
    }

    @Override
    public SessionManager.TunnelState state(String clusterId) {
        AgentDirectory current = directory;
        return current == null ? local.state(clusterId) : current.state(clusterId);
    }

    @Override
    public Optional<ApiAccess> access(String clusterId) {
        AgentDirectory current = directory;
        return current == null ? local.access(clusterId) : current.access(clusterId);
    }

    @Override
    public void addListener(Consumer<String> listener) {
        presenceListeners.add(listener);
    }

    /** Local changes are announced at once and again by the directory (a queued key is not queued twice). */
    private void sessionsChanged(String clusterId) {
        presenceListeners.forEach(listener -> listener.accept(clusterId));
    }

    @Override
    public void close() {
        if (links != null) {
            links.close();
        }
        if (membership != null) {
            membership.close();
        }
        if (directory != null) {
            directory.close();
        }
    }
}
