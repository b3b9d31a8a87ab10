package dev.drover.engine.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A set of like nodes in an RKE cluster (kind {@value #KIND}, namespace = cluster id, name = id).
 *
 * @param clusterId              the cluster
 * @param id                     pool id
 * @param nodeTemplateId         where machines come from
 * @param quantity               desired node count
 * @param roles                  {@code etcd}, {@code controlplane}, {@code worker}
 * @param hostnamePrefix         nodes are named prefix + index
 * @param unhealthyReplaceAfter  replace a node that stays unhealthy this long
 * @param nodes                  observed nodes
 */
public record NodePool(String clusterId, String id, String nodeTemplateId, int quantity, List<String> roles,
                       String hostnamePrefix, Duration unhealthyReplaceAfter, List<PoolNode> nodes) {

    public static final String KIND = "NodePool";
    public static final Duration DEFAULT_REPLACE_AFTER = Duration.ofMinutes(15);

    public NodePool {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nodeTemplateId, "nodeTemplateId");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity: must not be negative");
        }
        roles = List.copyOf(roles);
        hostnamePrefix = hostnamePrefix == null ? id + "-" : hostnamePrefix;
        unhealthyReplaceAfter = unhealthyReplaceAfter == null ? DEFAULT_REPLACE_AFTER : unhealthyReplaceAfter;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** One node of a pool as last observed. */
    public record PoolNode(String name, String address, String state, java.time.Instant unhealthySince) {
    }
}
