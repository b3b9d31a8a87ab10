package dev.drover.engine.provision.rke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.engine.provision.rke.ssh.KnownHosts;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provisioner against four real machines (network namespaces with their own sshd): etcd runs for
 * real as a three-member TLS cluster on the generated certificates; the other components, which need
 * Docker and Kubernetes images, go to {@link RecordingNodeRuntime}, a test double that validates their
 * commands on the nodes.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RkeProvisionerIT {

    private static NetnsNodes nodes;
    private static List<NetnsNodes.Node> n;

    @TempDir
    Path directory;

    private KnownHosts knownHosts;
    private RecordingNodeRuntime recording;
    private RkeProvisioner provisioner;
    private Path clusterYml;

    @BeforeAll
    static void startNodes() throws Exception {
        NetnsNodes.assumeAvailable();
        nodes = NetnsNodes.start("rkit", 2, 4);
        n = nodes.nodes();
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @BeforeEach
    void freshNodes() throws Exception {
        nodes.reset();
        recording = new RecordingNodeRuntime();
        knownHosts = KnownHosts.open(directory.resolve("known_hosts"));
        SshConnector ssh = new SshConnector(knownHosts, Duration.ofSeconds(10));
        provisioner = new RkeProvisioner(ssh, new EtcdProcessRuntime(recording), kubeconfig -> new RecordingDrainer(recording),
                ProvisionOptions.DEFAULTS.withHealthTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5))
                        .withCleanDirectories(List.of("/etc/kubernetes", "/var/lib/etcd")));
        clusterYml = directory.resolve("cluster.yml");
    }

    /** n1, n2: etcd + control plane; n3: etcd + worker; n4: worker (or whatever {@code n4Roles} says). */
    private RkeClusterConfig config(String n4Roles, String extra) throws Exception {
        String yaml = """
                cluster_name: it
                ssh_key_path: %s
                nodes:
                  - {address: %s, user: root, role: [etcd, controlplane]}
                  - {address: %s, user: root, role: [etcd, controlplane]}
                  - {address: %s, user: root, role: [etcd, worker]}
                  - {address: %s, user: root, role: [%s]}
                %s""".formatted(nodes.clientKey(), n.get(0).address(), n.get(1).address(), n.get(2).address(), n.get(3).address(), n4Roles, extra);
        Files.writeString(clusterYml, yaml);
        return RkeProvisioner.read(clusterYml);
    }

    private RkeState state() throws Exception {
        return RkeStateFiles.readState(RkeStateFiles.statePath(clusterYml)).orElseThrow();
    }

    private EtcdClient etcd(String... addresses) throws Exception {
        return new EtcdClient(directory.resolve("etcdctl-" + System.nanoTime()), state().desiredState().certificatesBundle(), List.of(addresses));
    }

    private List<String> runs(String host) {
        return recording.calls().stream().filter(c -> c.host().equals(host) && c.verb().equals("run")).map(RecordingNodeRuntime.Call::name).toList();
    }

    @Test
    void upBuildsARealEtcdClusterAndEveryComponentAndARerunChangesNothing() throws Exception {
        // given
        RkeClusterConfig config = config("worker", "");
        // when
        ProvisionResult result = provisioner.up(config, clusterYml);
        // then: a real three-member TLS etcd cluster on the generated certificates
        assertThat(result.completedPlanes()).containsExactly("PREPARE", "ETCD", "CONTROLPLANE", "WORKER");
        EtcdClient etcd = etcd(n.get(0).address(), n.get(1).address(), n.get(2).address());
        assertThat(etcd.run("endpoint health")).contains(n.get(0).address() + ":2379 is healthy", n.get(1).address() + ":2379 is healthy",
                n.get(2).address() + ":2379 is healthy");
        assertThat(etcd.run("member list")).contains("started, etcd-" + n.get(0).address(), "started, etcd-" + n.get(2).address());
        // and every other component where RKE puts it, with the docker command RKE would send
        assertThat(runs(n.get(0).address())).containsExactlyInAnyOrder("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "kube-proxy");
        assertThat(runs(n.get(2).address())).containsExactlyInAnyOrder("etcd", "kubelet", "kube-proxy", "nginx-proxy");
        assertThat(runs(n.get(3).address())).containsExactlyInAnyOrder("kubelet", "kube-proxy", "nginx-proxy");
        assertThat(recording.calls()).filteredOn(c -> c.name().equals("kube-apiserver") && c.verb().equals("run")).first()
                .satisfies(c -> assertThat(c.detail()).startsWith("docker run -d --name kube-apiserver --restart=always --net=host -v "
                        + "/etc/kubernetes:/etc/kubernetes:z --label io.rancher.rke.container.name=kube-apiserver"));
        // and the files: keys owner-only, control-plane secrets only on control-plane nodes
        Path ssl0 = n.get(0).hostPath("/etc/kubernetes").resolve("ssl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ssl0.resolve("kube-apiserver-key.pem")))).isEqualTo("rw-------");
        assertThat(n.get(3).hostPath("/etc/kubernetes").resolve("ssl/kube-apiserver-key.pem")).doesNotExist();
        assertThat(n.get(3).hostPath("/etc/kubernetes").resolve("ssl/kubecfg-kube-node.yaml")).exists();
        assertThat(state().currentState().completedPlanes()).containsExactly("PREPARE", "ETCD", "CONTROLPLANE", "WORKER");
        assertThat(RkeStateFiles.kubeconfigPath(clusterYml)).exists();

        // when: the same cluster.yml again
        String etcdPid = Files.readString(n.get(0).hostPath("/opt/rke").resolve("test-runtime/etcd/pid"));
        long certTime = Files.getLastModifiedTime(ssl0.resolve("kube-apiserver.pem")).toMillis();
        recording.clear();
        ProvisionResult again = provisioner.up(config, clusterYml);
        // then: nothing that changes a node
        assertThat(again.unchanged()).as("%s", again).isTrue();
        assertThat(recording.changingCalls()).isEmpty();
        assertThat(Files.readString(n.get(0).hostPath("/opt/rke").resolve("test-runtime/etcd/pid"))).isEqualTo(etcdPid);
        assertThat(Files.getLastModifiedTime(ssl0.resolve("kube-apiserver.pem")).toMillis()).isEqualTo(certTime);
    }

    @Test
    void addingAnEtcdNodeSnapshotsFirstThenRollsEtcdAndTheControlPlaneOneNodeAtATime() throws Exception {
        // given
        provisioner.up(config("worker", ""), clusterYml);
        recording.clear();
        // when: n4 becomes an etcd member too (new certificates for everyone, one new member), drained on upgrade
        ProvisionResult result = provisioner.up(config("etcd, worker", "upgrade_strategy: {drain: true}\n"), clusterYml);
        // then: the snapshot came before any change to etcd
        assertThat(result.snapshot()).startsWith("rke_up_");
        assertThat(n.get(0).hostPath("/opt/rke").resolve("etcd-snapshots/" + result.snapshot())).isNotEmptyFile();
        List<RecordingNodeRuntime.Call> calls = recording.calls();
        List<String> etcdEvents = calls.stream().filter(c -> c.name().equals("etcd") && (c.verb().equals("run") || c.verb().equals("healthy")))
                .map(c -> c.verb() + " " + c.host()).collect(Collectors.toList());
        assertThat(etcdEvents.getFirst()).isEqualTo("run " + n.get(0).address());
        // one member at a time: each restarted member is healthy before the next one is touched
        for (int i = 0; i < 3; i++) {
            String member = n.get(i).address();
            int run = etcdEvents.indexOf("run " + member);
            int healthy = etcdEvents.indexOf("healthy " + member);
            assertThat(healthy).as("health check of %s after its restart", member).isGreaterThan(run);
            if (i < 2) {
                assertThat(etcdEvents.indexOf("run " + n.get(i + 1).address())).isGreaterThan(healthy);
            }
        }
        assertThat(etcd(n.get(3).address()).run("member list")).contains("started, etcd-" + n.get(3).address());
        assertThat(etcd(n.get(0).address(), n.get(1).address(), n.get(2).address(), n.get(3).address()).run("endpoint health"))
                .contains(n.get(3).address() + ":2379 is healthy");
        // control plane, max_unavailable_controlplane 1: n1 cordoned, drained, replaced, healthy, uncordoned before n2 is cordoned
        List<String> cp = calls.stream().filter(c -> c.host().equals(n.get(0).address()) || c.host().equals(n.get(1).address()))
                .filter(c -> List.of("cordon", "drain", "uncordon").contains(c.verb()) || c.name().equals("kube-apiserver") && !c.verb().equals("inspect"))
                .map(c -> c.verb() + " " + c.host()).toList();
        String a = n.get(0).address();
        String b = n.get(1).address();
        assertThat(cp).containsSubsequence("cordon " + a, "drain " + a, "run " + a, "healthy " + a, "uncordon " + a,
                "cordon " + b, "drain " + b, "run " + b, "healthy " + b, "uncordon " + b);
        assertThat(cp.indexOf("cordon " + b)).isGreaterThan(cp.indexOf("uncordon " + a));
    }

    @Test
    void aControlPlaneFailureStopsTheRunWithTheCompletedPlanesSavedAndARerunFinishes() throws Exception {
        // given
        RkeClusterConfig config = config("worker", "");
        recording.failRun(n.get(1).address(), "kube-apiserver");
        // when / then
        assertThatThrownBy(() -> provisioner.up(config, clusterYml)).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("failed on 1 host (" + n.get(1).address() + ": starting kube-apiserver failed (exit 125)")
                .hasMessageContaining("Completed planes: PREPARE, ETCD; the state is saved in " + RkeStateFiles.statePath(clusterYml));
        assertThat(state().currentState().completedPlanes()).containsExactly("PREPARE", "ETCD");
        assertThat(runs(n.get(3).address())).as("the worker plane never started").isEmpty();

        // when: the cause is gone
        recording = new RecordingNodeRuntime();
        provisioner = new RkeProvisioner(new SshConnector(knownHosts, Duration.ofSeconds(10)),
                new EtcdProcessRuntime(recording), kubeconfig -> new RecordingDrainer(recording), ProvisionOptions.DEFAULTS);
        ProvisionResult result = provisioner.up(config, clusterYml);
        // then: finished, without touching etcd again
        assertThat(result.completedPlanes()).containsExactly("PREPARE", "ETCD", "CONTROLPLANE", "WORKER");
        assertThat(recording.changingCalls()).noneMatch(c -> c.name().equals("etcd"));
        assertThat(runs(n.get(3).address())).contains("kubelet");
    }

    @Test
    void aNodeWhoseSshdIsDownStopsTheRunBeforeAnyChangeAndARerunFinishes() throws Exception {
        // given
        RkeClusterConfig config = config("worker", "");
        nodes.stopSshd(n.get(3));
        try {
            // when / then: the wizard's "test SSH" says so for that machine and not for the others
            new RkeCommands(provisioner).testNode(n.get(0).address(), 22, "root", nodes.clientKey().toString());
            assertThatThrownBy(() -> new RkeCommands(provisioner).testNode(n.get(3).address(), 22, "root", nodes.clientKey().toString()))
                    .hasMessageStartingWith("cannot connect to root@" + n.get(3).address());
            // when / then
            assertThatThrownBy(() -> provisioner.up(config, clusterYml)).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("connecting and checking")
                    .hasMessageContaining("failed on 1 host (" + n.get(3).address() + ": ")
                    .hasMessageContaining("Completed planes: none");
            assertThat(recording.changingCalls()).isEmpty();
            assertThat(java.util.Optional.ofNullable(state().currentState()).map(RkeState.State::completedPlanes).orElse(List.of()))
                    .as("no plane recorded as done").isEmpty();
            for (NetnsNodes.Node node : n) {
                assertThat(node.hostPath("/etc/kubernetes").resolve("ssl")).as("no certificate reached %s", node.address()).doesNotExist();
            }
        } finally {
            nodes.startSshd(n.get(3));
        }
        // when: the machine is back
        ProvisionResult result = provisioner.up(config, clusterYml);
        // then
        assertThat(result.completedPlanes()).containsExactly("PREPARE", "ETCD", "CONTROLPLANE", "WORKER");
        assertThat(runs(n.get(3).address())).contains("kubelet");
    }

    @Test
    void theCommandsReportEachPlaneAndNodeAndACancelStopsAfterTheCurrentPlaneWithItsStateSaved() throws Exception {
        // given: a listener that presses Cancel as soon as etcd is up
        config("worker", "");
        RkeCommands commands = new RkeCommands(provisioner);
        Cancellation cancellation = new Cancellation();
        List<ProvisionEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProvisionListener listener = event -> {
            events.add(event);
            if (event instanceof ProvisionEvent.PlaneFinished(PlanStep.Plane plane) && plane == PlanStep.Plane.ETCD) {
                cancellation.cancel();
            }
        };
        // when / then
        assertThatThrownBy(() -> commands.up(clusterYml, listener, cancellation)).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("cancelled by the user before the CONTROLPLANE plane")
                .hasMessageContaining("Completed planes: PREPARE, ETCD");
        assertThat(events).filteredOn(ProvisionEvent.PlaneStarted.class::isInstance)
                .extracting(e -> ((ProvisionEvent.PlaneStarted) e).plane()).containsExactly(PlanStep.Plane.PREPARE, PlanStep.Plane.ETCD);
        assertThat(events).contains(new ProvisionEvent.NodeProgress(n.get(3).address(), "deploying certificates", ProvisionEvent.NodeStatus.DONE, ""));
        assertThat(events).filteredOn(ProvisionEvent.LogLine.class::isInstance).isNotEmpty();
        assertThat(state().currentState().completedPlanes()).containsExactly("PREPARE", "ETCD");
        assertThat(recording.changingCalls()).noneMatch(c -> c.name().equals("kube-apiserver") || c.name().equals("kubelet"));

        // when: run again without cancelling
        events.clear();
        ProvisionResult result = commands.up(clusterYml, events::add, Cancellation.none());
        // then: it finishes from there
        assertThat(result.completedPlanes()).containsExactly("PREPARE", "ETCD", "CONTROLPLANE", "WORKER");
        assertThat(events).filteredOn(ProvisionEvent.PlaneFinished.class::isInstance).hasSize(4);
        assertThat(RkeCommands.validate("nodes: []\nfoo: 1\n")).isNotEmpty();
    }

    @Test
    void aWorkerThatFailsItsHealthCheckOnUpgradeStopsTheRollOutCordonedBeforeTheNextBatch() throws Exception {
        // given: a running cluster, then a new Kubernetes version (every Kubernetes component changes, etcd does not)
        provisioner.up(config("worker", ""), clusterYml);
        recording.clear();
        recording.unhealthy(n.get(2).address(), "kubelet");
        RkeClusterConfig upgrade = config("worker", "kubernetes_version: v1.32.5-rancher1-1\n");
        // when / then: the worker plane (n3, n4; 10% → batches of 1) stops at n3
        assertThatThrownBy(() -> provisioner.up(upgrade, clusterYml)).isInstanceOf(ProvisionException.class)
                .hasMessageContaining(n.get(2).address() + ": kubelet did not report healthy within 5 s; the node stays cordoned")
                .hasMessageContaining("Completed planes: PREPARE, ETCD, CONTROLPLANE");
        List<String> n3 = recording.calls().stream().filter(c -> c.host().equals(n.get(2).address()))
                .filter(c -> List.of("cordon", "uncordon").contains(c.verb()) || c.verb().equals("run")).map(c -> c.verb() + " " + c.name()).toList();
        assertThat(n3).containsSubsequence("cordon ", "run kubelet").doesNotContain("uncordon ");
        assertThat(runs(n.get(3).address())).as("the next batch was never touched").isEmpty();
        assertThat(recording.changingCalls()).noneMatch(c -> c.name().equals("etcd"));
        assertThat(state().currentState().completedPlanes()).containsExactly("PREPARE", "ETCD", "CONTROLPLANE");
    }

    @Test
    void dockerOverSshReadsEveryComponentOfAHostFromOneDockerInspect() throws Exception {
        // given: a TEST DOUBLE docker CLI on a real node, answering as `docker inspect` does for two of three names
        Path fake = n.get(0).hostPath("/opt/rke").resolve("fake-docker");
        Files.writeString(fake, """
                #!/bin/sh
                echo "$@" >> /opt/rke/fake-docker.calls
                echo '/kubelet true 0a1b'
                echo '/kube-proxy false 2c3d'
                echo 'Error: No such object: nginx-proxy' >&2
                exit 1
                """);
        fake.toFile().setExecutable(true);
        DockerOverSsh docker = new DockerOverSsh("/opt/rke/fake-docker");
        try (var session = new SshConnector(knownHosts, Duration.ofSeconds(10)).connect(nodes.target(n.get(0)))) {
            // when
            Map<String, NodeRuntime.Status> found = docker.inspectAll(session, List.of("kubelet", "kube-proxy", "nginx-proxy"));
            // then
            assertThat(found).containsExactly(Map.entry("kubelet", new NodeRuntime.Status(true, "0a1b")),
                    Map.entry("kube-proxy", new NodeRuntime.Status(false, "2c3d")));
            assertThat(Files.readAllLines(n.get(0).hostPath("/opt/rke").resolve("fake-docker.calls"))).singleElement().asString()
                    .startsWith("inspect --format {{.Name}} {{.State.Running}} {{index .Config.Labels \"io.drover.spec-hash\"}}")
                    .endsWith(" kubelet kube-proxy nginx-proxy");
        }
    }

    @Test
    void aChangedHostKeyIsRefusedBeforeAnythingIsDeployed() throws Exception {
        // given: Drover has seen every node once
        RkeClusterConfig config = config("worker", "");
        SshConnector ssh = new SshConnector(knownHosts, Duration.ofSeconds(10));
        for (NetnsNodes.Node node : n) {
            ssh.connect(nodes.target(node)).close();
        }
        nodes.changeHostKey(n.get(2));
        // when / then
        assertThatThrownBy(() -> provisioner.up(config, clusterYml)).isInstanceOf(ProvisionException.class)
                .hasMessageContaining(n.get(2).address() + ": The SSH host key of " + n.get(2).address() + " has changed")
                .hasMessageContaining("ssh-keygen -R")
                .hasMessageContaining("Completed planes: none");
        assertThat(recording.changingCalls()).isEmpty();
        for (NetnsNodes.Node node : n) {
            assertThat(node.hostPath("/etc/kubernetes").resolve("ssl")).as("no certificate reached %s", node.address()).doesNotExist();
        }
    }

    @Test
    void aSnapshotRestoreBringsBackTheDataOnEveryMember() throws Exception {
        // given
        RkeClusterConfig config = config("worker", "");
        provisioner.up(config, clusterYml);
        EtcdClient etcd = etcd(n.get(0).address(), n.get(1).address(), n.get(2).address());
        etcd.run("put drover/test before");
        provisioner.snapshotSave(config, clusterYml, "keep-me");
        etcd.run("put drover/test after");
        // when
        provisioner.snapshotRestore(config, clusterYml, "keep-me");
        // then
        for (int i = 0; i < 3; i++) {
            assertThat(etcd(n.get(i).address()).run("get drover/test --print-value-only --consistency=s")).isEqualTo("before\n");
            assertThat(n.get(i).hostPath("/opt/rke").resolve("etcd-snapshots/keep-me")).isNotEmptyFile();
        }
        assertThat(etcd.run("endpoint health")).doesNotContain("unhealthy");
        assertThat(recording.changingCalls()).filteredOn(c -> c.name().equals("kube-apiserver")).extracting(RecordingNodeRuntime.Call::verb)
                .containsSubsequence("remove", "run");
        assertThatThrownBy(() -> provisioner.snapshotRestore(config, clusterYml, "missing"))
                .hasMessageContaining("there is no snapshot /opt/rke/etcd-snapshots/missing (snapshots there: keep-me");
    }

    @Test
    void certificateRotationKeepsOrReplacesTheCaAndEtcdStaysHealthyOnTheNewCertificates() throws Exception {
        // given
        RkeClusterConfig config = config("worker", "");
        provisioner.up(config, clusterYml);
        Map<String, RkeCertificates.Entry> before = state().desiredState().certificatesBundle();
        // when
        provisioner.rotateCertificates(config, clusterYml, false);
        // then
        Map<String, RkeCertificates.Entry> leaves = state().desiredState().certificatesBundle();
        assertThat(leaves.get(RkeCertificates.KUBE_CA)).isEqualTo(before.get(RkeCertificates.KUBE_CA));
        assertThat(leaves.get(RkeCertificates.APISERVER)).isNotEqualTo(before.get(RkeCertificates.APISERVER));
        assertThat(Files.readString(n.get(0).hostPath("/etc/kubernetes").resolve("ssl/kube-apiserver.pem")))
                .isEqualTo(leaves.get(RkeCertificates.APISERVER).certificatePem());
        assertThat(etcd(n.get(0).address(), n.get(1).address(), n.get(2).address()).run("endpoint health")).doesNotContain("unhealthy");
        // when: the CA too
        provisioner.rotateCertificates(config, clusterYml, true);
        // then: members restarted together on the new CA answer a client of the new CA
        Map<String, RkeCertificates.Entry> all = state().desiredState().certificatesBundle();
        assertThat(all.get(RkeCertificates.KUBE_CA)).isNotEqualTo(before.get(RkeCertificates.KUBE_CA));
        assertThat(etcd(n.get(0).address(), n.get(1).address(), n.get(2).address()).run("endpoint health")).doesNotContain("unhealthy");
        assertThat(n.get(0).hostPath("/opt/rke").resolve("etcd-snapshots")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("rke_cert_rotate_"));
    }

    @Test
    void removeStopsEveryComponentAndDeletesTheState() throws Exception {
        // given
        RkeClusterConfig config = config("worker", "");
        provisioner.up(config, clusterYml);
        recording.clear();
        // when
        provisioner.remove(config, clusterYml);
        // then
        for (NetnsNodes.Node node : n) {
            assertThat(node.hostPath("/etc/kubernetes")).isEmptyDirectory();
            assertThat(node.hostPath("/var/lib/etcd")).isEmptyDirectory();
            assertThat(NetnsNodes.sh("for p in $(ip netns pids " + node.namespace()
                    + "); do tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null; echo; done")).doesNotContain("/usr/bin/etcd");
        }
        assertThat(recording.changingCalls()).filteredOn(c -> c.host().equals(n.get(0).address())).extracting(RecordingNodeRuntime.Call::name)
                .contains("kube-apiserver", "kubelet", "kube-proxy");
        assertThat(RkeStateFiles.statePath(clusterYml)).doesNotExist();
        assertThat(RkeStateFiles.kubeconfigPath(clusterYml)).doesNotExist();
    }
}
