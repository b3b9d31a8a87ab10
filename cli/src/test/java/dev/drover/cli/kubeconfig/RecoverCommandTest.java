package dev.drover.cli.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import dev.drover.engine.kubeconfig.ClusterAccess;
import dev.drover.engine.kubeconfig.KubeconfigBuilder;
import dev.drover.engine.kubeconfig.KubeconfigRequest;
import dev.drover.engine.kubeconfig.KubeconfigVault;
import dev.drover.engine.kubeconfig.SelfSignedTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoverCommandTest {

    private static final String TOKEN = "token-abcde:s3cr3t";

    @TempDir
    Path directory;

    @Test
    void writesTheDirectContextsThatAnswerAndKubectlUsesThem() throws Exception {
        try (SelfSignedTls apiServer = new SelfSignedTls(TOKEN)) {
            // given: an export kept in the vault; the Drover server (proxy context) is gone, one node is dead
            ClusterAccess prod = new ClusterAccess("c-abcde", "prod", true, "", apiServer.certificatePem, List.of(
                    new ClusterAccess.ControlPlaneNode("alive", "127.0.0.1", apiServer.port()),
                    new ClusterAccess.ControlPlaneNode("dead", "127.0.0.1", 1)));
            Path vault = directory.resolve("vault");
            new KubeconfigVault(vault, Clock.systemUTC()).save("prod", KubeconfigBuilder.build(
                    new KubeconfigRequest("https://127.0.0.1:2", "", "alice", TOKEN, List.of(prod), true, true)));
            Path output = directory.resolve("recovered.yaml");
            // when
            CliRun.Result result = new CliRun().run("kubeconfig", "recover", "--vault", vault.toString(), "-o", output.toString(), "--timeout", "3");
            // then
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).containsPattern("ok +prod-alive +https://127.0.0.1:" + apiServer.port() + " +reachable")
                    .containsPattern("FAIL +prod-dead +https://127.0.0.1:1 +unreachable")
                    .contains("Wrote " + output + " (0600) with 1 direct context; current context prod-alive.");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
            assertThat(kubectl(output, "config", "get-contexts", "-o", "name").strip()).isEqualTo("prod-alive");
            assertThat(kubectl(output, "version", "-o", "json")).contains("\"gitVersion\": \"v1.32.4\"");
        }
    }

    @Test
    void anEmptyVaultSaysWhatToDoAndWritesNothing() {
        // when
        Path output = directory.resolve("out.yaml");
        CliRun.Result result = new CliRun().run("kubeconfig", "recover", "--vault", directory.resolve("none").toString(), "-o", output.toString());
        // then
        assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).isEqualTo("drover: The vault at " + directory.resolve("none")
                + " holds no direct (ACE) contexts: export a kubeconfig with ACE contexts while the server is up.\n");
        assertThat(output).doesNotExist();
    }

    @Test
    void rkeRecoveryCopiesRkesAdminKubeconfigPrivately() throws Exception {
        // given
        Path clusterYml = Files.writeString(directory.resolve("cluster.yml"), "cluster_name: demo\n");
        String admin = "apiVersion: v1\nkind: Config\nclusters: []\n";
        Files.writeString(directory.resolve("kube_config_cluster.yml"), admin);
        Path output = directory.resolve("out/admin.yaml");
        // when
        CliRun.Result result = new CliRun().run("kubeconfig", "recover", "--rke-config", clusterYml.toString(), "-o", output.toString());
        // then
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.readString(output)).isEqualTo(admin);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output))).isEqualTo("rw-------");
    }

    @Test
    void rkeRecoveryWithoutStateFilesSaysSo() throws Exception {
        Path clusterYml = Files.writeString(directory.resolve("cluster.yml"), "cluster_name: demo\n");
        CliRun.Result result = new CliRun().run("kubeconfig", "recover", "--rke-config", clusterYml.toString(), "-o", directory.resolve("o").toString());
        assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).startsWith("drover: Neither kube_config_cluster.yml nor a cluster.rkestate with certificates is beside");
    }

    static String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl %s: %s", String.join(" ", args), output).isZero();
        return output;
    }
}
