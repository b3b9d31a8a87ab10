package dev.drover.engine.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineRecoveryTest {

    private static final String TOKEN = "token-abcde:s3cr3t";

    @TempDir
    Path directory;

    @Test
    void findsTestsAndWritesTheDirectContextsWhileTheServerIsGone() throws Exception {
        try (SelfSignedTls apiServer = new SelfSignedTls(TOKEN)) {
            // given: an export with a proxy context (server gone) and two direct ones (one dead node)
            ClusterAccess cluster = new ClusterAccess("c-abcde", "prod", true, "", apiServer.certificatePem, List.of(
                    new ClusterAccess.ControlPlaneNode("alive", "127.0.0.1", apiServer.port()),
                    new ClusterAccess.ControlPlaneNode("dead", "127.0.0.1", 1)));
            KubeconfigVault vault = new KubeconfigVault(directory.resolve("vault"), Clock.systemUTC());
            vault.save("prod", KubeconfigBuilder.build(new KubeconfigRequest("https://127.0.0.1:2", "", "alice", TOKEN,
                    List.of(cluster), true, true)));
            // when
            List<Kubeconfig.Context> direct = vault.directContexts();
            List<OfflineRecovery.ContextCheck> checks = new OfflineRecovery(Duration.ofSeconds(3)).testAll(direct);
            Path recovered = directory.resolve("recovered.yaml");
            OfflineRecovery.writeDirectOnly(recovered, checks.stream().filter(OfflineRecovery.ContextCheck::usable)
                    .map(OfflineRecovery.ContextCheck::context).toList());
            // then
            assertThat(direct).extracting(Kubeconfig.Context::name).containsExactly("prod-alive", "prod-dead");
            assertThat(checks.get(0).usable()).as(checks.get(0).detail()).isTrue();
            assertThat(checks.get(1).usable()).isFalse();
            assertThat(checks.get(1).detail()).startsWith("unreachable");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recovered))).isEqualTo("rw-------");
            assertThat(KubeconfigBuilderTest.kubectl(recovered, "config", "get-contexts", "-o", "name").strip()).isEqualTo("prod-alive");
        }
    }

    @Test
    void aRejectedTokenIsReportedAsSuch() throws Exception {
        try (SelfSignedTls apiServer = new SelfSignedTls("token-other:x")) {
            Kubeconfig.Context context = new Kubeconfig.Context("c", "https://127.0.0.1:" + apiServer.port(), apiServer.certificatePem, TOKEN);
            OfflineRecovery.ContextCheck check = new OfflineRecovery(Duration.ofSeconds(3)).test(context);
            assertThat(check.usable()).isFalse();
            assertThat(check.detail()).contains("401");
        }
    }

    @Test
    void anUntrustedCertificateIsNotUsable() throws Exception {
        try (SelfSignedTls apiServer = new SelfSignedTls(TOKEN); SelfSignedTls other = new SelfSignedTls(TOKEN)) {
            Kubeconfig.Context wrongCa = new Kubeconfig.Context("c", "https://127.0.0.1:" + apiServer.port(), other.certificatePem, TOKEN);
            assertThat(new OfflineRecovery(Duration.ofSeconds(3)).test(wrongCa).usable()).isFalse();
        }
    }

    @Test
    void theVaultIsPrivateKeepsTheNewestCopyAndSkipsDamagedFiles() throws Exception {
        MutableClock clock = new MutableClock();
        KubeconfigVault vault = new KubeconfigVault(directory.resolve("vault"), clock);
        ClusterAccess old = new ClusterAccess("c-1", "prod", true, "", "", List.of(new ClusterAccess.ControlPlaneNode("cp", "10.0.0.1", 6443)));
        ClusterAccess moved = new ClusterAccess("c-1", "prod", true, "", "", List.of(new ClusterAccess.ControlPlaneNode("cp", "10.0.0.9", 6443)));
        Path first = vault.save("prod", KubeconfigBuilder.build(new KubeconfigRequest("https://d", "", "u", TOKEN, List.of(old), true, true)));
        clock.now = clock.now.plusSeconds(60);
        vault.save("prod", KubeconfigBuilder.build(new KubeconfigRequest("https://d", "", "u", TOKEN, List.of(moved), true, true)));
        Files.writeString(vault.directory().resolve("29990101T000000000Z-broken.yaml"), "{{ not yaml");

        assertThat(vault.directContexts()).singleElement().extracting(Kubeconfig.Context::server).isEqualTo("https://10.0.0.9:6443");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.directory()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-------");
        assertThatThrownBy(() -> vault.save("bad", "kind: Pod")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OfflineRecovery.writeDirectOnly(directory.resolve("x"), List.of()))
                .hasMessageContaining("No direct contexts");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
