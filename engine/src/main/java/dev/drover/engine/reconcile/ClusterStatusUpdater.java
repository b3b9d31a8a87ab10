package dev.drover.engine.reconcile;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes a cluster's status with optimistic concurrency: read, change, write if still at the read
 * revision, retry on conflict. Several reconcilers write different parts of one status; this keeps them
 * from overwriting each other. An unchanged status is not written, so no watch event is sent for nothing.
 */
public final class ClusterStatusUpdater {

    private static final int ATTEMPTS = 10;

    private final ResourceStore store;
    private final ConditionListener conditions;
    private final JsonCodec<Cluster> codec = new JsonCodec<>(Cluster.class);

    public ClusterStatusUpdater(ResourceStore store) {
        this(store, (clusterId, before, after) -> { });
    }

    /** @param conditions told of every condition this updater wrote changed (after the write, on the writer's thread) */
    public ClusterStatusUpdater(ResourceStore store, ConditionListener conditions) {
        this.store = store;
        this.conditions = conditions;
    }

    /** Hears condition changes, e.g. to record them as cluster events. Must not throw; may block briefly. */
    @FunctionalInterface
    public interface ConditionListener {
        /** {@code after} was written where {@code before} (empty: none of its type) was. */
        void changed(String clusterId, Optional<Condition> before, Condition after);
    }

    /** Applies {@code change} to the cluster's status; returns the cluster as stored, empty if it is gone. */
    public Optional<Cluster> update(String clusterId, UnaryOperator<Cluster.ClusterStatus> change) {
        ObjectKey key = ObjectKey.of(Cluster.KIND, clusterId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredObject> stored = store.get(key);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            Cluster current = codec.decode(stored.get());
            Cluster.ClusterStatus status = change.apply(current.status());
            if (status.equals(current.status())) {
                return Optional.of(current);
            }
            Cluster updated = current.withStatus(status);
            try {
                store.update(key, stored.get().revision(), stored.get().labels(), codec.encode(updated));
                tellChanged(clusterId, current.status(), status);
                return Optional.of(updated);
            } catch (ConflictException raced) {
                // another reconciler wrote first: apply our change to its result
            } catch (NotFoundException deleted) {
                return Optional.empty();
            }
        }
        throw new ConflictException("Cluster " + clusterId + " status kept changing during " + ATTEMPTS + " attempts");
    }

    private void tellChanged(String clusterId, Cluster.ClusterStatus before, Cluster.ClusterStatus after) {
        for (Condition condition : after.conditions()) {
            Optional<Condition> old = before.condition(condition.type());
            if (old.isEmpty() || !old.get().equals(condition)) {
                conditions.changed(clusterId, old, condition);
            }
        }
    }

    /** The cluster, if it exists. */
    public Optional<Cluster> get(String clusterId) {
        return store.get(ObjectKey.of(Cluster.KIND, clusterId)).map(codec::decode);
    }
}
