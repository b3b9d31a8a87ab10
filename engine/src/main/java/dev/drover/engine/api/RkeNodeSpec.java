package dev.drover.engine.api;

import java.util.Set;

/**
 * One machine of a cluster the wizard builds: how to reach it and what it runs.
 *
 * @param access how Drover logs in
 * @param roles  at least one of etcd, control plane, worker
 */
public record RkeNodeSpec(NodeAccess access, Set<RkeRole> roles) {
    public RkeNodeSpec {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
