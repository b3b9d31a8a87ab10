package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.model.NodeTemplate;

/**
 * Whether a pool's machine is healthy right now. Called by the reconciler on its worker threads, once per
 * node per pass; must return within seconds (a machine that does not answer is unhealthy, not an error).
 */
@FunctionalInterface
public interface NodeHealth {

    boolean healthy(String clusterId, String nodeName, NodeTemplate.Host host);
}
