package dev.drover.engine.kubeconfig;

import java.util.List;
import java.util.Objects;

/**
 * What a kubeconfig needs to know about one cluster.
 *
 * @param id                 Drover cluster id (the proxy path segment)
 * @param name               context name base, e.g. {@code prod}
 * @param aceEnabled         whether the Authorized Cluster Endpoint (direct access) is on
 * @param aceFqdn            a load-balanced FQDN for the control plane; when set, one
 *                           {@code <name>-fqdn} context replaces the per-node ones
 * @param aceCaPem           CA of the cluster's API server (for direct contexts)
 * @param controlPlaneNodes  the control-plane nodes' names and API addresses
 */
public record ClusterAccess(String id, String name, boolean aceEnabled, String aceFqdn, String aceCaPem,
                            List<ControlPlaneNode> controlPlaneNodes) {

    public ClusterAccess {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        aceFqdn = aceFqdn == null ? "" : aceFqdn.strip();
        aceCaPem = aceCaPem == null ? "" : aceCaPem;
        controlPlaneNodes = controlPlaneNodes == null ? List.of() : List.copyOf(controlPlaneNodes);
    }

    /** A control-plane node reachable directly: {@code https://address:port}. */
    public record ControlPlaneNode(String name, String address, int port) {
        public ControlPlaneNode {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: 1–65535, got " + port);
            }
        }
    }
}
