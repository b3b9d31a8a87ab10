package dev.drover.engine.ha;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One etcd lease kept alive for as long as this replica runs. {@link #isValid} turns false as soon as
 * keep-alives fail or stop arriving for two thirds of the TTL: a replica must give up what the lease
 * guards (leadership, its membership key) before etcd can expire it and hand it to someone else.
 */
final class ReplicaLease implements AutoCloseable {

    private final Client client;
    private final long id;
    private final long ttlNanos;
    private final CloseableClient keepAlive;
    private volatile long lastRenewal = System.nanoTime();
    private volatile boolean lost;

    private ReplicaLease(Client client, long id, Duration ttl) {
        this.client = client;
        this.id = id;
        this.ttlNanos = ttl.toNanos();
        this.keepAlive = client.getLeaseClient().keepAlive(id, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
                if (response.getTTL() > 0) {
                    lastRenewal = System.nanoTime();
                } else {
                    lost = true;
                }
            }

            @Override
            public void onError(Throwable failure) {
                lost = true;
            }

            @Override
            public void onCompleted() {
                lost = true;
            }
        });
    }

    /** Grants a lease of {@code ttl} (whole seconds, at least 2) and starts keeping it alive. Blocks. */
    static ReplicaLease grant(Client client, Duration ttl, Duration timeout) throws Exception {
        long seconds = Math.max(2, ttl.toSeconds());
        long id = client.getLeaseClient().grant(seconds).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getID();
        return new ReplicaLease(client, id, Duration.ofSeconds(seconds));
    }

    long id() {
        return id;
    }

    boolean isValid() {
        return !lost && System.nanoTime() - lastRenewal < ttlNanos * 2 / 3;
    }

    /** Stops keep-alives; with {@code revoke} also ends the lease at once, so its keys go now, not at expiry. */
    void close(boolean revoke) {
        keepAlive.close();
        if (revoke) {
            try {
                client.getLeaseClient().revoke(id).get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // etcd expires the lease at its TTL anyway
            }
        }
    }

    @Override
    public void close() {
        close(true);
    }
}
