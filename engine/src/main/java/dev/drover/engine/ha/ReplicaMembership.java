package dev.drover.engine.ha;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live server replicas: each one keeps a key {@code <prefix>/<replicaId>} holding its peer address and
 * the SHA-256 of its peer token (never the token), attached to its own lease, so a replica that dies drops out when its lease expires and one that shuts
 * down drops out at once. Every replica watches the prefix and so knows the same set, from which
 * {@link HashRing} derives which replica owns which cluster.
 *
 * <p>A background virtual thread keeps the registration (re-registering with a new lease if the old one is
 * lost); listeners are called on jetcd's watch thread and must return quickly.
 */
public final class ReplicaMembership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMembership.class);
    private static final Duration REQUEST = Duration.ofSeconds(5);

    private final Client client;
    private final String prefix;
    private final String replicaId;
    private final String address;
    private final String peerTokenHash;
    private final Duration ttl;
    private final Map<String, Member> replicas = new TreeMap<>();
    private final List<Consumer<Map<String, String>>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private Watch.Watcher watcher;
    private Thread keeper;

    /**
     * @param prefix    e.g. {@code /drover/replicas}; all replicas use the same
     * @param address   how other replicas reach this one (its peer URL)
     * @param peerTokenHash what {@link PeerTokens#hash} makes of the token this replica's peers present
     * @param ttl       lease TTL: how long a dead replica still counts as a member
     */
    public ReplicaMembership(Client client, String prefix, String replicaId, String address, String peerTokenHash, Duration ttl) {
        this.client = client;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        this.replicaId = replicaId;
        this.address = address;
        this.peerTokenHash = peerTokenHash;
        this.ttl = ttl;
    }

    /** One live replica as it registered. */
    private record Member(String address, String peerTokenHash) {
        static Member parse(KeyValue kv) {
            String[] parts = kv.getValue().toString(StandardCharsets.UTF_8).split("\n", 2);
            return new Member(parts[0], parts.length > 1 ? parts[1] : "");
        }
    }

    public ReplicaMembership(Client client, String prefix, String replicaId, String address, Duration ttl) {
        this(client, prefix, replicaId, address, "", ttl);
    }

    /** Registers this replica, reads the current members and starts following changes. Blocks until registered. */
    public ReplicaMembership start() throws Exception {
        ReplicaLease first = register();
        GetResponse current = client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build())
                .get(REQUEST.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (replicas) {
            for (KeyValue kv : current.getKvs()) {
                replicas.put(replicaId(kv), Member.parse(kv));
            }
        }
        watcher = client.getWatchClient().watch(bytes(prefix),
                WatchOption.builder().isPrefix(true).withRevision(current.getHeader().getRevision() + 1).build(),
                this::onChange);
        keeper = Thread.ofVirtual().name("replica-membership-" + replicaId).start(() -> keepRegistered(first));
        return this;
    }

    private ReplicaLease register() throws Exception {
        ReplicaLease lease = ReplicaLease.grant(client, ttl, REQUEST);
        client.getKVClient().put(bytes(prefix + replicaId), bytes(address + "\n" + peerTokenHash), PutOption.builder().withLeaseId(lease.id()).build())
                .get(REQUEST.toMillis(), TimeUnit.MILLISECONDS);
        return lease;
    }

    private void keepRegistered(ReplicaLease first) {
        ReplicaLease lease = first;
        while (!closed) {
            try {
                Thread.sleep(200);
                if (lease == null || !lease.isValid()) {
                    if (lease != null) {
                        LOG.warn("Replica {} lost its membership lease; registering again", replicaId);
                        lease.close(false);
                    }
                    lease = null;
                    lease = register();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.warn("Replica {} cannot register in etcd yet: {}", replicaId, e.toString());
                try {
                    Thread.sleep(2_000); // a slower retry while etcd is away keeps the log readable
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (lease != null) {
            lease.close(true);
        }
    }

    private void onChange(WatchResponse response) {
        Map<String, String> snapshot;
        synchronized (replicas) {
            for (WatchEvent event : response.getEvents()) {
                String id = replicaId(event.getKeyValue());
                if (event.getEventType() == WatchEvent.EventType.PUT) {
                    replicas.put(id, Member.parse(event.getKeyValue()));
                } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                    replicas.remove(id);
                }
            }
            snapshot = addresses();
        }
        for (Consumer<Map<String, String>> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("Membership listener failed", e);
            }
        }
    }

    /** Live replicas: id → peer address. Any thread. */
    public Map<String, String> replicas() {
        synchronized (replicas) {
            return addresses();
        }
    }

    private Map<String, String> addresses() {
        Map<String, String> addresses = new TreeMap<>();
        replicas.forEach((id, member) -> addresses.put(id, member.address()));
        return Map.copyOf(addresses);
    }

    /** Whether {@code token} is the peer token of the live replica {@code id} (constant-time compare). */
    public boolean isPeer(String id, String token) {
        Member member;
        synchronized (replicas) {
            member = replicas.get(id);
        }
        return member != null && !id.equals(replicaId) && PeerTokens.matches(token, member.peerTokenHash());
    }

    /** The replica that owns {@code clusterId} now, by {@link HashRing}. */
    public Optional<String> ownerOf(String clusterId) {
        return HashRing.owner(replicas().keySet(), clusterId);
    }

    /** Whether this replica owns {@code clusterId} now (per-cluster reconcilers skip the others' clusters). */
    public boolean owns(String clusterId) {
        return ownerOf(clusterId).map(replicaId::equals).orElse(false);
    }

    public String replicaId() {
        return replicaId;
    }

    /** Calls {@code listener} with the member set after every change (a re-balance). */
    public void onChange(Consumer<Map<String, String>> listener) {
        listeners.add(listener);
    }

    private String replicaId(KeyValue kv) {
        return kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** Leaves the member set at once (revoking the lease) and stops following it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (keeper != null) {
            try {
                keeper.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watcher != null) {
            watcher.close();
        }
    }
}
