package dev.drover.engine.api;

import java.util.List;

/**
 * What the cluster wizard asks for, turned into cluster.yml by {@link ManagementApi#renderClusterYaml}.
 *
 * @param name                       the cluster's name (Drover's display name and RKE's {@code cluster_name})
 * @param kubernetesVersion          an RKE version, e.g. {@code v1.32.4-rancher1-1}
 * @param networkPlugin              one of {@link #NETWORK_PLUGINS}
 * @param nodes                      the machines
 * @param aceEnabled                 authorized cluster endpoint: kubeconfigs also get contexts that reach the cluster directly
 * @param aceFqdn                    a load balancer in front of the control plane for those contexts; empty for one context per node
 * @param etcdSnapshots              recurring etcd snapshots on every etcd node
 * @param snapshotIntervalHours      hours between snapshots
 * @param snapshotRetention          snapshots kept
 * @param maxUnavailableWorker       workers upgraded at once: a count ("2") or a percentage ("10%")
 * @param maxUnavailableControlplane control-plane nodes upgraded at once: a count or a percentage
 */
public record RkeClusterSpec(String name, String kubernetesVersion, String networkPlugin, List<RkeNodeSpec> nodes,
                             boolean aceEnabled, String aceFqdn, boolean etcdSnapshots, int snapshotIntervalHours,
                             int snapshotRetention, String maxUnavailableWorker, String maxUnavailableControlplane) {

    /** Kubernetes versions the provisioner knows images for, newest first. */
    public static final List<String> KUBERNETES_VERSIONS = List.of("v1.32.4-rancher1-1", "v1.31.8-rancher1-1", "v1.30.12-rancher1-1");

    /** Network plugins of cluster.yml's {@code network.plugin}; canal is RKE's default. */
    public static final List<String> NETWORK_PLUGINS = List.of("canal", "calico", "flannel", "weave", "none");

    public RkeClusterSpec {
        name = name == null ? "" : name.strip();
        kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion.strip();
        networkPlugin = networkPlugin == null ? "" : networkPlugin.strip();
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        aceFqdn = aceFqdn == null ? "" : aceFqdn.strip();
        maxUnavailableWorker = maxUnavailableWorker == null ? "" : maxUnavailableWorker.strip();
        maxUnavailableControlplane = maxUnavailableControlplane == null ? "" : maxUnavailableControlplane.strip();
    }

    /** RKE's defaults for everything but the name and the nodes. */
    public static RkeClusterSpec defaults(String name, List<RkeNodeSpec> nodes) {
        return new RkeClusterSpec(name, KUBERNETES_VERSIONS.getFirst(), "canal", nodes, true, "", true, 12, 6, "10%", "1");
    }
}
