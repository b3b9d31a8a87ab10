package dev.drover.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Project;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.reconcile.ClusterStatusUpdater;
import dev.drover.engine.reconcile.DownstreamFixture;
import dev.drover.engine.reconcile.projectnamespaces.ProjectNamespacesReconciler;
import dev.drover.engine.runtime.Leadership;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled engine: store changes trigger reconcilers that act on a (mock) downstream cluster. */
@EnableKubernetesMockClient(crud = true)
class EngineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path directory;
    private Engine engine;

    @BeforeEach
    void start() {
        server.setVersionInfo(new VersionInfo.Builder().withGitVersion("v1.31.2").withMajor("1").withMinor("31").build());
        engine = Engine.start(SqliteResourceStore.open(directory), new DownstreamFixture().with("c-live1", client),
                Clock.systemUTC(), Leadership.always(), List.of());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void seedsBuiltinRoleTemplatesOnce() {
        assertThat(engine.store().list(ListRequest.all(RoleTemplate.KIND)).items()).extracting(o -> o.key().name())
                .containsExactlyInAnyOrder("cluster-owner", "cluster-member", "project-owner", "project-member", "read-only");
        assertThat(engine.reconcilers().names()).containsExactly("clusterhealth", "kubeapiauth", "nodepool", "projectnamespaces", "rbacsync", "tokencleanup", "workloadcache");
    }

    @Test
    void aNewClusterIsCheckedAndItsProjectsAndBindingsReachIt() {
        // given a downstream cluster with a ready node and a namespace claimed by a project
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                .addToAnnotations(Project.ANNOTATION, "c-live1:p-shop").endMetadata().build()).create();
        // when the cluster, the project and a binding are registered
        engine.store().create(ObjectKey.of(Cluster.KIND, "c-live1"), Map.of(), new JsonCodec<>(Cluster.class)
                .encode(new Cluster("c-live1", "live", Cluster.Type.DIRECT, "https://example:6443", null)));
        engine.store().create(new ObjectKey(Project.KIND, "c-live1", "p-shop"), Map.of(),
                new JsonCodec<>(Project.class).encode(new Project("c-live1", "p-shop", "Shop", null)));
        engine.store().create(new ObjectKey(RoleBinding.KIND, "c-live1", "rb-1"), Map.of(),
                new JsonCodec<>(RoleBinding.class).encode(new RoleBinding("c-live1", "p-shop", "rb-1", "project-member", "carol", false)));
        // then
        ClusterStatusUpdater statuses = new ClusterStatusUpdater(engine.store());
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.get("c-live1").orElseThrow().status().condition("Ready"))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo("True")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.namespaces().withName("shop").get().getMetadata().getLabels())
                .containsEntry(ProjectNamespacesReconciler.PROJECT_LABEL, "p-shop"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.rbac().roleBindings().inNamespace("shop").withName("drover-rb-1").get())
                .isNotNull());
        await().atMost(WAIT).until(() -> engine.workloads().isFollowing("c-live1") && engine.workloads().hasSynced("c-live1"));
    }

    @Test
    void anUnreachableClusterDoesNotHoldUpAReachableOne() {
        // given many clusters that cannot be reached, registered first
        JsonCodec<Cluster> codec = new JsonCodec<>(Cluster.class);
        for (int i = 0; i < 50; i++) {
            String id = "c-dead" + i;
            engine.store().create(ObjectKey.of(Cluster.KIND, id), Map.of(), codec.encode(new Cluster(id, id, Cluster.Type.IMPORTED, "", null)));
        }
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-x").endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).createOr(r -> r.update());
        // when
        engine.store().create(ObjectKey.of(Cluster.KIND, "c-live1"), Map.of(), codec.encode(new Cluster("c-live1", "live", Cluster.Type.DIRECT, "https://x", null)));
        // then
        ClusterStatusUpdater statuses = new ClusterStatusUpdater(engine.store());
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.get("c-live1").orElseThrow().status().condition("Ready"))
                .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo("True")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses.get("c-dead49").orElseThrow().status().condition("Ready"))
                .hasValueSatisfying(c -> assertThat(c.reason()).isEqualTo("Unreachable")));
    }
}
