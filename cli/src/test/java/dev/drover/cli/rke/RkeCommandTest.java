package dev.drover.cli.rke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RkeCommandTest {

    @TempDir
    Path directory;

    @Test
    void aMissingClusterYmlIsBadInput() {
        CliRun.Result result = new CliRun().run("rke", "up", "--config", directory.resolve("nope.yml").toString());
        assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).isEqualTo("drover: There is no cluster.yml at " + directory.resolve("nope.yml") + " (pass --config FILE).\n");
    }

    @Test
    void anInvalidClusterYmlListsFieldAndLineAndTouchesNothing() throws Exception {
        // given
        Path clusterYml = Files.writeString(directory.resolve("cluster.yml"), """
                cluster_name: demo
                nodes:
                  - address: 10.0.0.1
                    user: ubuntu
                    role: [etcd, captain]
                """);
        // when
        CliRun.Result result = new CliRun().run("rke", "up", "--config", clusterYml.toString());
        // then
        assertThat(result.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).startsWith("drover: cluster.yml").contains("line 5", "captain");
        assertThat(directory.resolve("cluster.rkestate")).doesNotExist();
    }

    @Test
    void anUnreachableNodeFailsTheRunInOneSentenceWithExitOne() throws Exception {
        // given: a valid cluster.yml whose only node refuses SSH connections
        Path key = Files.writeString(directory.resolve("id_ed25519"), "not a key");
        Path clusterYml = Files.writeString(directory.resolve("cluster.yml"), """
                cluster_name: demo
                nodes:
                  - address: 127.0.0.1
                    port: 1
                    user: ubuntu
                    role: [etcd, controlplane, worker]
                    ssh_key_path: %s
                """.formatted(key));
        // when
        CliRun.Result result = new CliRun().run("rke", "up", "--config", clusterYml.toString(),
                "--known-hosts", directory.resolve("known_hosts").toString());
        // then
        assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).startsWith("drover: ").contains("127.0.0.1").doesNotContain("\tat ");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void snapshotRestoreNeedsAName() {
        CliRun.Result result = new CliRun().run("rke", "etcd", "snapshot-restore");
        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("drover: Missing required option: '--name=NAME'");
    }

    @Test
    void removeRefusesWithoutConfirmationWhenNobodyCanBeAsked() throws Exception {
        Path clusterYml = Files.writeString(directory.resolve("cluster.yml"), "cluster_name: demo\n");
        CliRun.Result result = new CliRun().run("rke", "remove", "--config", clusterYml.toString());
        assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).isEqualTo("drover: Not confirmed: nothing was removed (pass --force in scripts).\n");
    }
}
