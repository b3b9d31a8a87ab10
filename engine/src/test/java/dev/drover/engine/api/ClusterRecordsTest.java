package dev.drover.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.ClusterCredential;
import dev.drover.engine.model.ClusterRegistrationToken;
import dev.drover.engine.model.Event;
import dev.drover.engine.model.NodePool;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Write;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a cluster removes every record of it from a real SQLite store, in batches, and nothing of other clusters. */
class ClusterRecordsTest {

    private static final List<String> KINDS = List.of(Cluster.KIND, LocalManagementApi.CLUSTER_NAME_KIND, Event.KIND, Project.KIND,
            RoleBinding.KIND, NodePool.KIND, ClusterCredential.KIND, ClusterRegistrationToken.KIND);

    @TempDir
    Path directory;

    /** A cluster's records, with more events than fit in one batch. */
    private static void arrange(SqliteResourceStore store, String clusterId, int events) {
        List<Write> writes = new ArrayList<>();
        writes.add(new Write.Create(ObjectKey.of(Cluster.KIND, clusterId), Map.of(), "{}"));
        writes.add(new Write.Create(ObjectKey.of(LocalManagementApi.CLUSTER_NAME_KIND, "name-" + clusterId), Map.of(), "{}"));
        for (int i = 0; i < events; i++) {
            writes.add(new Write.Create(new ObjectKey(Event.KIND, clusterId, "e-" + i), Map.of(), "{}"));
        }
        writes.add(new Write.Create(new ObjectKey(Project.KIND, clusterId, "p-aaaaa"), Map.of(), "{}"));
        writes.add(new Write.Create(new ObjectKey(RoleBinding.KIND, clusterId, "rb-1"), Map.of(), "{}"));
        writes.add(new Write.Create(new ObjectKey(NodePool.KIND, clusterId, "pool-1"), Map.of(), "{}"));
        writes.add(new Write.Create(ObjectKey.of(ClusterCredential.KIND, clusterId), Map.of(), "{}"));
        writes.add(new Write.Create(ObjectKey.of(ClusterRegistrationToken.KIND, "t-" + clusterId), Map.of("cluster", clusterId), "{}"));
        store.commit(writes);
    }

    private static List<StoredObject> everything(SqliteResourceStore store) {
        return KINDS.stream().flatMap(kind -> store.list(ListRequest.all(kind)).items().stream()).toList();
    }

    private static boolean of(StoredObject object, String clusterId) {
        ObjectKey key = object.key();
        return clusterId.equals(key.namespace()) || key.name().contains(clusterId) || clusterId.equals(object.labels().get("cluster"));
    }

    @Test
    void deletesEveryRecordOfTheClusterAndNothingElse() {
        try (SqliteResourceStore store = SqliteResourceStore.open(directory)) {
            // given: two clusters, the one to delete with more records than one batch holds
            arrange(store, "c-gone1", ClusterRecords.BATCH * 2 + 7);
            arrange(store, "c-kept1", 3);
            List<StoredObject> kept = everything(store).stream().filter(o -> of(o, "c-kept1")).toList();
            // when
            ClusterRecords.delete(store, List.of(new Write.Delete(ObjectKey.of(Cluster.KIND, "c-gone1"), 0),
                    new Write.Delete(ObjectKey.of(LocalManagementApi.CLUSTER_NAME_KIND, "name-c-gone1"), 0)), "c-gone1");
            // then
            assertThat(everything(store)).noneMatch(o -> of(o, "c-gone1"));
            assertThat(everything(store)).containsExactlyInAnyOrderElementsOf(kept);
            assertThat(Stream.of(Event.KIND, Project.KIND, RoleBinding.KIND, NodePool.KIND))
                    .allSatisfy(kind -> assertThat(store.list(ListRequest.all(kind)).items()).isNotEmpty());
        }
    }
}
