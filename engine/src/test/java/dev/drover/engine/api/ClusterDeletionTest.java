package dev.drover.engine.api;

import static dev.drover.engine.api.ManagementApiContract.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.ClusterCredential;
import dev.drover.engine.model.Event;
import dev.drover.engine.model.NodePool;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deleteCluster in the lab engine leaves nothing of the cluster in the store file (issue #5). */
class ClusterDeletionTest {

    @TempDir
    Path dataDirectory;

    private static List<StoredObject> of(SqliteResourceStore store, String clusterId) {
        return List.of(Cluster.KIND, LocalManagementApi.CLUSTER_NAME_KIND, Event.KIND, Project.KIND, RoleBinding.KIND, NodePool.KIND,
                        ClusterCredential.KIND).stream()
                .flatMap(kind -> store.list(ListRequest.all(kind)).items().stream())
                .filter(o -> clusterId.equals(o.key().namespace()) || o.key().name().equals(clusterId) || o.body().contains(clusterId))
                .toList();
    }

    @Test
    void deletingAClusterRemovesItsEventsProjectsAndBindingsButNotAnotherClusters() throws Exception {
        String gone;
        String kept;
        try (LocalManagementApi api = LocalManagementApi.openLab(dataDirectory)) {
            // given: two clusters, each with a project, a project member and the events those made
            gone = result(api.createCluster(new NewCluster("gone", ClusterKind.IMPORTED, ""))).id();
            kept = result(api.createCluster(new NewCluster("kept", ClusterKind.IMPORTED, ""))).id();
            for (String id : List.of(gone, kept)) {
                ProjectSummary project = result(api.createProject(id, new NewProject("team", null)));
                result(api.addMember(new NewMember(id, project.id(), "devs", true, "project-member")));
                await().atMost(Duration.ofSeconds(10)).until(() -> !result(api.listClusterEvents(id)).isEmpty());
            }
            // when
            result(api.deleteCluster(gone));
            // then: the API no longer knows it, the other cluster keeps its records
            assertThat(result(api.listClusters())).extracting(ClusterSummary::id).containsExactly(kept);
            assertThat(result(api.listProjects(kept))).hasSize(1);
            assertThat(result(api.listMembers(kept, result(api.listProjects(kept)).getFirst().id()))).hasSize(1);
        }
        // and the store file holds nothing of the deleted cluster
        try (SqliteResourceStore store = SqliteResourceStore.open(dataDirectory)) {
            assertThat(of(store, gone)).isEmpty();
            assertThat(of(store, kept)).extracting(o -> o.key().kind()).contains(Cluster.KIND, Event.KIND, Project.KIND, RoleBinding.KIND);
        }
    }
}
