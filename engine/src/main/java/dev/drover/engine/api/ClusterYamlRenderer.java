package dev.drover.engine.api;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the wizard's answers as cluster.yml in RKE's format. Written by hand rather than dumped from a
 * map so the file reads like one a person wrote (RKE's key order, flow-style roles, a comment per
 * section): the user reviews and may edit it before anything runs.
 */
final class ClusterYamlRenderer {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./~][A-Za-z0-9_./~@%+-]*");
    // YAML 1.1 reads these as booleans or null, and numbers as numbers: such values are quoted
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d_]*)?(\\.\\d*)?([eE][-+]?\\d+)?");

    private ClusterYamlRenderer() {
    }

    static String render(RkeClusterSpec spec) {
        if (spec == null || spec.name().isEmpty()) {
            throw ApiErrors.invalid("name: a cluster needs a name.");
        }
        StringBuilder y = new StringBuilder();
        y.append("# cluster.yml for ").append(spec.name()).append(", written by Drover's cluster wizard (RKE's format).\n");
        y.append("cluster_name: ").append(scalar(spec.name())).append('\n');
        y.append("kubernetes_version: ").append(scalar(spec.kubernetesVersion())).append("\n\n");
        y.append("# The machines: Drover logs in with each key and checks the host key on every connection.\n");
        y.append("nodes:\n");
        for (RkeNodeSpec node : spec.nodes()) {
            NodeAccess a = node.access();
            y.append("  - address: ").append(scalar(a.address())).append('\n');
            if (a.port() != 22 && a.port() != 0) {
                y.append("    port: ").append(a.port()).append('\n');
            }
            y.append("    user: ").append(scalar(a.user())).append('\n');
            y.append("    role: [").append(String.join(", ", node.roles().stream().sorted(Comparator.naturalOrder())
                    .map(RkeRole::yamlName).toList())).append("]\n");
            if (!a.sshKeyPath().isEmpty()) {
                y.append("    ssh_key_path: ").append(scalar(a.sshKeyPath())).append('\n');
            }
        }
        if (spec.nodes().isEmpty()) {
            y.append("  []\n");
        }
        y.append("\nnetwork:\n  plugin: ").append(scalar(spec.networkPlugin())).append("\n\n");
        y.append("services:\n  etcd:\n");
        y.append("    snapshot: ").append(spec.etcdSnapshots()).append('\n');
        if (spec.etcdSnapshots()) {
            y.append("    creation: ").append(spec.snapshotIntervalHours()).append("h\n");
            y.append("    retention: ").append(spec.snapshotIntervalHours() * spec.snapshotRetention()).append("h\n");
            y.append("    backup_config:\n");
            y.append("      interval_hours: ").append(spec.snapshotIntervalHours()).append('\n');
            y.append("      retention: ").append(spec.snapshotRetention()).append('\n');
        }
        y.append("\n# Kubeconfigs also get contexts that reach the API servers directly, not only through Drover.\n");
        y.append("authorized_cluster_endpoint:\n");
        y.append("  enabled: ").append(spec.aceEnabled()).append('\n');
        if (spec.aceEnabled() && !spec.aceFqdn().isEmpty()) {
            y.append("  fqdn: ").append(scalar(spec.aceFqdn())).append('\n');
        }
        if (spec.aceEnabled() && !spec.aceFqdn().isEmpty()) {
            y.append("authentication:\n  sans: [").append(scalar(spec.aceFqdn())).append("]\n");
        }
        y.append("\n# Upgrades: how many nodes may be unavailable at once (a count or a percentage).\n");
        y.append("upgrade_strategy:\n");
        y.append("  max_unavailable_worker: ").append(scalar(spec.maxUnavailableWorker())).append('\n');
        y.append("  max_unavailable_controlplane: ").append(scalar(spec.maxUnavailableControlplane())).append('\n');
        return y.toString();
    }

    /** A YAML scalar: plain when YAML reads it back as the same string, else double-quoted. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.contains(value.toLowerCase(Locale.ROOT)) && !NUMBER.matcher(value).matches()) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
