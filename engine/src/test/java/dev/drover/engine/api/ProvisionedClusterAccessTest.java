package dev.drover.engine.api;

import static dev.drover.engine.api.ManagementApiContract.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.downstream.CredentialFiles;
import dev.drover.engine.downstream.DownstreamCredential;
import dev.drover.engine.pki.KeyAlgorithm;
import dev.drover.engine.provision.rke.ClusterYamlParser;
import dev.drover.engine.provision.rke.RkeCertificates;
import dev.drover.engine.provision.rke.RkeClusterConfig;
import dev.drover.engine.provision.rke.RkeState;
import dev.drover.engine.provision.rke.RkeStateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster the wizard built is reached with kube-admin's client certificate from cluster.rkestate and turns
 * Active (issue #7). The API server is {@link MockDownstream}, a test double that cannot check client
 * certificates; the TLS handshake with kube-ca as the trusted CA and the loading of the ECDSA key are real.
 */
class ProvisionedClusterAccessTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aProvisionedClusterIsReachedWithKubeAdminsCertificateAndTurnsActive() throws Exception {
        try (MockDownstream apiServer = new MockDownstream(); LocalManagementApi api = LocalManagementApi.openLab(dataDirectory)) {
            // given: cluster.rkestate as a successful run leaves it, kube-ca being the CA the API server's double presents
            String yaml = result(api.renderClusterYaml(RkeClusterSpec.defaults("built", List.of(new RkeNodeSpec(
                    new NodeAccess("10.0.0.1", 22, "root", "/root/.ssh/id_ed25519"), Set.of(RkeRole.ETCD, RkeRole.CONTROLPLANE, RkeRole.WORKER))))));
            RkeClusterConfig config = ClusterYamlParser.parse(yaml).config();
            Map<String, RkeCertificates.Entry> bundle = new HashMap<>(RkeCertificates.generate(config, KeyAlgorithm.ECDSA_P256));
            bundle.put(RkeCertificates.KUBE_CA, new RkeCertificates.Entry(RkeCertificates.KUBE_CA, apiServer.certificatePem(), ""));
            Path clusterYml = dataDirectory.resolve("rke/built/cluster.yml");
            Files.createDirectories(clusterYml.getParent());
            Files.writeString(clusterYml, yaml);
            RkeState.State applied = new RkeState.State(config, bundle, List.of("10.0.0.1"), List.of("ETCD", "CONTROLPLANE", "WORKER"));
            RkeStateFiles.writeState(RkeStateFiles.statePath(clusterYml), new RkeState(applied, applied));

            // when: the run's success step registers it, at the double's address
            ClusterSummary registered = api.provisioning.registerBuilt(ClusterRequests.newCluster(new NewCluster("built", ClusterKind.RKE, "")),
                    config, clusterYml, apiServer.url());

            // then: clusterhealth reaches the API server with that credential and the cluster turns Active
            assertThat(registered.kind()).isEqualTo(ClusterKind.RKE);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(result(api.listClusters()))
                    .singleElement().satisfies(c -> assertThat(c.state()).isEqualTo("Active")));
            // and the credential is kube-admin's certificate and key with kube-ca, in an owner-only file
            DownstreamCredential saved = new CredentialFiles(dataDirectory.resolve("credentials")).find(registered.id()).orElseThrow();
            RkeCertificates.Entry admin = bundle.get(RkeCertificates.ADMIN);
            assertThat(saved).isEqualTo(DownstreamCredential.clientCertificate(admin.certificatePem(), admin.keyPem(), apiServer.certificatePem()));
            assertThat(saved.toString()).doesNotContain(admin.keyPem());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dataDirectory.resolve("credentials/" + registered.id() + ".json")))).isEqualTo("rw-------");

            // when: deleted
            result(api.deleteCluster(registered.id()));
            // then: its credential goes with it
            assertThat(dataDirectory.resolve("credentials/" + registered.id() + ".json")).doesNotExist();
        }
    }
}
