package dev.drover.engine.provision.rke;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules RKE applies across fields: roles present, unique nodes, valid versions and limits. */
final class ClusterConfigValidator {

    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+(-rancher\\d+-\\d+)?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern COUNT_OR_PERCENT = Pattern.compile("\\d+%?");
    private static final Set<String> PLUGINS = Set.of("canal", "calico", "flannel", "weave", "aci", "none");

    private ClusterConfigValidator() {
    }

    static void validate(RkeClusterConfig config, int nodesLine, List<ConfigError> errors, List<ConfigError> warnings) {
        if (config.nodes().isEmpty()) {
            errors.add(new ConfigError(nodesLine, "nodes", "needs at least one node"));
            return;
        }
        for (RkeNode.Role role : RkeNode.Role.values()) {
            if (config.nodesWith(role).isEmpty()) {
                errors.add(new ConfigError(nodesLine, "nodes", "no node has the " + role.yamlName() + " role; a cluster needs at least one"));
            }
        }
        int etcd = config.nodesWith(RkeNode.Role.ETCD).size();
        if (etcd > 1 && etcd % 2 == 0) {
            warnings.add(new ConfigError(nodesLine, "nodes", etcd + " etcd nodes tolerate no more failures than " + (etcd - 1)
                    + "; use an odd number"));
        }
        uniqueNodes(config.nodes(), errors);
        if (!VERSION.matcher(config.kubernetesVersion()).matches()) {
            errors.add(new ConfigError(0, "kubernetes_version", "\"" + config.kubernetesVersion()
                    + "\" is not a version like " + RkeClusterConfig.DEFAULT_KUBERNETES_VERSION));
        }
        if (!PLUGINS.contains(config.networkPlugin())) {
            errors.add(new ConfigError(0, "network.plugin", "\"" + config.networkPlugin() + "\" is not one of " + PLUGINS));
        }
        checkMaxUnavailable("upgrade_strategy.max_unavailable_worker", config.upgradeStrategy().maxUnavailableWorker(), errors);
        checkMaxUnavailable("upgrade_strategy.max_unavailable_controlplane", config.upgradeStrategy().maxUnavailableControlplane(), errors);
        for (int i = 0; i < config.sans().size(); i++) {
            if (config.sans().get(i).isBlank() || config.sans().get(i).contains(" ")) {
                errors.add(new ConfigError(0, "authentication.sans[" + i + "]", "must be a host name or IP address"));
            }
        }
    }

    private static void uniqueNodes(List<RkeNode> nodes, List<ConfigError> errors) {
        Map<String, RkeNode> byAddress = new HashMap<>();
        Map<String, RkeNode> byName = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            RkeNode node = nodes.get(i);
            RkeNode sameAddress = byAddress.putIfAbsent(node.address(), node);
            if (sameAddress != null) {
                errors.add(new ConfigError(node.line(), "nodes[" + i + "].address", node.address()
                        + " is already used by the node at line " + sameAddress.line()));
            }
            RkeNode sameName = byName.putIfAbsent(node.nodeName(), node);
            if (sameName != null && sameAddress == null) {
                errors.add(new ConfigError(node.line(), "nodes[" + i + "].hostname_override", "node name " + node.nodeName()
                        + " is already used by the node at line " + sameName.line()));
            }
            if (!node.hostnameOverride().isEmpty() && !DNS_SUBDOMAIN.matcher(node.hostnameOverride()).matches()) {
                errors.add(new ConfigError(node.line(), "nodes[" + i + "].hostname_override", "\"" + node.hostnameOverride()
                        + "\" is not a valid node name (lower-case letters, digits, '-' and '.')"));
            }
        }
    }

    private static void checkMaxUnavailable(String field, String value, List<ConfigError> errors) {
        if (!COUNT_OR_PERCENT.matcher(value).matches()) {
            errors.add(new ConfigError(0, field, "must be a count like 2 or a percentage like 10%, got \"" + value + "\""));
        } else if (value.endsWith("%") && Integer.parseInt(value.substring(0, value.length() - 1)) > 100) {
            errors.add(new ConfigError(0, field, "cannot exceed 100%"));
        } else if (value.equals("0") || value.equals("0%")) {
            errors.add(new ConfigError(0, field, "must allow at least one node, got " + value));
        }
    }
}
