package dev.drover.engine.provision.rke;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a desired cluster.yml and the nodes that already run into RKE's order of work: checks and
 * certificates everywhere; etcd one host at a time (a snapshot first on an existing cluster); the control
 * plane all at once when new, {@code max_unavailable_controlplane} at a time on upgrade; workers all at
 * once when new, in batches of {@code max_unavailable_worker} (rounded down, at least 1) on upgrade; the
 * worker plane covers every node without the control plane, since every node runs kubelet and kube-proxy.
 * Pure computation: no I/O, so planning even 1,000 nodes is instant and testable.
 */
public final class ProvisionPlanner {

    private ProvisionPlanner() {
    }

    /**
     * @param existing addresses of nodes already provisioned (from cluster.rkestate); empty for a new cluster
     */
    public static List<PlanStep> plan(RkeClusterConfig config, Set<String> existing) {
        return plan(config, existing, existing);
    }

    /**
     * @param existing     addresses of nodes already provisioned (from cluster.rkestate); empty for a new cluster
     * @param existingEtcd those of them that are etcd members already (a node that gains the etcd role joins as new)
     */
    public static List<PlanStep> plan(RkeClusterConfig config, Set<String> existing, Set<String> existingEtcd) {
        List<PlanStep> steps = new ArrayList<>();
        List<String> all = config.nodes().stream().map(RkeNode::address).toList();
        steps.add(new PlanStep(PlanStep.Plane.PREPARE, "check", all));
        steps.add(new PlanStep(PlanStep.Plane.PREPARE, "deploy-certificates", all));

        List<String> etcd = addresses(config.nodesWith(RkeNode.Role.ETCD));
        boolean upgrade = etcd.stream().anyMatch(existingEtcd::contains);
        if (upgrade) {
            steps.add(new PlanStep(PlanStep.Plane.ETCD, "snapshot", List.of(etcd.stream().filter(existingEtcd::contains).findFirst().orElseThrow())));
        }
        // members first, then joiners: a joiner needs a healthy member to add it
        etcd.stream().filter(existingEtcd::contains).forEach(host -> steps.add(new PlanStep(PlanStep.Plane.ETCD, "upgrade", List.of(host))));
        etcd.stream().filter(h -> !existingEtcd.contains(h)).forEach(host -> steps.add(new PlanStep(PlanStep.Plane.ETCD, "deploy", List.of(host))));
        addPlane(steps, PlanStep.Plane.CONTROLPLANE, addresses(config.nodesWith(RkeNode.Role.CONTROLPLANE)), existing,
                config.upgradeStrategy().maxUnavailableControlplane());
        // RKE runs kubelet and kube-proxy on every node: control-plane nodes get them with the control plane,
        // every other node (workers and etcd-only nodes) in the worker plane
        List<String> workers = addresses(config.nodes().stream().filter(n -> !n.has(RkeNode.Role.CONTROLPLANE)).toList());
        addPlane(steps, PlanStep.Plane.WORKER, workers, existing, config.upgradeStrategy().maxUnavailableWorker());
        return steps;
    }

    /** New nodes of a plane go in one parallel step; existing ones are upgraded in limited batches. */
    private static void addPlane(List<PlanStep> steps, PlanStep.Plane plane, List<String> hosts, Set<String> existing, String maxUnavailable) {
        List<String> fresh = hosts.stream().filter(h -> !existing.contains(h)).toList();
        List<String> upgrades = hosts.stream().filter(existing::contains).toList();
        int batch = batchSize(maxUnavailable, upgrades.size());
        for (int i = 0; i < upgrades.size(); i += batch) {
            steps.add(new PlanStep(plane, "upgrade", upgrades.subList(i, Math.min(upgrades.size(), i + batch))));
        }
        if (!fresh.isEmpty()) {
            steps.add(new PlanStep(plane, "deploy", fresh));
        }
    }

    /** RKE's rule: a percentage of the plane rounded down, or a count; never less than one. */
    static int batchSize(String maxUnavailable, int planeSize) {
        int size = maxUnavailable.endsWith("%")
                ? planeSize * Integer.parseInt(maxUnavailable.substring(0, maxUnavailable.length() - 1)) / 100
                : Integer.parseInt(maxUnavailable);
        return Math.max(1, size);
    }

    private static List<String> addresses(List<RkeNode> nodes) {
        return nodes.stream().map(RkeNode::address).toList();
    }
}
