/**
 * Reconcile machinery shared by every reconciler: {@link dev.drover.engine.runtime.WorkQueue} (per-key
 * de-duplication, delayed adds), {@link dev.drover.engine.runtime.Backoff} (per-key exponential retry),
 * {@link dev.drover.engine.runtime.ReconcileLoop} (workers, resync) and
 * {@link dev.drover.engine.runtime.ReconcileResult}, like java-operator-sdk's processing package.
 */
package dev.drover.engine.runtime;
