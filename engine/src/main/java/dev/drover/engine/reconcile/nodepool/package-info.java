/**
 * The {@code nodepool} reconciler: keeps each RKE cluster's node pools at their quantity, taking machines
 * from a {@link dev.drover.engine.reconcile.nodepool.NodeDriver} (first driver: existing hosts over SSH),
 * replacing nodes unhealthy for too long, and applying membership changes through the RKE provisioner.
 */
package dev.drover.engine.reconcile.nodepool;
