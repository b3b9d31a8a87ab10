package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.model.NodeTemplate;
import java.util.List;
import java.util.Set;

/**
 * The {@value #NAME} driver: machines already running and reachable over SSH, listed in the template's
 * inventory. Acquiring takes the first machines of the inventory that no pool uses, in inventory order;
 * releasing needs nothing (the provisioner's remove already cleaned the machine) and makes it available again.
 */
public final class ExistingHostsDriver implements NodeDriver {

    public static final String NAME = "existing-hosts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<NodeTemplate.Host> acquire(NodeTemplate template, int count, Set<String> inUse) {
        return template.inventory().stream().filter(h -> !inUse.contains(h.address())).limit(Math.max(0, count)).toList();
    }

    @Override
    public void release(NodeTemplate template, NodeTemplate.Host host) {
        // the machine stays in the inventory; being out of every pool is what makes it free
    }
}
