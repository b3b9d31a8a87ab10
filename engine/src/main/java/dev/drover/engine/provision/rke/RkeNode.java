package dev.drover.engine.provision.rke;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code nodes:} entry of cluster.yml.
 *
 * @param address          how Drover reaches the node over SSH
 * @param port             SSH port (default 22)
 * @param user             SSH user (required, as in RKE)
 * @param roles            any of etcd, controlplane, worker
 * @param sshKeyPath       private key file (default ~/.ssh/id_rsa)
 * @param hostnameOverride the node's name in Kubernetes; empty to use the address
 * @param internalAddress  address for cluster-internal traffic; empty to use the address
 * @param labels           node labels
 * @param taints           node taints ({@code key=value:Effect})
 * @param line             where the entry starts in cluster.yml (for error messages), 0 if built in code
 */
public record RkeNode(String address, int port, String user, Set<Role> roles, String sshKeyPath, String hostnameOverride,
                      String internalAddress, Map<String, String> labels, List<String> taints, int line) {

    public RkeNode {
        roles = Set.copyOf(roles);
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
    }

    /** The node's name in Kubernetes. */
    public String nodeName() {
        return hostnameOverride.isEmpty() ? address : hostnameOverride;
    }

    /** The address other cluster members use. */
    public String clusterAddress() {
        return internalAddress.isEmpty() ? address : internalAddress;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The RKE node roles. */
    public enum Role {
        ETCD("etcd"), CONTROLPLANE("controlplane"), WORKER("worker");

        private final String yamlName;

        Role(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        static Role parse(String text) {
            for (Role role : values()) {
                if (role.yamlName.equals(text)) {
                    return role;
                }
            }
            return null;
        }
    }
}
