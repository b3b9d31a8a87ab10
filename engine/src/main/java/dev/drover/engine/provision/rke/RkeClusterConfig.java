package dev.drover.engine.provision.rke;

import java.util.List;

/**
 * The RKE-compatible subset of cluster.yml that Drover understands, with RKE's defaults filled in.
 *
 * @param clusterName        {@code cluster_name} (default "local")
 * @param kubernetesVersion  {@code kubernetes_version}
 * @param nodes              {@code nodes}
 * @param etcd               {@code services.etcd}
 * @param kubeApi            {@code services.kube-api}
 * @param networkPlugin      {@code network.plugin} (default canal)
 * @param sans               {@code authentication.sans}: extra names and IPs for the API server certificate
 * @param upgradeStrategy    {@code upgrade_strategy}
 * @param ace                {@code authorized_cluster_endpoint} (Drover reads it for direct kubeconfig contexts)
 */
public record RkeClusterConfig(String clusterName, String kubernetesVersion, List<RkeNode> nodes, EtcdService etcd,
                               KubeApiService kubeApi, String networkPlugin, List<String> sans, UpgradeStrategy upgradeStrategy,
                               AuthorizedClusterEndpoint ace) {

    public static final String DEFAULT_KUBERNETES_VERSION = "v1.32.4-rancher1-1";
    public static final String DEFAULT_NETWORK_PLUGIN = "canal";

    public RkeClusterConfig {
        nodes = List.copyOf(nodes);
        sans = List.copyOf(sans);
    }

    public List<RkeNode> nodesWith(RkeNode.Role role) {
        return nodes.stream().filter(n -> n.has(role)).toList();
    }

    /**
     * {@code services.etcd}.
     *
     * @param snapshot     take recurring snapshots (RKE default true)
     * @param creation     snapshot interval, e.g. 12h
     * @param retention    how long snapshots are kept, e.g. 72h
     * @param backupIntervalHours {@code backup_config.interval_hours} (default 12)
     * @param backupRetention     {@code backup_config.retention} (count, default 6)
     */
    public record EtcdService(boolean snapshot, String creation, String retention, int backupIntervalHours, int backupRetention) {
        public static final EtcdService DEFAULTS = new EtcdService(true, "12h", "72h", 12, 6);
    }

    /**
     * {@code services.kube-api}.
     *
     * @param serviceClusterIpRange service CIDR (default 10.43.0.0/16)
     * @param serviceNodePortRange  node-port range (default 30000-32767)
     * @param podSecurityPolicy     RKE's flag (default false)
     */
    public record KubeApiService(String serviceClusterIpRange, String serviceNodePortRange, boolean podSecurityPolicy) {
        public static final KubeApiService DEFAULTS = new KubeApiService("10.43.0.0/16", "30000-32767", false);
    }

    /**
     * {@code upgrade_strategy}.
     *
     * @param maxUnavailableWorker       count or percentage (default "10%")
     * @param maxUnavailableControlplane count or percentage (default "1")
     * @param drain                      drain nodes before upgrading them (default false)
     * @param drainTimeoutSeconds        {@code node_drain_input.timeout} (default 120)
     * @param drainIgnoreDaemonSets      {@code node_drain_input.ignore_daemonsets} (default true)
     * @param drainDeleteLocalData       {@code node_drain_input.delete_local_data} (default false)
     */
    public record UpgradeStrategy(String maxUnavailableWorker, String maxUnavailableControlplane, boolean drain,
                                  int drainTimeoutSeconds, boolean drainIgnoreDaemonSets, boolean drainDeleteLocalData) {
        public static final UpgradeStrategy DEFAULTS = new UpgradeStrategy("10%", "1", false, 120, true, false);
    }

    /**
     * {@code authorized_cluster_endpoint}.
     *
     * @param enabled whether direct contexts are exported
     * @param fqdn    a load balancer in front of the control plane, or empty for per-node contexts
     */
    public record AuthorizedClusterEndpoint(boolean enabled, String fqdn) {
        public static final AuthorizedClusterEndpoint DEFAULTS = new AuthorizedClusterEndpoint(true, "");
    }
}
