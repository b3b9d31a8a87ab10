package dev.drover.engine.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.model.Project;
import dev.drover.engine.reconcile.DownstreamFixture;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Informers against fabric8's CRUD mock API server, feeding the compact read model. */
@EnableKubernetesMockClient(crud = true)
class WorkloadsReadModelTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    KubernetesClient client; // an instance field: a fresh mock API server for every test

    private WorkloadsReadModel model;
    private final List<String> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                .addToAnnotations(Project.ANNOTATION, "c-1:p-shop").endMetadata().build()).create();
        client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .withNamespace("shop").endMetadata().withNewSpec().withReplicas(2).withNewTemplate().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReadyReplicas(2).withUpdatedReplicas(2).endStatus().build()).create();
        client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-7d9f8-abcde").withNamespace("shop")
                .addToLabels("pod-template-hash", "7d9f8").addNewOwnerReference().withKind("ReplicaSet").withName("web-7d9f8")
                .withApiVersion("apps/v1").withUid("u1").endOwnerReference().endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build()).create();
        model = new WorkloadsReadModel(new DownstreamFixture().with("c-1", client));
        model.addListener(new WorkloadListener() {
            @Override
            public void changed(Workload workload) {
                changes.add("changed " + workload.key() + " " + workload.desired());
            }

            @Override
            public void deleted(Workload workload) {
                changes.add("deleted " + workload.key());
            }
        });
    }

    @AfterEach
    void stop() {
        if (model != null) {
            model.close();
        }
        // before the extension stops the mock server: Vert.x 5's server close waits up to 10 s for each WebSocket's
        // closing handshake, so a watch whose close was still on its way made the mock's shutdown time out
        client.close();
    }

    @Test
    void listsWorkloadsAndPodsWithTheirProjectAndOwner() {
        // when
        model.follow("c-1");
        // then
        await().atMost(WAIT).until(() -> model.hasSynced("c-1") && model.list("c-1", Optional.empty(), true).size() == 2);
        Workload web = model.list("c-1", Optional.of("p-shop"), false).getFirst();
        assertThat(web.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(web.desired()).isEqualTo(2);
        assertThat(web.ready()).isEqualTo(2);
        assertThat(web.status()).isEqualTo("Running");
        assertThat(web.images()).containsExactly("nginx:1.27");
        assertThat(web.projectId()).isEqualTo("p-shop");
        Workload pod = model.podsOf("c-1", "shop", "Deployment/web").getFirst();
        assertThat(pod.node()).isEqualTo("node-1");
        assertThat(pod.ready()).isEqualTo(1);
        assertThat(model.list("c-1", Optional.of("p-other"), true)).isEmpty();
    }

    @Test
    void followsChangesAndDeletions() {
        model.follow("c-1");
        await().atMost(WAIT).until(() -> model.hasSynced("c-1"));
        // when
        client.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        client.pods().inNamespace("shop").withName("web-7d9f8-abcde").delete();
        // then
        await().atMost(WAIT).until(() -> changes.contains("changed DEPLOYMENT/shop/web 5") && changes.contains("deleted POD/shop/web-7d9f8-abcde"));
        Workload web = model.list("c-1", Optional.empty(), false).getFirst();
        assertThat(web.desired()).isEqualTo(5);
        assertThat(web.status()).isEqualTo("Updating");
        assertThat(model.list("c-1", Optional.empty(), true)).extracting(Workload::kind).doesNotContain(WorkloadKind.POD);
    }

    @Test
    void forgettingAClusterDropsItsCache() {
        model.follow("c-1");
        await().atMost(WAIT).until(() -> model.size() == 2);
        model.forget("c-1");
        assertThat(model.size()).isZero();
        assertThat(model.isFollowing("c-1")).isFalse();
        assertThat(model.list("c-1", Optional.empty(), true)).isEmpty();
    }
}
