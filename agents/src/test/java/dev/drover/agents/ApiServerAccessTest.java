package dev.drover.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerAccessTest {

    @TempDir
    Path directory;

    @Test
    void inAClusterReportsTheServiceAndTheServiceAccountPreferringTheLongLivedToken() throws Exception {
        // given
        Files.writeString(directory.resolve("token"), "projected-token\n");
        Files.writeString(directory.resolve("ca.crt"), "CA PEM\n");
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.43.0.1", "KUBERNETES_SERVICE_PORT", "443");
        // when
        ApiServerAccess projected = ApiServerAccess.read(env, directory);
        ApiServerAccess longLived = ApiServerAccess.read(Map.of("KUBERNETES_SERVICE_HOST", "fd00::1",
                ApiServerAccess.API_TOKEN, "long-lived"), directory);
        // then
        assertThat(projected).isEqualTo(new ApiServerAccess("https://10.43.0.1:443", "projected-token", "CA PEM"));
        assertThat(longLived.server()).isEqualTo("https://[fd00::1]:443");
        assertThat(longLived.token()).isEqualTo("long-lived");
        assertThat(projected.toString()).doesNotContain("projected-token");
        assertThat(new String(Base64.getDecoder().decode(projected.caBase64()), StandardCharsets.US_ASCII)).isEqualTo("CA PEM");
    }

    @Test
    void outsideAClusterReportsTheKubeconfigsCurrentContext() throws Exception {
        // given
        Path kubeconfig = directory.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: b
                contexts:
                  - {name: a, context: {cluster: one, user: u1}}
                  - {name: b, context: {cluster: two, user: u2}}
                clusters:
                  - {name: one, cluster: {server: "https://one:6443"}}
                  - {name: two, cluster: {server: "https://two:6443", certificate-authority-data: "%s"}}
                users:
                  - {name: u1, user: {token: t1}}
                  - {name: u2, user: {token: t2}}
                """.formatted(Base64.getEncoder().encodeToString("TWO CA".getBytes(StandardCharsets.US_ASCII))));
        // when
        ApiServerAccess access = ApiServerAccess.read(Map.of("KUBECONFIG", kubeconfig.toString()), directory.resolve("none"));
        ApiServerAccess missing = ApiServerAccess.read(Map.of("KUBECONFIG", directory.resolve("absent").toString()), directory);
        // then
        assertThat(access).isEqualTo(new ApiServerAccess("https://two:6443", "t2", "TWO CA"));
        assertThat(access.complete()).isTrue();
        assertThat(missing.complete()).isFalse();
    }
}
