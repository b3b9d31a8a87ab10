package dev.drover.engine.reconcile.workloadcache;

import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.workloads.WorkloadsReadModel;
import java.time.Duration;

/**
 * Keeps the workloads read model following exactly the clusters that exist (key: cluster id): starts
 * informers when a cluster can be reached, starts them again when they stopped, drops the cache when
 * the cluster is deleted or, on replicas, when another replica becomes its owner.
 */
public final class WorkloadCacheReconciler implements Reconciler<String> {

    public static final String NAME = "workloadcache";
    private static final Duration RECHECK = Duration.ofSeconds(30);

    private final ResourceStore store;
    private final WorkloadsReadModel workloads;

    public WorkloadCacheReconciler(ResourceStore store, WorkloadsReadModel workloads) {
        this.store = store;
        this.workloads = workloads;
    }

    @Override
    public ReconcileResult reconcile(String clusterId) {
        if (store.get(ObjectKey.of(Cluster.KIND, clusterId)).isEmpty()) {
            workloads.forget(clusterId);
            return ReconcileResult.done();
        }
        try {
            workloads.follow(clusterId);
            // informers whose first list fails stop for good: look again, as the health check does
            return ReconcileResult.requeueAfter(RECHECK);
        } catch (ClusterUnreachableException e) {
            return ReconcileResult.requeueAfter(RECHECK);
        }
    }
}
