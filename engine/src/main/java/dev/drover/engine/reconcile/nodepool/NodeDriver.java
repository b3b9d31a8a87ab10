package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.model.NodeTemplate;
import java.util.List;
import java.util.Set;

/**
 * Where a node pool's machines come from, named by {@link NodeTemplate#driver()}. The first driver hands
 * out machines of an inventory ({@link ExistingHostsDriver}); cloud drivers would create and destroy
 * virtual machines behind the same two calls. Called from the nodepool reconciler's worker threads,
 * never for the same cluster at once.
 */
public interface NodeDriver {

    /** The {@link NodeTemplate#driver()} value this driver serves. */
    String name();

    /**
     * Up to {@code count} machines for a pool of {@code template}, none of {@code inUse} (addresses); fewer
     * (possibly none) when no more are available.
     */
    List<NodeTemplate.Host> acquire(NodeTemplate template, int count, Set<String> inUse) throws Exception;

    /** Gives back a machine the pool no longer uses (after the provisioner removed it from the cluster). */
    void release(NodeTemplate template, NodeTemplate.Host host) throws Exception;
}
