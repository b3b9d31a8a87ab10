package dev.drover.engine.ha;

import dev.drover.engine.credential.SecretCipher;
import dev.drover.engine.tunnel.AgentPresence;
import dev.drover.engine.tunnel.ApiAccess;
import dev.drover.engine.tunnel.ApiAccessReports;
import dev.drover.engine.tunnel.SessionManager;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every replica's agent sessions, in etcd (issue #9): each replica keeps a key
 * {@code <prefix>/<clusterId>/<replicaId>} per cluster with an agent connected to it, holding the session
 * counts and the agent's API access report (the token sealed with the installation's {@code secrets.key},
 * bound to the key's name), attached to a lease of its own so the keys of a replica that dies go when the
 * lease expires and those of one that shuts down go at once. Every replica watches the prefix, so the owner
 * of a cluster sees its agent wherever it is connected ({@code clusterconnected} does not flap) and opens
 * Drover's own client with the report through a peer link.
 *
 * <p>Local session changes are written by one background virtual thread (listeners of the
 * {@link SessionManager} run on event loops and must not block); listeners of this directory are called on
 * that event loop or on jetcd's watch thread and must return quickly.
 */
public final class AgentDirectory implements AgentPresence, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDirectory.class);
    private static final Duration REQUEST = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One replica's sessions of one cluster, as stored. */
    record Entry(boolean clusterAgent, int nodeAgents, String server, String caPem, String sealedToken) {
    }

    private final Client client;
    private final String prefix;
    private final String replicaId;
    private final Duration ttl;
    private final SessionManager local;
    private final ApiAccessReports reports;
    private final SecretCipher cipher;
    /** Other replicas' entries: cluster id → replica id → entry. Guarded by itself. */
    private final Map<String, Map<String, Entry>> remote = new HashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean watchBroken;
    private Watch.Watcher watcher;
    private Thread publisher;

    /**
     * @param prefix e.g. {@code /drover/agents}; all replicas use the same
     * @param cipher sealed under the key every replica shares ({@code secrets.key})
     */
    public AgentDirectory(Client client, String prefix, String replicaId, Duration ttl, SessionManager local,
                          ApiAccessReports reports, SecretCipher cipher) {
        this.client = client;
        this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        this.replicaId = replicaId;
        this.ttl = ttl;
        this.local = local;
        this.reports = reports;
        this.cipher = cipher;
    }

    /** Reads the other replicas' sessions, starts following them and publishing this one's. Blocks until read. */
    public AgentDirectory start() throws Exception {
        local.addListener(clusterId -> {
            dirty.add(clusterId);
            wake.release();
            fire(clusterId);
        });
        ReplicaLease lease = ReplicaLease.grant(client, ttl, REQUEST);
        follow();
        publisher = Thread.ofVirtual().name("agent-directory-" + replicaId).start(() -> publish(lease));
        return this;
    }

    /** (Re-)reads the prefix and watches it from there; the clusters whose entries changed are announced. */
    private void follow() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        GetResponse current = client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build())
                .get(REQUEST.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Map<String, Entry>> read = new HashMap<>();
        for (KeyValue kv : current.getKvs()) {
            String[] key = clusterAndReplica(kv);
            if (key != null && !key[1].equals(replicaId)) {
                read.computeIfAbsent(key[0], id -> new HashMap<>()).put(key[1], parse(kv));
            }
        }
        Set<String> changed = new java.util.HashSet<>(read.keySet());
        synchronized (remote) {
            changed.addAll(remote.keySet());
            remote.clear();
            remote.putAll(read);
        }
        watchBroken = false;
        watcher = client.getWatchClient().watch(bytes(prefix),
                WatchOption.builder().isPrefix(true).withRevision(current.getHeader().getRevision() + 1).build(),
                Watch.listener(this::onChange, failure -> {
                    if (!closed) {
                        LOG.warn("Agent directory watch failed ({}); reading it again", failure.toString());
                        watchBroken = true;
                        wake.release();
                    }
                }));
        changed.forEach(this::fire);
    }

    private void onChange(WatchResponse response) {
        for (WatchEvent event : response.getEvents()) {
            String[] key = clusterAndReplica(event.getKeyValue());
            if (key == null || key[1].equals(replicaId)) {
                continue;
            }
            synchronized (remote) {
                if (event.getEventType() == WatchEvent.EventType.PUT) {
                    remote.computeIfAbsent(key[0], id -> new HashMap<>()).put(key[1], parse(event.getKeyValue()));
                } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                    Map<String, Entry> holders = remote.get(key[0]);
                    if (holders != null) {
                        holders.remove(key[1]);
                        if (holders.isEmpty()) {
                            remote.remove(key[0]);
                        }
                    }
                }
            }
            fire(key[0]);
        }
    }

    /** The background writer: publishes changed clusters under the lease; a lost lease is granted again and everything re-published. */
    private void publish(ReplicaLease first) {
        ReplicaLease lease = first;
        while (!closed) {
            try {
                wake.tryAcquire(200, TimeUnit.MILLISECONDS);
                if (closed) {
                    break;
                }
                if (watchBroken) {
                    follow();
                }
                if (lease == null || !lease.isValid()) {
                    if (lease != null) {
                        LOG.warn("Replica {} lost its agent directory lease; publishing its sessions again", replicaId);
                        lease.close(false);
                    }
                    lease = null;
                    lease = ReplicaLease.grant(client, ttl, REQUEST);
                    dirty.addAll(local.clusterIds());
                }
                for (String clusterId : List.copyOf(dirty)) {
                    dirty.remove(clusterId);
                    try {
                        write(clusterId, lease);
                    } catch (Exception e) {
                        dirty.add(clusterId);
                        throw e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.warn("Replica {} cannot publish its agent sessions yet: {}", replicaId, e.toString());
                try {
                    Thread.sleep(1_000); // etcd is away: retry at a pace that keeps the log readable
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (lease != null) {
            lease.close(true); // our entries go now, not at expiry
        }
    }

    private void write(String clusterId, ReplicaLease lease) throws Exception {
        String key = prefix + clusterId + "/" + replicaId;
        SessionManager.TunnelState state = local.state(clusterId);
        if (!state.reachable()) {
            client.getKVClient().delete(bytes(key), DeleteOption.DEFAULT).get(REQUEST.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        Optional<ApiAccess> access = reports.find(clusterId);
        Entry entry = new Entry(state.clusterAgent(), state.nodeAgents(),
                access.map(a -> a.server().toString()).orElse(""), access.map(ApiAccess::caCertPem).orElse(""),
                access.map(a -> cipher.seal(a.bearerToken(), key)).orElse(""));
        client.getKVClient().put(bytes(key), bytes(JSON.writeValueAsString(entry)), PutOption.builder().withLeaseId(lease.id()).build())
                .get(REQUEST.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public SessionManager.TunnelState state(String clusterId) {
        SessionManager.TunnelState here = local.state(clusterId);
        boolean clusterAgent = here.clusterAgent();
        int nodeAgents = here.nodeAgents();
        synchronized (remote) {
            for (Entry entry : remote.getOrDefault(clusterId, Map.of()).values()) {
                clusterAgent |= entry.clusterAgent();
                nodeAgents += entry.nodeAgents();
            }
        }
        return new SessionManager.TunnelState(clusterAgent, nodeAgents);
    }

    /** The replica holding an agent of the cluster, when it is another one (a cluster agent's holder first). */
    public Optional<String> holderElsewhere(String clusterId) {
        return remoteEntry(clusterId).map(Map.Entry::getKey);
    }

    private Optional<Map.Entry<String, Entry>> remoteEntry(String clusterId) {
        synchronized (remote) {
            return remote.getOrDefault(clusterId, Map.of()).entrySet().stream()
                    .filter(e -> !e.getValue().sealedToken().isEmpty())
                    .min((a, b) -> Boolean.compare(b.getValue().clusterAgent(), a.getValue().clusterAgent()))
                    .map(e -> Map.entry(e.getKey(), e.getValue()));
        }
    }

    @Override
    public Optional<ApiAccess> access(String clusterId) {
        if (local.state(clusterId).reachable()) {
            Optional<ApiAccess> here = reports.find(clusterId);
            if (here.isPresent()) {
                return here;
            }
        }
        Optional<Map.Entry<String, Entry>> held = remoteEntry(clusterId);
        if (held.isEmpty()) {
            return reports.find(clusterId);
        }
        Entry entry = held.get().getValue();
        try {
            String token = cipher.open(entry.sealedToken(), prefix + clusterId + "/" + held.get().getKey());
            return Optional.of(new ApiAccess(URI.create(entry.server()), token, entry.caPem()));
        } catch (IllegalStateException | IllegalArgumentException unreadable) {
            LOG.warn("The API access report of cluster {} from replica {} cannot be opened (do all replicas share secrets.key?): {}",
                    clusterId, held.get().getKey(), unreadable.getMessage());
            return reports.find(clusterId);
        }
    }

    @Override
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void fire(String clusterId) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(clusterId);
            } catch (RuntimeException e) {
                LOG.warn("Agent directory listener failed", e);
            }
        }
    }

    private Entry parse(KeyValue kv) {
        try {
            return JSON.readValue(kv.getValue().toString(StandardCharsets.UTF_8), Entry.class);
        } catch (RuntimeException malformed) {
            return new Entry(false, 0, "", "", "");
        }
    }

    /** {cluster id, replica id}, or null for a key that is not one of ours. */
    private String[] clusterAndReplica(KeyValue kv) {
        String rest = kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
        int slash = rest.indexOf('/');
        return slash <= 0 || slash == rest.length() - 1 ? null : new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** Stops publishing and revokes the lease, so this replica's entries disappear at once. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        wake.release();
        if (publisher != null) {
            try {
                publisher.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watcher != null) {
            watcher.close();
        }
    }
}
