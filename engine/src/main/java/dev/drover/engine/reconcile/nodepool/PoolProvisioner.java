package dev.drover.engine.reconcile.nodepool;

import java.util.List;

/**
 * Makes a cluster consist of exactly {@code members}: new ones provisioned, missing ones removed from the
 * cluster. {@link RkePoolProvisioner} does it with the RKE provisioner. Blocking, idempotent, may take
 * minutes; called by the reconciler's worker thread, never for the same cluster at once.
 */
@FunctionalInterface
public interface PoolProvisioner {

    void apply(String clusterId, List<PoolMember> members) throws Exception;
}
