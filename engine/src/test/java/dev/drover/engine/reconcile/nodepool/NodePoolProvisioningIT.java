package dev.drover.engine.reconcile.nodepool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.model.NodePool;
import dev.drover.engine.model.NodeTemplate;
import dev.drover.engine.provision.rke.EtcdProcessRuntime;
import dev.drover.engine.provision.rke.NetnsNodes;
import dev.drover.engine.provision.rke.ProvisionOptions;
import dev.drover.engine.provision.rke.RecordingDrainer;
import dev.drover.engine.provision.rke.RecordingNodeRuntime;
import dev.drover.engine.provision.rke.RkeCommands;
import dev.drover.engine.provision.rke.RkeProvisioner;
import dev.drover.engine.provision.rke.RkeState;
import dev.drover.engine.provision.rke.RkeStateFiles;
import dev.drover.engine.provision.rke.ssh.KnownHosts;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node pools through the real provisioner: three sshd machines (network namespaces) as an existing-hosts
 * inventory, real SSH health checks, a real etcd member; image-based components go to the recording test double.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NodePoolProvisioningIT {

    private static final JsonCodec<NodePool> POOLS = new JsonCodec<>(NodePool.class);

    @TempDir
    Path directory;

    @Test
    void poolsProvisionTheClusterAndADeadWorkerIsReplacedOnASpareMachineAfterFifteenMinutes() throws Exception {
        NetnsNodes.assumeAvailable();
        try (NetnsNodes nodes = NetnsNodes.start("npit", 3, 3);
             SqliteResourceStore store = SqliteResourceStore.open(directory.resolve("store"))) {
            // given: an inventory of three machines, a control-plane pool of 1 and a worker pool of 1
            List<NetnsNodes.Node> n = nodes.nodes();
            List<NodeTemplate.Host> inventory = n.stream().map(node -> new NodeTemplate.Host(node.address(), 22, "root", nodes.clientKey().toString())).toList();
            store.create(ObjectKey.of(NodeTemplate.KIND, "lab"), Map.of(),
                    new JsonCodec<>(NodeTemplate.class).encode(new NodeTemplate("lab", ExistingHostsDriver.NAME, inventory, Map.of())));
            store.create(new ObjectKey(NodePool.KIND, "c1", "cp"), Map.of(),
                    POOLS.encode(new NodePool("c1", "cp", "lab", 1, List.of("etcd", "controlplane", "worker"), null, null, null)));
            store.create(new ObjectKey(NodePool.KIND, "c1", "w"), Map.of(),
                    POOLS.encode(new NodePool("c1", "w", "lab", 1, List.of("worker"), null, null, null)));
            KnownHosts knownHosts = KnownHosts.open(directory.resolve("known_hosts"));
            SshConnector ssh = new SshConnector(knownHosts, Duration.ofSeconds(5));
            RecordingNodeRuntime recording = new RecordingNodeRuntime();
            RkeProvisioner provisioner = new RkeProvisioner(ssh, new EtcdProcessRuntime(recording), kubeconfig -> new RecordingDrainer(recording),
                    ProvisionOptions.DEFAULTS.withHealthTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(5))
                            .withCleanDirectories(List.of("/etc/kubernetes", "/var/lib/etcd")));
            Path clusters = directory.resolve("rke");
            MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
            NodePoolReconciler reconciler = new NodePoolReconciler(store, clock, List.of(new ExistingHostsDriver()), new SshNodeHealth(ssh),
                    new RkePoolProvisioner(clusters, new RkeCommands(provisioner)));
            Path clusterYml = clusters.resolve("c1/cluster.yml");

            // when
            reconciler.reconcile("c1");
            // then: one RKE cluster of both pools, named by pool prefix
            RkeState state = RkeStateFiles.readState(RkeStateFiles.statePath(clusterYml)).orElseThrow();
            assertThat(state.currentState().appliedNodes()).containsExactlyInAnyOrder(n.get(0).address(), n.get(1).address());
            assertThat(state.currentState().completedPlanes()).containsExactly("PREPARE", "ETCD", "CONTROLPLANE", "WORKER");
            assertThat(recording.calls()).anyMatch(c -> c.verb().equals("run") && c.name().equals("kubelet")
                    && c.host().equals(n.get(1).address()) && c.detail().contains("--hostname-override=w-1"));

            // when: the worker's machine goes away for 15 minutes
            nodes.stopSshd(n.get(1));
            reconciler.reconcile("c1");
            clock.advance(Duration.ofMinutes(15));
            recording.clear();
            reconciler.reconcile("c1");
            // then: w-1 now runs on the spare machine; the dead one left the cluster
            state = RkeStateFiles.readState(RkeStateFiles.statePath(clusterYml)).orElseThrow();
            assertThat(state.currentState().appliedNodes()).containsExactlyInAnyOrder(n.get(0).address(), n.get(2).address());
            assertThat(recording.calls()).anyMatch(c -> c.verb().equals("run") && c.name().equals("kubelet")
                    && c.host().equals(n.get(2).address()) && c.detail().contains("--hostname-override=w-1"));
            assertThat(recording.changingCalls()).noneMatch(c -> c.name().equals("etcd"));
            assertThat(POOLS.decode(store.get(new ObjectKey(NodePool.KIND, "c1", "w")).orElseThrow()).nodes())
                    .containsExactly(new NodePool.PoolNode("w-1", n.get(2).address(), "active", null));
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
