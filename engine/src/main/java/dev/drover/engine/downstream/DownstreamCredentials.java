package dev.drover.engine.downstream;

import java.util.Optional;

/**
 * Where the credentials Drover uses for {@code DIRECT} clusters are kept. Behind an interface so the
 * storage can change (an encrypted store kind, a secret manager) without touching the clients or the
 * API. Implementations are thread-safe and may block on I/O.
 */
public interface DownstreamCredentials {

    /** The credential for the cluster, if one was saved. */
    Optional<DownstreamCredential> find(String clusterId);

    /** Saves or replaces the cluster's credential. Idempotent. */
    void save(String clusterId, DownstreamCredential credential);

    /** Forgets the cluster's credential. Idempotent. */
    void remove(String clusterId);
}
