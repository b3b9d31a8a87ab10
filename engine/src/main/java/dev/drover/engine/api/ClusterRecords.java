package dev.drover.engine.api;

import dev.drover.engine.model.ClusterCredential;
import dev.drover.engine.model.ClusterRegistrationToken;
import dev.drover.engine.model.DownstreamSecret;
import dev.drover.engine.model.Event;
import dev.drover.engine.model.NodePool;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the store keeps about one cluster, so that deleting the cluster leaves nothing behind: its
 * events, projects, role bindings and node pools (namespace = cluster id), its auth-proxy credential and
 * its agents' registration tokens, and Drover's own sealed credential when the store keeps it.
 */
final class ClusterRecords {

    /**
     * Writes per commit: etcd refuses a transaction of more than 128 operations by default, and each
     * delete is one guard and one operation there. SQLite takes any number, but one size keeps both alike.
     */
    static final int BATCH = 100;
    /** Sweeps for records written while the cluster was being deleted (a reconciler's last event). */
    private static final int SWEEPS = 3;

    private static final List<String> NAMESPACED = List.of(Event.KIND, NodePool.KIND, Project.KIND, RoleBinding.KIND);

    private ClusterRecords() {
    }

    /**
     * Commits {@code first} (the cluster and its name index) together with as many of the cluster's records
     * as fit in one batch, then deletes the rest in further batches. The cluster goes first so that
     * reconcilers stop writing for it; a record they wrote meanwhile is caught by the next sweep.
     */
    static void delete(ResourceStore store, List<Write.Delete> first, String clusterId) {
        List<Write> batch = new ArrayList<>(first);
        List<Write.Delete> owned = owned(store, clusterId);
        int head = Math.min(owned.size(), Math.max(0, BATCH - batch.size()));
        batch.addAll(owned.subList(0, head));
        store.commit(batch);
        List<Write.Delete> rest = owned.subList(head, owned.size());
        for (int sweep = 0; sweep < SWEEPS && !rest.isEmpty(); sweep++) {
            try {
                for (int from = 0; from < rest.size(); from += BATCH) {
                    store.commit(List.copyOf(rest.subList(from, Math.min(rest.size(), from + BATCH))));
                }
            } catch (NotFoundException gone) {
                // another writer (event expiry, a concurrent delete) removed one first: list again
            }
            rest = owned(store, clusterId);
        }
    }

    /** The deletes of every record that belongs to the cluster, at their listed revision's key (any revision). */
    static List<Write.Delete> owned(ResourceStore store, String clusterId) {
        List<Write.Delete> deletes = new ArrayList<>();
        for (String kind : NAMESPACED) {
            store.list(new ListRequest(kind, clusterId, LabelSelector.EVERYTHING, 0, null)).items().stream()
                    .map(object -> new Write.Delete(object.key(), 0)).forEach(deletes::add);
        }
        Optional<StoredObject> credential = store.get(ObjectKey.of(ClusterCredential.KIND, clusterId));
        credential.ifPresent(object -> deletes.add(new Write.Delete(object.key(), 0)));
        // Drover's own credential, when kept in the store (replicated servers)
        store.get(ObjectKey.of(DownstreamSecret.KIND, clusterId)).ifPresent(object -> deletes.add(new Write.Delete(object.key(), 0)));
        store.list(new ListRequest(ClusterRegistrationToken.KIND, null, LabelSelector.parse("cluster=" + clusterId), 0, null)).items()
                .stream().map(object -> new Write.Delete(object.key(), 0)).forEach(deletes::add);
        return deletes;
    }
}
