package dev.drover.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowListTest {

    @TempDir
    Path directory;

    @Test
    void inClusterTheServiceEnvironmentNamesTheApiServer() {
        // when
        AllowList list = AllowList.detect(Map.of("KUBERNETES_SERVICE_HOST", "10.43.0.1", "KUBERNETES_SERVICE_PORT", "443"));
        // then
        assertThat(list.allows("10.43.0.1:443")).isTrue();
        assertThat(list.allows("kubernetes.default.svc:443")).isTrue();
        assertThat(list.allows("10.43.0.1:22")).isFalse();
        assertThat(list.allows("169.254.169.254:80")).isFalse();
    }

    @Test
    void outsideAClusterTheKubeconfigsCurrentContextDecides() throws Exception {
        // given
        Path kubeconfig = directory.resolve("config");
        Files.writeString(kubeconfig, """
                current-context: b
                contexts:
                  - {name: a, context: {cluster: one}}
                  - {name: b, context: {cluster: two}}
                clusters:
                  - {name: one, cluster: {server: "https://one.example:6443"}}
                  - {name: two, cluster: {server: "https://Two.Example"}}
                """);
        // when
        AllowList list = AllowList.detect(Map.of("KUBECONFIG", kubeconfig.toString()));
        // then
        assertThat(list.targets()).containsExactly("two.example:443");
        assertThatThrownBy(() -> AllowList.detect(Map.of("KUBECONFIG", directory.resolve("missing").toString())))
                .hasMessageContaining("Set KUBECONFIG");
    }

    @Test
    void backoffGrowsWithJitterUpToItsCeilingAndResets() {
        // given
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(1));
        // when / then
        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
        assertThat(backoff.next().toMillis()).isBetween(100L, 200L);
        for (int i = 0; i < 10; i++) {
            assertThat(backoff.next().toMillis()).isBetween(0L, 2_000L);
        }
        assertThat(backoff.next().toMillis()).isBetween(1_000L, 2_000L);
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }
}
