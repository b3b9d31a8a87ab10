/**
 * Reconcile machinery shared by every reconciler: {@link dev.drover.engine.runtime.WorkQueue} (per-key
 * de-duplication, delayed adds), {@link dev.drover.engine.runtime.Backoff} (per-key exponential retry),
 * {@link dev.drover.engine.runtime.ReconcileLoop} (workers, resync) and
 * {@link dev.drover.engine.runtime.ReconcileResult}, like java-operator-sdk's processing package;
 * {@link dev.drover.engine.runtime.Leadership} (run-once loops) and {@link dev.drover.engine.runtime.Ownership}
 * (each replica's share of the per-cluster keys) say where loops run.
 */
package dev.drover.engine.runtime;
