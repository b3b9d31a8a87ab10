package dev.drover.engine.provision.rke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlDrainerTest {

    @TempDir
    Path directory;

    @Test
    void drainFollowsRkesNodeDrainInput() {
        // given
        KubectlDrainer drainer = new KubectlDrainer(Path.of("/c/kube_config_it.yml"));
        // when
        var command = drainer.drainCommand("n1", new NodeDrainer.DrainOptions(Duration.ofSeconds(120), true, false));
        // then
        assertThat(command).containsExactly("kubectl", "--kubeconfig", "/c/kube_config_it.yml", "--request-timeout=30s", "drain", "n1",
                "--force", "--timeout=120s", "--ignore-daemonsets");
    }

    @Test
    void anUnreachableApiServerFailsWithKubectlsReason() throws Exception {
        // given: the real kubectl, pointed at a port nothing listens on
        Path kubeconfig = directory.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: c, context: {cluster: c, user: u}}]
                current-context: c
                """);
        // when / then
        assertThatThrownBy(() -> new KubectlDrainer(kubeconfig).cordon("n1")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("`kubectl cordon n1` failed: ").hasMessageContaining("127.0.0.1:1");
    }
}
