/**
 * Offline recovery: when the Drover server cannot be reached, the direct (ACE) contexts kept in the local
 * kubeconfig vault are listed, tested against each cluster's API server, browsed read-only (the workloads
 * of one reachable context: {@code OfflineWorkloadsView} + {@code OfflineWorkloadsViewModel}), and written to a kubeconfig.
 * {@code OfflineView} + {@code OfflineViewModel} over {@link dev.drover.app.offline.OfflineVault}, an
 * interface of this package because {@code dev.drover.engine.api} does not expose the vault yet (see the
 * module README).
 */
package dev.drover.app.offline;
