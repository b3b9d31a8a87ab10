package dev.drover.server;

import dev.drover.engine.ha.EtcdLeadership;
import dev.drover.engine.runtime.Leadership;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.engine.store.etcd.EtcdResourceStore;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import io.etcd.jetcd.Client;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the server keeps its store and whether it runs as one of several replicas (issue #9). Kept apart
 * from {@link ServerConfig} so a single server's configuration stays what it was.
 *
 * @param etcd      the etcd cluster; {@code null} for the embedded SQLite store of a single server
 * @param replicaId this replica's name among its peers (leader election, cluster ownership)
 * @param leaseTtl  how long a dead replica keeps leadership and membership at most
 * @param peerUrl   how the other replicas reach this one ({@code https://host:port}); {@code null}: the
 *                  server's advertised URL
 */
public record HaSettings(EtcdOptions etcd, String replicaId, Duration leaseTtl, String peerUrl) {

    /** One server on SQLite in its data directory, always the leader. */
    public static final HaSettings SINGLE = new HaSettings(null, "single", Duration.ofSeconds(10), null);

    public HaSettings {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
    }

    public static HaSettings etcd(EtcdOptions etcd, String replicaId) {
        return new HaSettings(etcd, replicaId, Duration.ofSeconds(10), null);
    }

    public HaSettings withLeaseTtl(Duration ttl) {
        return new HaSettings(etcd, replicaId, ttl, peerUrl);
    }

    public HaSettings withPeerUrl(String url) {
        return new HaSettings(etcd, replicaId, leaseTtl, url);
    }

    public boolean replicated() {
        return etcd != null;
    }

    /** The opened store and leadership, closed with the server. */
    record Opened(ResourceStore store, Leadership leadership, Client client, AutoCloseable resources) {
    }

    /** Opens the store (and, on etcd, joins the leader election); fails with one sentence if it cannot. */
    Opened open(Path dataDirectory) {
        if (!replicated()) {
            return new Opened(SqliteResourceStore.open(dataDirectory), Leadership.always(), null, () -> { });
        }
        Client client = etcd.connect();
        try {
            EtcdResourceStore store = EtcdResourceStore.open(etcd, client);
            EtcdLeadership leadership = new EtcdLeadership(client, etcd.prefix() + "/leader", replicaId, leaseTtl).start();
            return new Opened(store, leadership, client, () -> {
                leadership.close(); // resign first, so another replica takes over at once
                client.close();
            });
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
