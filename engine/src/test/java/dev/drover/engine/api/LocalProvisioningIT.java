package dev.drover.engine.api;

import static dev.drover.engine.api.ManagementApiContract.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.provision.rke.EtcdProcessRuntime;
import dev.drover.engine.provision.rke.NetnsNodes;
import dev.drover.engine.provision.rke.ProvisionOptions;
import dev.drover.engine.provision.rke.RecordingDrainer;
import dev.drover.engine.provision.rke.RecordingNodeRuntime;
import dev.drover.engine.provision.rke.RkeProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's engine calls against real machines: two sshd nodes in network namespaces. Provisioning runs
 * the real provisioner with a real etcd; the components that need Docker images go to the recording test
 * double. "Test SSH" runs the production check (Docker over SSH), which these machines fail for lack of Docker.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LocalProvisioningIT {

    private static NetnsNodes nodes;

    @TempDir
    Path dataDirectory;

    @BeforeAll
    static void startNodes() throws Exception {
        NetnsNodes.assumeAvailable();
        nodes = NetnsNodes.start("wiz", 7, 2);
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private RkeClusterSpec spec(String name) {
        List<NetnsNodes.Node> n = nodes.nodes();
        String key = nodes.clientKey().toString();
        return RkeClusterSpec.defaults(name, List.of(
                new RkeNodeSpec(new NodeAccess(n.get(0).address(), 22, "root", key), Set.of(RkeRole.ETCD, RkeRole.CONTROLPLANE)),
                new RkeNodeSpec(new NodeAccess(n.get(1).address(), 22, "root", key), Set.of(RkeRole.WORKER))));
    }

    @Test
    void provisioningReportsEveryPlaneAndNodeInOrderAndRegistersTheClusterAndACancelledRunResumes() throws Exception {
        nodes.reset();
        try (LocalManagementApi api = LocalManagementApi.openLab(dataDirectory)) {
            // given: the provisioner on these machines (etcd for real, image-based components recorded)
            RecordingNodeRuntime recording = new RecordingNodeRuntime();
            api.provisioning.useProvisioners(ssh -> new RkeProvisioner(ssh, new EtcdProcessRuntime(recording),
                    kubeconfig -> new RecordingDrainer(recording), ProvisionOptions.DEFAULTS.withHealthTimeouts(Duration.ofSeconds(30),
                    Duration.ofSeconds(5)).withCleanDirectories(List.of("/etc/kubernetes", "/var/lib/etcd"))), dataDirectory.resolve("rke"));
            String yaml = result(api.renderClusterYaml(spec("lab-one")));
            assertThat(result(api.validateClusterYaml(yaml))).isEmpty();

            // when: cancelled as soon as it starts
            RecordingProvisioningListener cancelled = new RecordingProvisioningListener();
            api.provisionRkeCluster("lab-one", yaml, cancelled).cancel();
            // then: it ends cancelled, with a hint, and nothing is registered
            await().atMost(Duration.ofSeconds(60)).until(cancelled::ended);
            assertThat(cancelled.last()).isInstanceOfSatisfying(ProvisioningEvent.Failed.class, failed -> {
                assertThat(failed.cancelled()).isTrue();
                assertThat(failed.hint()).contains("resume");
            });
            assertThat(result(api.listClusters())).isEmpty();

            // when: run again under the same name
            RecordingProvisioningListener listener = new RecordingProvisioningListener();
            ProvisioningRun run = api.provisionRkeCluster("lab-one", yaml, listener);
            ClusterSummary cluster = run.completion().get(90, TimeUnit.SECONDS);

            // then: registered as an RKE cluster, listed
            assertThat(cluster.kind()).isEqualTo(ClusterKind.RKE);
            assertThat(cluster.displayName()).isEqualTo("lab-one");
            assertThat(result(api.listClusters())).extracting(ClusterSummary::id).containsExactly(cluster.id());
            // and the progress: planes in order, each started then done, node steps on both machines, one delivery at a time
            assertThat(listener.overlapped).isFalse();
            assertThat(listener.of(ProvisioningEvent.PlaneUpdate.class)).extracting(p -> p.plane() + " " + p.state())
                    .containsSubsequence("PREPARE STARTED", "PREPARE DONE", "ETCD STARTED", "ETCD DONE",
                            "CONTROLPLANE STARTED", "CONTROLPLANE DONE", "WORKER STARTED", "WORKER DONE");
            assertThat(listener.of(ProvisioningEvent.NodeUpdate.class)).extracting(ProvisioningEvent.NodeUpdate::host)
                    .contains(nodes.nodes().get(0).address(), nodes.nodes().get(1).address());
            assertThat(listener.of(ProvisioningEvent.LogLine.class)).anySatisfy(l -> assertThat(l.text()).startsWith("registered lab-one as "));
            assertThat(listener.last()).isInstanceOf(ProvisioningEvent.Succeeded.class);
            // and RKE's files beside the cluster.yml, owner-only
            Path directory = dataDirectory.resolve("rke/lab-one");
            assertThat(directory.resolve("cluster.rkestate")).exists();
            assertThat(Files.getPosixFilePermissions(directory.resolve("cluster.yml")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
            assertThat(recording.calls()).anyMatch(c -> c.verb().equals("run") && c.name().equals("kube-apiserver"));
            // and kube-admin's certificate saved as the cluster's downstream credential, so the engine can reach it
            assertThat(new dev.drover.engine.downstream.CredentialFiles(dataDirectory.resolve("credentials")).find(cluster.id()))
                    .hasValueSatisfying(c -> assertThat(c.clientCertPem()).startsWith("-----BEGIN CERTIFICATE-----"));
        }
    }

    @Test
    void testSshReportsTheHostKeyAndThatTheMachineLacksDocker() throws Exception {
        try (LocalManagementApi api = LocalManagementApi.openLab(dataDirectory)) {
            // given: the production check, over SSH to a machine without Docker
            NetnsNodes.Node node = nodes.nodes().getFirst();
            String expected = NetnsNodes.sh("ssh-keygen -lf " + node.root().resolve("host_key.pub")).split(" ")[1];
            // when
            SshTestResult result = result(api.testSshNode(new NodeAccess(node.address(), 22, "root", nodes.clientKey().toString())));
            // then
            assertThat(result.reachable()).isTrue();
            assertThat(result.ready()).isFalse();
            assertThat(result.hostKeyFingerprint()).isEqualTo(expected);
            assertThat(result.message()).contains("Logged in as root@" + node.address(), "Docker does not answer", "install Docker");
        }
    }

    @Test
    void testSshWithAKeyTheMachineDoesNotKnowSaysWhereToAddIt() throws Exception {
        try (LocalManagementApi api = LocalManagementApi.openLab(dataDirectory)) {
            // given
            Path stranger = dataDirectory.resolve("stranger");
            NetnsNodes.sh("ssh-keygen -q -t ed25519 -N '' -f " + stranger);
            NetnsNodes.Node node = nodes.nodes().getLast();
            // when
            SshTestResult result = result(api.testSshNode(new NodeAccess(node.address(), 22, "root", stranger.toString())));
            // then
            assertThat(result.reachable()).isFalse();
            assertThat(result.hostKeyFingerprint()).startsWith("SHA256:");
            assertThat(result.message()).contains("was not accepted for user root", "~root/.ssh/authorized_keys on " + node.address());
        }
    }
}
