package dev.drover.engine.provision.rke;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads cluster.yml (RKE's format, the subset in {@link RkeClusterConfig}) with RKE's defaults. Syntax
 * errors, unknown fields (with a "did you mean"), wrong types and invalid values are all reported at
 * once by field and line ({@link ClusterConfigException}); RKE settings Drover does not apply are
 * accepted with a warning so an existing cluster.yml still loads.
 */
public final class ClusterYamlParser {

    private static final Set<String> TOP = Set.of("cluster_name", "kubernetes_version", "nodes", "services", "network",
            "authentication", "upgrade_strategy", "authorized_cluster_endpoint", "ssh_key_path");
    private static final Set<String> TOP_IGNORED = Set.of("ignore_docker_version", "addons", "addons_include", "ingress", "dns",
            "monitoring", "private_registries", "system_images", "ssh_agent_auth", "bastion_host", "cloud_provider", "prefix_path",
            "addon_job_timeout", "enable_cri_dockerd", "restore", "rotate_encryption_key", "win_prefix_path", "authorization",
            "ssh_cert_path", "enable_network_policy", "default_pod_security_admission_configuration_template_name");
    private static final Set<String> NODE = Set.of("address", "port", "user", "role", "ssh_key_path", "hostname_override",
            "internal_address", "labels", "taints");
    private static final Set<String> NODE_IGNORED = Set.of("docker_socket", "ssh_key", "ssh_cert", "ssh_cert_path", "ssh_agent_auth", "node_name");
    private static final Set<String> SERVICES = Set.of("etcd", "kube-api");
    private static final Set<String> SERVICES_IGNORED = Set.of("kube-controller", "scheduler", "kubelet", "kubeproxy");
    private static final Set<String> COMMON_IGNORED = Set.of("image", "extra_args", "extra_binds", "extra_env", "win_extra_args",
            "win_extra_binds", "win_extra_env");

    /** A parsed cluster.yml and the settings that were ignored. */
    public record Parsed(RkeClusterConfig config, List<ConfigError> warnings) {
    }

    private ClusterYamlParser() {
    }

    /** Parses and validates; throws {@link ClusterConfigException} listing every problem. */
    public static Parsed parse(String yaml) {
        List<ConfigError> errors = new ArrayList<>();
        List<ConfigError> warnings = new ArrayList<>();
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ClusterConfigException(List.of(new ConfigError(line, "(file)", "not valid YAML: " + e.getProblem())));
        }
        if (root == null) {
            throw new ClusterConfigException(List.of(new ConfigError(0, "(file)", "is empty; it needs at least a nodes: list")));
        }
        YamlFields f = new YamlFields(errors, warnings);
        Map<String, Node> top = f.mapping(root, "", TOP, TOP_IGNORED);
        String defaultKey = f.string(top.get("ssh_key_path"), "ssh_key_path", "~/.ssh/id_rsa");
        List<RkeNode> nodes = nodes(f, top.get("nodes"), defaultKey);
        Map<String, Node> services = f.mapping(top.get("services"), "services", SERVICES, SERVICES_IGNORED);
        RkeClusterConfig config = new RkeClusterConfig(
                f.string(top.get("cluster_name"), "cluster_name", "local"),
                f.string(top.get("kubernetes_version"), "kubernetes_version", RkeClusterConfig.DEFAULT_KUBERNETES_VERSION),
                nodes,
                etcd(f, services.get("etcd")),
                kubeApi(f, services.get("kube-api")),
                network(f, top.get("network")),
                sans(f, top.get("authentication")),
                upgradeStrategy(f, top.get("upgrade_strategy")),
                ace(f, top.get("authorized_cluster_endpoint")));
        if (errors.isEmpty()) {
            ClusterConfigValidator.validate(config, YamlFields.keyLine(root, "nodes"), errors, warnings);
        }
        if (!errors.isEmpty()) {
            throw new ClusterConfigException(errors);
        }
        return new Parsed(config, List.copyOf(warnings));
    }

    private static List<RkeNode> nodes(YamlFields f, Node node, String defaultKey) {
        List<RkeNode> nodes = new ArrayList<>();
        List<Node> items = f.sequence(node, "nodes");
        for (int i = 0; i < items.size(); i++) {
            String path = "nodes[" + i + "]";
            Node item = items.get(i);
            Map<String, Node> n = f.mapping(item, path, NODE, NODE_IGNORED);
            String address = f.string(n.get("address"), path + ".address", "");
            if (address.isEmpty()) {
                f.error(item, path + ".address", "is required");
            }
            String user = f.string(n.get("user"), path + ".user", "");
            if (user.isEmpty()) {
                f.error(item, path + ".user", "is required (the SSH user, e.g. ubuntu or rancher)");
            }
            nodes.add(new RkeNode(address, f.integer(n.get("port"), path + ".port", 22, 1, 65535), user,
                    roles(f, n.get("role"), path + ".role", item), f.string(n.get("ssh_key_path"), path + ".ssh_key_path", defaultKey),
                    f.string(n.get("hostname_override"), path + ".hostname_override", ""),
                    f.string(n.get("internal_address"), path + ".internal_address", ""),
                    f.stringMap(n.get("labels"), path + ".labels"), taints(f, n.get("taints"), path + ".taints"), YamlFields.line(item)));
        }
        return nodes;
    }

    private static Set<RkeNode.Role> roles(YamlFields f, Node node, String path, Node item) {
        EnumSet<RkeNode.Role> roles = EnumSet.noneOf(RkeNode.Role.class);
        List<String> names = f.strings(node, path);
        for (String name : names) {
            RkeNode.Role role = RkeNode.Role.parse(name);
            if (role == null) {
                f.error(node, path, "unknown role \"" + name + "\"; roles are etcd, controlplane and worker");
            } else {
                roles.add(role);
            }
        }
        if (node == null || names.isEmpty()) {
            f.error(node == null ? item : node, path, "needs at least one of etcd, controlplane, worker");
        }
        return roles;
    }

    private static List<String> taints(YamlFields f, Node node, String path) {
        List<String> taints = new ArrayList<>();
        List<Node> items = f.sequence(node, path);
        for (int i = 0; i < items.size(); i++) {
            Map<String, Node> t = f.mapping(items.get(i), path + "[" + i + "]", Set.of("key", "value", "effect"), Set.of());
            String key = f.string(t.get("key"), path + "[" + i + "].key", "");
            String effect = f.string(t.get("effect"), path + "[" + i + "].effect", "NoSchedule");
            if (!Set.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
                f.error(t.get("effect"), path + "[" + i + "].effect", "must be NoSchedule, PreferNoSchedule or NoExecute");
            }
            if (key.isEmpty()) {
                f.error(items.get(i), path + "[" + i + "].key", "is required");
            }
            String value = f.string(t.get("value"), path + "[" + i + "].value", "");
            taints.add(key + (value.isEmpty() ? "" : "=" + value) + ":" + effect);
        }
        return taints;
    }

    private static RkeClusterConfig.EtcdService etcd(YamlFields f, Node node) {
        var d = RkeClusterConfig.EtcdService.DEFAULTS;
        Map<String, Node> e = f.mapping(node, "services.etcd", Set.of("snapshot", "creation", "retention", "backup_config"),
                union(COMMON_IGNORED, Set.of("path", "external_urls", "ca_cert", "cert", "key", "gid", "uid")));
        Map<String, Node> b = f.mapping(e.get("backup_config"), "services.etcd.backup_config",
                Set.of("interval_hours", "retention", "enabled"), Set.of("s3backupconfig", "timeout", "safe_timestamp"));
        return new RkeClusterConfig.EtcdService(f.bool(e.get("snapshot"), "services.etcd.snapshot", d.snapshot()),
                f.string(e.get("creation"), "services.etcd.creation", d.creation()),
                f.string(e.get("retention"), "services.etcd.retention", d.retention()),
                f.integer(b.get("interval_hours"), "services.etcd.backup_config.interval_hours", d.backupIntervalHours(), 1, 8760),
                f.integer(b.get("retention"), "services.etcd.backup_config.retention", d.backupRetention(), 1, 10_000));
    }

    private static RkeClusterConfig.KubeApiService kubeApi(YamlFields f, Node node) {
        var d = RkeClusterConfig.KubeApiService.DEFAULTS;
        Map<String, Node> k = f.mapping(node, "services.kube-api", Set.of("service_cluster_ip_range", "service_node_port_range",
                "pod_security_policy"), union(COMMON_IGNORED, Set.of("always_pull_images", "secrets_encryption_config", "audit_log",
                "admission_configuration", "event_rate_limit", "pod_security_configuration")));
        return new RkeClusterConfig.KubeApiService(
                f.string(k.get("service_cluster_ip_range"), "services.kube-api.service_cluster_ip_range", d.serviceClusterIpRange()),
                f.string(k.get("service_node_port_range"), "services.kube-api.service_node_port_range", d.serviceNodePortRange()),
                f.bool(k.get("pod_security_policy"), "services.kube-api.pod_security_policy", d.podSecurityPolicy()));
    }

    private static String network(YamlFields f, Node node) {
        Map<String, Node> n = f.mapping(node, "network", Set.of("plugin"), Set.of("options", "mtu", "node_selector",
                "update_strategy", "tolerations", "calico_network_provider", "canal_network_provider", "flannel_network_provider",
                "weave_network_provider", "aci_network_provider"));
        return f.string(n.get("plugin"), "network.plugin", RkeClusterConfig.DEFAULT_NETWORK_PLUGIN);
    }

    private static List<String> sans(YamlFields f, Node node) {
        Map<String, Node> a = f.mapping(node, "authentication", Set.of("sans", "strategy"), Set.of("webhook"));
        String strategy = f.string(a.get("strategy"), "authentication.strategy", "x509");
        if (!strategy.contains("x509")) {
            f.error(a.get("strategy"), "authentication.strategy", "must include x509, got \"" + strategy + "\"");
        }
        return f.strings(a.get("sans"), "authentication.sans");
    }

    private static RkeClusterConfig.UpgradeStrategy upgradeStrategy(YamlFields f, Node node) {
        var d = RkeClusterConfig.UpgradeStrategy.DEFAULTS;
        Map<String, Node> u = f.mapping(node, "upgrade_strategy", Set.of("max_unavailable_worker", "max_unavailable_controlplane",
                "drain", "node_drain_input"), Set.of());
        Map<String, Node> in = f.mapping(u.get("node_drain_input"), "upgrade_strategy.node_drain_input",
                Set.of("timeout", "ignore_daemonsets", "delete_local_data", "force", "grace_period"), Set.of());
        return new RkeClusterConfig.UpgradeStrategy(
                f.string(u.get("max_unavailable_worker"), "upgrade_strategy.max_unavailable_worker", d.maxUnavailableWorker()),
                f.string(u.get("max_unavailable_controlplane"), "upgrade_strategy.max_unavailable_controlplane", d.maxUnavailableControlplane()),
                f.bool(u.get("drain"), "upgrade_strategy.drain", d.drain()),
                f.integer(in.get("timeout"), "upgrade_strategy.node_drain_input.timeout", d.drainTimeoutSeconds(), 1, 86_400),
                f.bool(in.get("ignore_daemonsets"), "upgrade_strategy.node_drain_input.ignore_daemonsets", d.drainIgnoreDaemonSets()),
                f.bool(in.get("delete_local_data"), "upgrade_strategy.node_drain_input.delete_local_data", d.drainDeleteLocalData()));
    }

    private static RkeClusterConfig.AuthorizedClusterEndpoint ace(YamlFields f, Node node) {
        var d = RkeClusterConfig.AuthorizedClusterEndpoint.DEFAULTS;
        Map<String, Node> a = f.mapping(node, "authorized_cluster_endpoint", Set.of("enabled", "fqdn"), Set.of("ca_certs"));
        return new RkeClusterConfig.AuthorizedClusterEndpoint(f.bool(a.get("enabled"), "authorized_cluster_endpoint.enabled", d.enabled()),
                f.string(a.get("fqdn"), "authorized_cluster_endpoint.fqdn", d.fqdn()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Map<String, Boolean> all = new LinkedHashMap<>();
        a.forEach(k -> all.put(k, true));
        b.forEach(k -> all.put(k, true));
        return all.keySet();
    }
}
