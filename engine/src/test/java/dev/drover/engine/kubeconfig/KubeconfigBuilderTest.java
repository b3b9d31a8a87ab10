package dev.drover.engine.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks generated kubeconfigs with the real kubectl on the machine. */
class KubeconfigBuilderTest {

    static final String SERVER_CA = "-----BEGIN CERTIFICATE-----\nMIIBserver\n-----END CERTIFICATE-----\n";
    static final String CLUSTER_CA = "-----BEGIN CERTIFICATE-----\nMIIBcluster\n-----END CERTIFICATE-----\n";

    @TempDir
    Path directory;

    static ClusterAccess prod() {
        return new ClusterAccess("c-abcde", "Prod EU", true, "", CLUSTER_CA, List.of(
                new ClusterAccess.ControlPlaneNode("cp1", "10.0.0.11", 6443),
                new ClusterAccess.ControlPlaneNode("cp2", "10.0.0.12", 6443)));
    }

    static KubeconfigRequest request(List<ClusterAccess> clusters, boolean proxy, boolean ace) {
        return new KubeconfigRequest("https://drover.example:8443/", SERVER_CA, "alice", "token-x1y2z:secret", clusters, proxy, ace);
    }

    @Test
    void proxyAndPerNodeDirectContextsRoundTripThroughKubectl() throws Exception {
        // given
        ClusterAccess staging = new ClusterAccess("c-fghij", "staging", true, "api.staging.example", CLUSTER_CA, List.of());
        ClusterAccess noAce = new ClusterAccess("c-klmno", "dev", false, "", "", List.of());
        String yaml = KubeconfigBuilder.build(request(List.of(prod(), staging, noAce), true, true));
        Path file = directory.resolve("config");
        // when
        SecretFiles.write(file, yaml);
        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(kubectl(file, "config", "get-contexts", "-o", "name").lines().toList()).containsExactlyInAnyOrder(
                "prod-eu", "prod-eu-cp1", "prod-eu-cp2", "staging", "staging-fqdn", "dev");
        assertThat(kubectl(file, "config", "current-context").strip()).isEqualTo("prod-eu");
        String server = kubectl(file, "config", "view", "--raw", "-o", "jsonpath={.clusters[?(@.name==\"prod-eu\")].cluster.server}");
        assertThat(server).isEqualTo("https://drover.example:8443/k8s/clusters/c-abcde");
        assertThat(kubectl(file, "config", "view", "--raw", "-o", "jsonpath={.clusters[?(@.name==\"prod-eu-cp2\")].cluster.server}"))
                .isEqualTo("https://10.0.0.12:6443");
        assertThat(kubectl(file, "config", "view", "--raw", "-o", "jsonpath={.clusters[?(@.name==\"staging-fqdn\")].cluster.server}"))
                .isEqualTo("https://api.staging.example:443");
        String ca = kubectl(file, "config", "view", "--raw", "-o", "jsonpath={.clusters[?(@.name==\"prod-eu-cp1\")].cluster.certificate-authority-data}");
        assertThat(new String(java.util.Base64.getDecoder().decode(ca), StandardCharsets.US_ASCII)).isEqualTo(CLUSTER_CA);
        assertThat(kubectl(file, "config", "view", "--raw", "-o", "jsonpath={.users[0].user.token}")).isEqualTo("token-x1y2z:secret");
        // and kubectl's own re-serialisation parses back to the same contexts
        Kubeconfig reparsed = Kubeconfig.parse(kubectl(file, "config", "view", "--raw"));
        assertThat(reparsed.contexts()).hasSize(6);
    }

    @Test
    void aceOnlyLeavesOutProxyContexts() {
        Kubeconfig config = Kubeconfig.parse(KubeconfigBuilder.build(request(List.of(prod()), false, true)));
        assertThat(config.contexts()).extracting(Kubeconfig.Context::name).containsExactly("prod-eu-cp1", "prod-eu-cp2");
        assertThat(config.contexts()).allMatch(Kubeconfig.Context::isDirect);
    }

    @Test
    void ipv6NodesAreBracketed() {
        ClusterAccess v6 = new ClusterAccess("c-v6v6v", "v6", true, "", CLUSTER_CA,
                List.of(new ClusterAccess.ControlPlaneNode("n1", "fd00::1", 6443)));
        assertThat(KubeconfigBuilder.directEndpoints(v6)).containsEntry("n1", "https://[fd00::1]:6443");
    }

    static String kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
