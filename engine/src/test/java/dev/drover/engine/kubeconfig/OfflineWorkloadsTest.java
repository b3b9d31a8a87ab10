package dev.drover.engine.kubeconfig;

import dev.drover.engine.api.MockServerShutdown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.api.OfflineKubeconfigs;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline recovery's read-only workloads view: {@link OfflineKubeconfigs#workloads} reads a cluster through a direct
 * context kept in the vault, with that context's CA and token. fabric8's mock server over HTTPS is the test double of
 * the cluster's API server.
 */
class OfflineWorkloadsTest {

    private static final String TOKEN = "token-fghij:s3cr3t";

    @TempDir
    Path dataDirectory;
    private KubernetesMockServer apiServer;
    private KubernetesClient arrange;

    @BeforeEach
    void startApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations),
                true, new VersionInfo.Builder().withGitVersion("v1.32.4").withMajor("1").withMinor("32").build());
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        arrange = apiServer.createClient();
    }

    @AfterEach
    void stopApiServer() {
        arrange.close();
        MockServerShutdown.stop(apiServer);
    }

    private OfflineKubeconfigs vaultWith(String caPem, int port) throws IOException {
        ClusterAccess cluster = new ClusterAccess("c-fghij", "edge", true, "", caPem, List.of(
                new ClusterAccess.ControlPlaneNode("cp1", "localhost", port),
                new ClusterAccess.ControlPlaneNode("cp2", "127.0.0.1", 1)));
        new KubeconfigVault(dataDirectory.resolve("kubeconfig-vault"), Clock.systemUTC()).save("edge",
                KubeconfigBuilder.build(new KubeconfigRequest("https://127.0.0.1:2", "", "bob", TOKEN, List.of(cluster), true, true)));
        return OfflineKubeconfigs.open(dataDirectory);
    }

    @Test
    void listsTheWorkloadsOfTheClusterThroughADirectContextWithItsCaAndToken() throws Exception {
        // given a cluster with one of each kind, and an export that kept a direct context to it
        arrange.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata().withName("web")
                .withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(3).endSpec().withNewStatus().withReadyReplicas(2).endStatus().build()).create();
        arrange.apps().statefulSets().inNamespace("shop").resource(new StatefulSetBuilder().withNewMetadata().withName("db")
                .withNamespace("shop").endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
        arrange.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder().withNewMetadata().withName("proxy")
                .withNamespace("kube-system").endMetadata().withNewStatus().withNumberReady(4).withDesiredNumberScheduled(5).endStatus()
                .build()).create();
        arrange.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-1").withNamespace("shop").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer()
                .addNewContainer().withName("sidecar").withImage("envoy").endContainer().endSpec()
                .withNewStatus().addNewContainerStatus().withName("web").withReady(true).endContainerStatus()
                .addNewContainerStatus().withName("sidecar").withReady(false).endContainerStatus().endStatus().build()).create();
        String mockCa = Files.readString(Path.of(apiServer.getSelfSignedCertificate().certificatePath()));
        OfflineKubeconfigs vault = vaultWith(mockCa, apiServer.getPort());
        OfflineKubeconfigs.Entry edge = vault.directContexts().getFirst();

        // when
        List<OfflineKubeconfigs.Workload> workloads = vault.workloads(edge);

        // then every kind is listed with its readiness, sorted by namespace, kind and name; the token was sent
        assertThat(workloads).extracting(w -> w.kind() + " " + w.namespace() + "/" + w.name() + " " + w.ready()).containsExactly(
                "DaemonSet kube-system/proxy 4/5", "Deployment shop/web 2/3", "Pod shop/web-1 1/2", "StatefulSet shop/db 0/1");
        assertThat(workloads.get(1).created()).isNotNull();
        assertThat(apiServer.getLastRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aDeadClusterOrAWrongCaIsOneSentenceNamingTheContext() throws Exception {
        try (SelfSignedTls otherServer = new SelfSignedTls(TOKEN)) {
            // given a vault whose first context trusts another CA than the API server's, and whose second one is dead
            OfflineKubeconfigs vault = vaultWith(otherServer.certificatePem, apiServer.getPort());
            List<OfflineKubeconfigs.Entry> entries = vault.directContexts();

            // when / then: neither lists anything, each says which context and why, and no token leaks into the message
            assertThatThrownBy(() -> vault.workloads(entries.get(0))).isInstanceOf(IOException.class)
                    .hasMessage("Cannot read the workloads through edge-cp1: the API server's certificate is not signed by the context's CA.")
                    .hasMessageNotContaining("s3cr3t");
            assertThatThrownBy(() -> vault.workloads(entries.get(1))).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Cannot read the workloads through edge-cp2: the API server did not answer (")
                    .hasMessageEndingWith(").");
            assertThatThrownBy(() -> vault.workloads(new OfflineKubeconfigs.Entry("gone", "https://127.0.0.1:3")))
                    .hasMessageContaining("no longer holds");
        }
    }
}
