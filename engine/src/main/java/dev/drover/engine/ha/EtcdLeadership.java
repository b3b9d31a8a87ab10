package dev.drover.engine.ha;

import dev.drover.engine.runtime.Leadership;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.election.CampaignResponse;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.election.LeaderResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on etcd's election API, guarded by a lease: a replica campaigns with its lease, leads
 * once etcd says so, and stops leading the moment its lease is in doubt (see {@link ReplicaLease}). When a
 * leader dies its lease expires after the TTL and etcd hands leadership to the next campaigner, so a
 * takeover takes about one TTL. A replica that shuts down resigns and revokes its lease: a handover at once.
 *
 * <p>One virtual thread runs the campaign; listeners are called on it.
 */
public final class EtcdLeadership implements Leadership, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdLeadership.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration REQUEST = Duration.ofSeconds(5);

    private final Client client;
    private final ByteSequence election;
    private final String replicaId;
    private final Duration ttl;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean leader;
    private volatile boolean closed;
    private Thread campaigner;

    /**
     * @param election  etcd election name, e.g. {@code /drover/leader}; all replicas use the same
     * @param replicaId this replica's name, what {@link #currentLeader} reports
     * @param ttl       lease TTL: how long a dead leader keeps leadership at most
     */
    public EtcdLeadership(Client client, String election, String replicaId, Duration ttl) {
        this.client = client;
        this.election = ByteSequence.from(election, StandardCharsets.UTF_8);
        this.replicaId = replicaId;
        this.ttl = ttl;
    }

    /** Starts campaigning in the background. Call once, from any thread; returns at once. */
    public EtcdLeadership start() {
        campaigner = Thread.ofVirtual().name("leader-election-" + replicaId).start(this::campaignUntilClosed);
        return this;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
        listener.accept(leader);
    }

    /** Who leads now according to etcd (a replica id), or empty if nobody does. Blocks for one request. */
    public Optional<String> currentLeader() {
        try {
            LeaderResponse response = client.getElectionClient().leader(election).get(REQUEST.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(response.getKv().getValue().toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return Optional.empty(); // etcd answers "no leader" as an error
        }
    }

    private void campaignUntilClosed() {
        try {
            while (!closed) {
                try {
                    campaignOnce();
                } catch (Exception e) {
                    setLeader(false);
                    if (!closed) {
                        LOG.warn("Leader election for {} failed, campaigning again: {}", replicaId, e.toString());
                        pause();
                    }
                }
            }
        } finally {
            setLeader(false);
            stopped.countDown();
        }
    }

    private void campaignOnce() throws Exception {
        ReplicaLease lease = ReplicaLease.grant(client, ttl, REQUEST);
        CompletableFuture<CampaignResponse> campaign = null;
        LeaderKey key = null;
        try {
            campaign = client.getElectionClient().campaign(election, lease.id(), ByteSequence.from(replicaId, StandardCharsets.UTF_8));
            while (!closed && lease.isValid() && !campaign.isDone()) {
                pause();
            }
            if (closed || !lease.isValid()) {
                return;
            }
            key = campaign.get().getLeader();
            setLeader(true);
            while (!closed && lease.isValid()) {
                pause();
            }
            if (!closed) {
                LOG.warn("Replica {} lost its etcd lease and stops leading", replicaId);
            }
        } finally {
            setLeader(false);
            if (campaign != null) {
                campaign.cancel(true);
            }
            if (closed && key != null) {
                try {
                    client.getElectionClient().resign(key).get(2, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // revoking the lease below ends the leadership anyway
                }
            }
            lease.close(closed);
        }
    }

    private void setLeader(boolean value) {
        if (leader != value) {
            leader = value;
            LOG.info("Replica {} {} the leader", replicaId, value ? "is now" : "is no longer");
            for (Consumer<Boolean> listener : listeners) {
                try {
                    listener.accept(value);
                } catch (RuntimeException e) {
                    LOG.warn("Leadership listener failed", e);
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops leading (resigning, so another replica takes over at once) and stops campaigning. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (campaigner == null) {
            return;
        }
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
