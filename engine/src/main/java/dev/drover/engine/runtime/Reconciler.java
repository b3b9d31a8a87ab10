package dev.drover.engine.runtime;

/**
 * Brings one object (named by its key) from its current state towards its desired state.
 *
 * <p>Called by a {@link ReconcileLoop} worker thread (a virtual thread), never for the same key on two
 * threads at once. Must be idempotent: the loop calls it again after restarts, resyncs and retries.
 * Throwing counts as a failure and retries the key with backoff.
 *
 * @param <K> the key type, usually a cluster id or an object name
 */
@FunctionalInterface
public interface Reconciler<K> {

    ReconcileResult reconcile(K key) throws Exception;

    /**
     * Called, by a worker of the loop, when this replica stops owning {@code key} ({@link Ownership}):
     * drop whatever is held for it (informers, caches) so only its new owner holds them. Never called
     * for the same key at the same time as {@link #reconcile}. The default holds nothing.
     */
    default void release(K key) {
        // stateless reconcilers hold nothing per key
    }
}
