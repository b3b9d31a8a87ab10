package dev.drover.engine.runtime;

/**
 * Which per-cluster keys this replica reconciles. A single server owns every key; replicas on etcd split
 * the cluster ids between them (issue #9, {@code engine.ha.HashRing}) and the split changes when a replica
 * joins or leaves, after which every {@link ReconcileLoop} built with this ownership re-balances: it queues
 * the keys it now owns and releases the ones it lost.
 */
public interface Ownership {

    /** Whether this replica reconciles {@code key} now. Any thread; cheap (called for every queued key). */
    boolean owns(String key);

    /**
     * Calls {@code listener} after every change of the split, on an unspecified thread. The listener must
     * return quickly. Not called for the state at registration.
     */
    void onChange(Runnable listener);

    /** For a single server: every key, for ever. */
    static Ownership all() {
        return new Ownership() {
            @Override
            public boolean owns(String key) {
                return true;
            }

            @Override
            public void onChange(Runnable listener) {
                // the split never changes
            }
        };
    }
}
