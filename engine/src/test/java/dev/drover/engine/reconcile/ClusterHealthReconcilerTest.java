package dev.drover.engine.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.reconcile.clusterhealth.ClusterHealthReconciler;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import dev.drover.engine.workloads.WorkloadsReadModel;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class ClusterHealthReconcilerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path directory;
    private SqliteResourceStore store;
    private DownstreamFixture clients;
    private ClusterHealthReconciler health;
    private ClusterStatusUpdater statuses;

    @BeforeEach
    void open() {
        client.nodes().delete(); // the mock server lives as long as the class
        client.pods().inAnyNamespace().delete();
        store = SqliteResourceStore.open(directory);
        clients = new DownstreamFixture().with("c-up", client);
        statuses = new ClusterStatusUpdater(store);
        health = new ClusterHealthReconciler(clients, statuses, Clock.systemUTC());
        JsonCodec<Cluster> codec = new JsonCodec<>(Cluster.class);
        for (String id : new String[] {"c-up", "c-down"}) {
            store.create(ObjectKey.of(Cluster.KIND, id), Map.of(),
                    codec.encode(new Cluster(id, id, Cluster.Type.DIRECT, "https://" + id, Cluster.ClusterStatus.EMPTY)));
        }
        server.setVersionInfo(new VersionInfo.Builder().withGitVersion("v1.32.4").withMajor("1").withMinor("32").build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static void node(String name, boolean ready) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addToAllocatable("cpu", new Quantity("4")).addToAllocatable("memory", new Quantity("8Gi"))
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build()).create();
    }

    @Test
    void recordsVersionNodesCapacityAndRequests() throws Exception {
        // given
        node("n1", true);
        node("n2", false);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withNewResources()
                .addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("512Mi"))
                .endResources().endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
        // when
        ReconcileResult result = health.reconcile("c-up");
        // then
        Cluster cluster = statuses.get("c-up").orElseThrow();
        assertThat(result).isEqualTo(ReconcileResult.requeueAfter(ClusterHealthReconciler.INTERVAL));
        assertThat(cluster.status().kubernetesVersion()).as(cluster.status().conditions().toString()).isEqualTo("v1.32.4");
        assertThat(cluster.status().capacity()).isEqualTo(new Cluster.Capacity(2, 1, 8000, 16L * 1024 * 1024 * 1024, 250, 512L * 1024 * 1024));
        Condition ready = cluster.status().condition("Ready").orElseThrow();
        assertThat(ready.status()).isEqualTo("True");
        assertThat(ready.message()).contains("1 of 2 nodes ready");
    }

    @Test
    void anUnreachableClusterIsMarkedNotReadyAndCheckedAgainLater() throws Exception {
        ReconcileResult result = health.reconcile("c-down");
        Condition ready = statuses.get("c-down").orElseThrow().status().condition("Ready").orElseThrow();
        assertThat(ready.status()).isEqualTo("False");
        assertThat(ready.reason()).isEqualTo("Unreachable");
        assertThat(result).isInstanceOf(ReconcileResult.RequeueAfter.class);
    }

    @Test
    void anUnchangedStatusIsNotWrittenAgain() throws Exception {
        node("n1", true);
        health.reconcile("c-up");
        long revision = store.currentRevision();
        health.reconcile("c-up");
        assertThat(store.currentRevision()).isEqualTo(revision);
    }

    @Test
    void onceTheReadModelHasSyncedRequestsComeFromItInsteadOfAPodList() throws Exception {
        // given: a pod, and the read model following the cluster
        node("n1", true);
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("api").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withNewResources()
                .addToRequests("cpu", new Quantity("1500m")).addToRequests("memory", new Quantity("1Gi"))
                .endResources().endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
        try (WorkloadsReadModel workloads = new WorkloadsReadModel(clients)) {
            workloads.follow("c-up");
            await().atMost(Duration.ofSeconds(10)).until(() -> workloads.podRequests("c-up").isPresent());
            ClusterHealthReconciler cached = new ClusterHealthReconciler(clients, statuses, Clock.systemUTC(), workloads::podRequests);
            while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
                // forget the informers' requests
            }
            // when
            cached.reconcile("c-up");
            // then: version and nodes are asked for, pods are not
            assertThat(statuses.get("c-up").orElseThrow().status().capacity())
                    .isEqualTo(new Cluster.Capacity(1, 1, 4000, 8L * 1024 * 1024 * 1024, 1500, 1024L * 1024 * 1024));
            List<String> paths = new ArrayList<>();
            for (var request = server.takeRequest(1, TimeUnit.MILLISECONDS); request != null; request = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
                paths.add(request.getPath());
            }
            assertThat(paths).anyMatch(p -> p.startsWith("/api/v1/nodes")).noneMatch(p -> p.startsWith("/api/v1/pods") && !p.contains("watch"));
        }
    }
}
