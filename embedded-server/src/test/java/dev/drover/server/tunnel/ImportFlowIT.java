package dev.drover.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.ClusterRegistrationToken;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.tunnel.ImportInstructions;
import dev.drover.server.DroverServer;
import dev.drover.tunnel.protocol.CaChecksum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Importing a cluster: token, manifest served over TLS, and the command to show. */
class ImportFlowIT {

    @TempDir
    Path directory;
    private DroverServer server;

    @BeforeEach
    void start() {
        server = ServerFixture.start(directory, 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void importedClusterGetsATokenAManifestAndTheKubectlCommand() {
        // given
        String cluster = ServerFixture.createImportedCluster(server, "c-import");
        // when
        ImportInstructions instructions = server.imports().start(cluster);
        ServerFixture.HttpResult manifest = ServerFixture.get(server, instructions.manifestUrl());
        ServerFixture.HttpResult ca = ServerFixture.get(server, server.url() + "/cacerts");
        // then
        assertThat(instructions.manifestUrl()).startsWith(server.url() + "/v3/import/").endsWith(".yaml");
        assertThat(instructions.kubectlCommand()).isEqualTo("kubectl apply -f " + instructions.manifestUrl());
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(kinds(manifest.body())).containsExactly("Namespace", "ServiceAccount", "ClusterRole",
                "ClusterRoleBinding", "Secret", "Secret", "Deployment", "DaemonSet");
        Map<String, String> env = ServerFixture.agentEnvironment(manifest.body());
        assertThat(env).containsEntry("DROVER_SERVER", server.url())
                .containsEntry("DROVER_TOKEN", instructions.token())
                .containsEntry("DROVER_CA_CHECKSUM", CaChecksum.of(ca.body()));
        assertThat(CaChecksum.of(ca.body())).isEqualTo(server.caChecksum());
        assertThat(manifest.body()).contains("fieldPath: spec.nodeName").contains("node-agent");
    }

    @Test
    void storeKeepsOnlyASaltedHashOfTheToken() {
        // given
        String cluster = ServerFixture.createImportedCluster(server, "c-hash");
        // when
        String token = server.imports().start(cluster).token();
        // then
        var stored = server.store().list(ListRequest.all(ClusterRegistrationToken.KIND)).items();
        assertThat(stored).hasSize(1);
        String secret = token.substring(token.indexOf('.') + 1);
        assertThat(stored.getFirst().body()).doesNotContain(secret).contains(cluster);
        ClusterRegistrationToken record = new JsonCodec<>(ClusterRegistrationToken.class).decode(stored.getFirst());
        assertThat(record.secretHash()).hasSize(64);
    }

    @Test
    void unknownTokenGets404AndOnlyImportedClustersImport() {
        assertThat(ServerFixture.get(server, server.url() + "/v3/import/abcdefghij." + "x".repeat(48) + ".yaml").status())
                .isEqualTo(404);
        assertThat(ServerFixture.get(server, server.url() + "/nothing-here").status()).isEqualTo(404);
        Cluster direct = new Cluster("c-direct", "direct", Cluster.Type.DIRECT, "https://k8s.example:6443", null);
        server.store().create(ObjectKey.of(Cluster.KIND, direct.id()), Map.of(), new JsonCodec<>(Cluster.class).encode(direct));
        assertThatThrownBy(() -> server.imports().start("c-direct")).hasMessageContaining("not an imported cluster");
        assertThatThrownBy(() -> server.imports().start("c-nope")).hasMessageContaining("does not exist");
    }

    @SuppressWarnings("unchecked")
    private static List<String> kinds(String yaml) {
        List<String> kinds = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            kinds.add((String) ((Map<String, Object>) document).get("kind"));
        }
        return kinds;
    }
}
