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
}
