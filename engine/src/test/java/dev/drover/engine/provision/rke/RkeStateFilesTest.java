package dev.drover.engine.provision.rke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.pki.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RkeStateFilesTest {

    @TempDir
    Path directory;

    @Test
    void stateAndAdminKubeconfigAreOwnerOnlyAndRoundTrip() throws Exception {
        // given
        RkeClusterConfig config = ClusterYamlParser.parse("""
                cluster_name: lab
                nodes:
                  - {address: 127.0.0.1, user: u, role: [etcd, controlplane, worker]}
                """).config();
        var bundle = RkeCertificates.generate(config, KeyAlgorithm.ECDSA_P256);
        Path clusterYml = directory.resolve("cluster.yml");
        RkeState state = new RkeState(new RkeState.State(config, bundle, List.of("127.0.0.1"), List.of("ETCD")), null);
        // when
        RkeStateFiles.writeState(RkeStateFiles.statePath(clusterYml), state);
        RkeStateFiles.writeAdminKubeconfig(RkeStateFiles.kubeconfigPath(clusterYml), config, bundle);
        // then
        Path stateFile = directory.resolve("cluster.rkestate");
        Path kubeconfig = directory.resolve("kube_config_cluster.yml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
        RkeState read = RkeStateFiles.readState(stateFile).orElseThrow();
        assertThat(read.desiredState().rkeConfig()).isEqualTo(config);
        assertThat(read.desiredState().certificatesBundle()).isEqualTo(bundle);
        assertThat(read.desiredState().completedPlanes()).containsExactly("ETCD");
        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "config", "view", "--raw", "-o",
                "jsonpath={.clusters[0].cluster.server} {.users[0].name}").redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("https://127.0.0.1:6443 kube-admin-lab");
    }

    @Test
    void aDamagedStateFileIsReportedNotReplaced() throws Exception {
        Path stateFile = directory.resolve("cluster.rkestate");
        Files.writeString(stateFile, "{ not json");
        assertThatThrownBy(() -> RkeStateFiles.readState(stateFile)).hasMessageContaining("cluster.rkestate").hasMessageContaining("left as is");
        assertThat(Files.readString(stateFile)).isEqualTo("{ not json");
        assertThat(RkeStateFiles.readState(directory.resolve("missing.rkestate"))).isEmpty();
    }
}
