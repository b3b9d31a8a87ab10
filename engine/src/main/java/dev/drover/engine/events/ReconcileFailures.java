package dev.drover.engine.events;

import dev.drover.engine.model.Event;
import dev.drover.engine.runtime.Reconciler;

/**
 * Records a per-cluster reconciler's failures as Warning events of that cluster (reason
 * {@value #REASON}, object {@code Reconciler/<name>}), then rethrows so the loop retries with backoff as
 * before. Repeats fold into one event's count, so a cluster failing every few seconds costs one record.
 */
public final class ReconcileFailures {

    public static final String REASON = "ReconcileFailed";

    private ReconcileFailures() {
    }

    /** {@code reconciler}, keyed by cluster id, reporting its failures into {@code events}. */
    public static Reconciler<String> reporting(ClusterEvents events, String name, Reconciler<String> reconciler) {
        return new Reconciler<>() {
            @Override
            public dev.drover.engine.runtime.ReconcileResult reconcile(String clusterId) throws Exception {
                try {
                    return reconciler.reconcile(clusterId);
                } catch (InterruptedException e) {
                    throw e; // shutting down, not a failure of the cluster
                } catch (Exception e) {
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    events.record(clusterId, Event.WARNING, REASON, name + " failed: " + why, "Reconciler/" + name);
                    throw e;
                }
            }

            @Override
            public void release(String clusterId) {
                reconciler.release(clusterId); // another replica took the cluster: its resources go too
            }
        };
    }
}
