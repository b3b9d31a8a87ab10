package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.model.NodeTemplate;
import java.util.List;

/**
 * One machine of a cluster as the pools want it: its node name (pool prefix + index), how to reach it,
 * and the pool's roles.
 */
public record PoolMember(String name, NodeTemplate.Host host, List<String> roles) {

    public PoolMember {
        roles = List.copyOf(roles);
    }
}
