package dev.drover.engine.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.api.OfflineKubeconfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's offline vault ({@code engine.api}) over the files an export leaves in the data directory. */
class OfflineKubeconfigsTest {

    private static final String TOKEN = "token-fghij:s3cr3t";

    @TempDir
    Path dataDirectory;

    @Test
    void listsTestsAndRecoversTheDirectContextsOfTheDataDirectorysVault() throws Exception {
        try (SelfSignedTls apiServer = new SelfSignedTls(TOKEN)) {
            // given: an export kept where lab mode and remote exports keep it
            ClusterAccess cluster = new ClusterAccess("c-fghij", "edge", true, "", apiServer.certificatePem, List.of(
                    new ClusterAccess.ControlPlaneNode("cp1", "127.0.0.1", apiServer.port()),
                    new ClusterAccess.ControlPlaneNode("cp2", "127.0.0.1", 1)));
            new KubeconfigVault(dataDirectory.resolve("kubeconfig-vault"), Clock.systemUTC()).save("edge",
                    KubeconfigBuilder.build(new KubeconfigRequest("https://127.0.0.1:2", "", "bob", TOKEN, List.of(cluster), true, true)));
            OfflineKubeconfigs vault = OfflineKubeconfigs.open(dataDirectory);
            // when
            List<OfflineKubeconfigs.Entry> entries = vault.directContexts();
            OfflineKubeconfigs.Check alive = vault.test(entries.get(0));
            OfflineKubeconfigs.Check dead = vault.test(entries.get(1));
            Path recovered = dataDirectory.resolve("recovered.yaml");
            vault.writeDirectOnly(recovered, List.of(entries.get(0)));
            // then: no proxy context, no token in what the console sees; the file works with kubectl
            assertThat(entries).extracting(OfflineKubeconfigs.Entry::name).containsExactly("edge-cp1", "edge-cp2");
            assertThat(entries.toString()).doesNotContain("s3cr3t");
            assertThat(alive.usable()).as(alive.detail()).isTrue();
            assertThat(dead.usable()).isFalse();
            assertThat(dead.detail()).startsWith("unreachable");
            assertThat(vault.test(new OfflineKubeconfigs.Entry("gone", "https://127.0.0.1:3")).detail()).contains("no longer holds");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recovered))).isEqualTo("rw-------");
            assertThat(KubeconfigBuilderTest.kubectl(recovered, "config", "get-contexts", "-o", "name").strip()).isEqualTo("edge-cp1");
        }
    }
}
