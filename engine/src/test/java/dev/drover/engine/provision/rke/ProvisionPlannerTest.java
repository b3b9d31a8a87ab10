package dev.drover.engine.provision.rke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProvisionPlannerTest {

    static RkeClusterConfig cluster(int etcd, int controlplane, int workers, String maxWorker) {
        List<RkeNode> nodes = new ArrayList<>();
        for (int i = 0; i < etcd; i++) {
            nodes.add(node("10.0.1." + i, RkeNode.Role.ETCD));
        }
        for (int i = 0; i < controlplane; i++) {
            nodes.add(node("10.0.2." + i, RkeNode.Role.CONTROLPLANE));
        }
        for (int i = 0; i < workers; i++) {
            nodes.add(node("10.1." + (i / 250) + "." + (i % 250), RkeNode.Role.WORKER));
        }
        return new RkeClusterConfig("c", RkeClusterConfig.DEFAULT_KUBERNETES_VERSION, nodes, RkeClusterConfig.EtcdService.DEFAULTS,
                RkeClusterConfig.KubeApiService.DEFAULTS, "canal", List.of(),
                new RkeClusterConfig.UpgradeStrategy(maxWorker, "1", false, 120, true, false), RkeClusterConfig.AuthorizedClusterEndpoint.DEFAULTS);
    }

    static RkeNode node(String address, RkeNode.Role role) {
        return new RkeNode(address, 22, "u", EnumSet.of(role), "~/.ssh/id_rsa", "", "", Map.of(), List.of(), 0);
    }

    @Test
    void aNewClusterDoesEtcdOneByOneThenEachOtherPlaneAtOnce() {
        List<PlanStep> plan = ProvisionPlanner.plan(cluster(3, 2, 5, "10%"), Set.of());
        assertThat(plan).extracting(s -> s.plane() + ":" + s.action() + ":" + s.nodes().size()).containsExactly(
                "PREPARE:check:10", "PREPARE:deploy-certificates:10",
                "ETCD:deploy:1", "ETCD:deploy:1", "ETCD:deploy:1",
                "CONTROLPLANE:deploy:2", "WORKER:deploy:8"); // workers and etcd-only nodes: every node runs kubelet
    }

    @Test
    void anUpgradeSnapshotsEtcdFirstAndBatchesByMaxUnavailable() {
        RkeClusterConfig config = cluster(3, 3, 22, "10%");
        Set<String> existing = config.nodes().stream().map(RkeNode::address).collect(Collectors.toSet());
        List<PlanStep> plan = ProvisionPlanner.plan(config, existing);
        assertThat(plan.get(2)).isEqualTo(new PlanStep(PlanStep.Plane.ETCD, "snapshot", List.of("10.0.1.0")));
        assertThat(plan.stream().filter(s -> s.plane() == PlanStep.Plane.CONTROLPLANE)).allMatch(s -> s.nodes().size() == 1).hasSize(3);
        // 10% of the 25 nodes of the worker plane (22 workers, 3 etcd-only), rounded down: batches of 2, the last one smaller
        assertThat(plan.stream().filter(s -> s.plane() == PlanStep.Plane.WORKER).map(s -> s.nodes().size()).toList())
                .containsExactly(2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1);
    }

    @Test
    void batchesAreAtLeastOneNode() {
        assertThat(ProvisionPlanner.batchSize("10%", 5)).isEqualTo(1);
        assertThat(ProvisionPlanner.batchSize("50%", 9)).isEqualTo(4);
        assertThat(ProvisionPlanner.batchSize("3", 9)).isEqualTo(3);
    }

    @Test
    void addedWorkersAreDeployedTogetherAfterTheUpgradeBatches() {
        RkeClusterConfig config = cluster(1, 1, 4, "50%");
        Set<String> existing = Set.of("10.0.1.0", "10.0.2.0", "10.1.0.0");
        List<PlanStep> workers = ProvisionPlanner.plan(config, existing).stream().filter(s -> s.plane() == PlanStep.Plane.WORKER).toList();
        assertThat(workers).containsExactly(
                new PlanStep(PlanStep.Plane.WORKER, "upgrade", List.of("10.0.1.0")),
                new PlanStep(PlanStep.Plane.WORKER, "upgrade", List.of("10.1.0.0")),
                new PlanStep(PlanStep.Plane.WORKER, "deploy", List.of("10.1.0.1", "10.1.0.2", "10.1.0.3")));
    }

    @Test
    void plansAThousandNodes() {
        List<PlanStep> plan = ProvisionPlanner.plan(cluster(5, 3, 992, "10%"), Set.of());
        assertThat(plan.stream().mapToInt(s -> s.nodes().size()).sum()).isEqualTo(2 * 1000 + 5 + 3 + (992 + 5));
    }
}
