package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.model.NodePool;
import dev.drover.engine.model.NodeTemplate;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node pools of one cluster (the key) at their quantity, as Rancher's node pool controller does:
 * checks every node's health, replaces a node unhealthy for longer than its pool's
 * {@link NodePool#unhealthyReplaceAfter()}, takes machines from the template's {@link NodeDriver} when a
 * pool is short and drops the highest-numbered nodes when it is over, then applies the cluster's new
 * membership with one {@link PoolProvisioner} call (RKE provisions a cluster as a whole). The pools'
 * observed nodes are written back only once the provisioner succeeded, so a failed run is simply
 * computed and tried again (with backoff); health observations are saved either way.
 */
public final class NodePoolReconciler implements Reconciler<String> {

    public static final String NAME = "nodepool";
    /** How often nodes' health is looked at when nothing else happens. */
    public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(30);
    static final String ACTIVE = "active";
    static final String UNHEALTHY = "unhealthy";
    private static final Logger LOG = LoggerFactory.getLogger(NodePoolReconciler.class);

    private final ResourceStore store;
    private final Clock clock;
    private final Map<String, NodeDriver> drivers;
    private final NodeHealth health;
    private final PoolProvisioner provisioner;
    private final JsonCodec<NodePool> pools = new JsonCodec<>(NodePool.class);
    private final JsonCodec<NodeTemplate> templates = new JsonCodec<>(NodeTemplate.class);

    public NodePoolReconciler(ResourceStore store, Clock clock, List<NodeDriver> drivers, NodeHealth health, PoolProvisioner provisioner) {
        this.store = store;
        this.clock = clock;
        this.drivers = drivers.stream().collect(Collectors.toMap(NodeDriver::name, Function.identity()));
        this.health = health;
        this.provisioner = provisioner;
    }

    /**
     * Production wiring for the engine: {@link ExistingHostsDriver}, {@link SshNodeHealth} and
     * {@link RkePoolProvisioner} with Docker over SSH, keeping clusters and known_hosts under
     * {@code <data directory>/rke}. Nothing is touched on disk until a pool exists.
     */
    public static NodePoolReconciler inDataDirectory(ResourceStore store, Clock clock) {
        RkeTools tools = new RkeTools(() -> dev.drover.engine.store.DataDirectories.resolve().resolve("rke"));
        return new NodePoolReconciler(store, clock, List.of(new ExistingHostsDriver()),
                (cluster, node, host) -> tools.health().healthy(cluster, node, host), (cluster, members) -> tools.provisioner().apply(cluster, members));
    }

    /** One pool during a pass: as stored, then as wanted. */
    private record Pass(StoredObject stored, NodePool pool, NodeTemplate template, List<NodePool.PoolNode> observed,
                        List<NodePool.PoolNode> wanted, List<NodePool.PoolNode> dropped) {
    }

    @Override
    public ReconcileResult reconcile(String clusterId) throws Exception {
        List<StoredObject> stored = store.list(new ListRequest(NodePool.KIND, clusterId, LabelSelector.EVERYTHING, 0, null)).items();
        if (stored.isEmpty()) {
            // no store watch triggers this loop yet (Engine registers it in one line): a cheap look every
            // interval is what notices a cluster's first pool
            return ReconcileResult.requeueAfter(HEALTH_INTERVAL);
        }
        Instant now = clock.instant();
        List<Pass> passes = new ArrayList<>();
        Set<String> inUse = new HashSet<>();
        for (StoredObject object : stored) {
            NodePool pool = pools.decode(object);
            pool.nodes().forEach(n -> inUse.add(n.address()));
            Optional<NodeTemplate> template = store.get(ObjectKey.of(NodeTemplate.KIND, pool.nodeTemplateId())).map(templates::decode);
            if (template.isEmpty() || !drivers.containsKey(template.get().driver())) {
                LOG.warn("node pool {}/{}: {}; it is left as it is", clusterId, pool.id(), template.isEmpty()
                        ? "node template " + pool.nodeTemplateId() + " does not exist" : "no driver " + template.get().driver());
                continue;
            }
            List<NodePool.PoolNode> observed = observe(clusterId, pool, template.get(), now);
            passes.add(new Pass(object, pool, template.get(), observed, observed, List.of()));
        }
        List<Pass> planned = new ArrayList<>();
        for (Pass pass : passes) {
            planned.add(scale(pass, now, inUse));
        }
        boolean membershipChanged = planned.stream().anyMatch(p -> !addresses(p.wanted()).equals(addresses(p.pool().nodes())));
        if (membershipChanged) {
            try {
                provisioner.apply(clusterId, members(planned));
            } catch (Exception e) {
                // keep what was learnt about health, not a membership the cluster does not have
                save(passes.stream().map(p -> withNodes(p, p.observed())).toList());
                throw new Exception("cluster " + clusterId + ": applying its node pools failed: " + e.getMessage(), e);
            }
            for (Pass pass : planned) {
                for (NodePool.PoolNode gone : pass.dropped()) {
                    pass.template().inventory().stream().filter(h -> h.address().equals(gone.address())).findFirst()
                            .ifPresent(host -> release(pass, host));
                }
            }
        }
        save(planned.stream().map(p -> withNodes(p, p.wanted())).toList());
        return ReconcileResult.requeueAfter(nextLook(planned, now));
    }

    /** Each node with its health now: {@code unhealthySince} set on the first failed check, cleared on a good one. */
    private List<NodePool.PoolNode> observe(String clusterId, NodePool pool, NodeTemplate template, Instant now) {
        List<NodePool.PoolNode> observed = new ArrayList<>();
        for (NodePool.PoolNode node : pool.nodes()) {
            NodeTemplate.Host host = hostOf(template, node.address());
            boolean healthy = host != null && health.healthy(clusterId, node.name(), host);
            Instant since = healthy ? null : node.unhealthySince() == null ? now : node.unhealthySince();
            observed.add(new NodePool.PoolNode(node.name(), node.address(), healthy ? ACTIVE : UNHEALTHY, since));
        }
        return observed;
    }

    /** Replaces long-unhealthy nodes, trims to the quantity and fills up from the driver. */
    private Pass scale(Pass pass, Instant now, Set<String> inUse) throws Exception {
        NodePool pool = pass.pool();
        List<NodePool.PoolNode> keep = new ArrayList<>();
        List<NodePool.PoolNode> dropped = new ArrayList<>();
        for (NodePool.PoolNode node : pass.observed()) {
            boolean expired = node.unhealthySince() != null && !now.isBefore(node.unhealthySince().plus(pool.unhealthyReplaceAfter()));
            (expired ? dropped : keep).add(node);
        }
        if (!dropped.isEmpty()) {
            LOG.info("node pool {}/{}: replacing {} (unhealthy for over {})", pool.clusterId(), pool.id(),
                    dropped.stream().map(NodePool.PoolNode::name).toList(), pool.unhealthyReplaceAfter());
        }
        // over quantity: unhealthy ones go first, then the highest-numbered
        keep.sort(Comparator.comparing((NodePool.PoolNode n) -> n.unhealthySince() != null).thenComparing(n -> index(pool, n.name())));
        while (keep.size() > pool.quantity()) {
            dropped.add(keep.removeLast());
        }
        int missing = pool.quantity() - keep.size();
        if (missing > 0) {
            List<NodeTemplate.Host> hosts = drivers.get(pass.template().driver()).acquire(pass.template(), missing, Set.copyOf(inUse));
            if (hosts.size() < missing) {
                LOG.warn("node pool {}/{}: template {} has only {} more machine(s) for the {} missing", pool.clusterId(), pool.id(),
                        pass.template().id(), hosts.size(), missing);
            }
            for (NodeTemplate.Host host : hosts) {
                inUse.add(host.address());
                keep.add(new NodePool.PoolNode(pool.hostnamePrefix() + freeIndex(pool, keep), host.address(), ACTIVE, null));
            }
        }
        keep.sort(Comparator.comparing(n -> index(pool, n.name())));
        return new Pass(pass.stored(), pool, pass.template(), pass.observed(), List.copyOf(keep), List.copyOf(dropped));
    }

    private static List<PoolMember> members(List<Pass> passes) {
        List<PoolMember> members = new ArrayList<>();
        for (Pass pass : passes) {
            for (NodePool.PoolNode node : pass.wanted()) {
                members.add(new PoolMember(node.name(), hostOf(pass.template(), node.address()), pass.pool().roles()));
            }
        }
        return members;
    }

    private void save(List<Pass> passes) {
        for (Pass pass : passes) {
            if (!pass.pool().nodes().equals(pass.wanted())) {
                NodePool updated = new NodePool(pass.pool().clusterId(), pass.pool().id(), pass.pool().nodeTemplateId(), pass.pool().quantity(),
                        pass.pool().roles(), pass.pool().hostnamePrefix(), pass.pool().unhealthyReplaceAfter(), pass.wanted());
                store.update(pass.stored().key(), pass.stored().revision(), pass.stored().labels(), pools.encode(updated));
            }
        }
    }

    private static Pass withNodes(Pass pass, List<NodePool.PoolNode> nodes) {
        return new Pass(pass.stored(), pass.pool(), pass.template(), pass.observed(), nodes, pass.dropped());
    }

    private void release(Pass pass, NodeTemplate.Host host) {
        try {
            drivers.get(pass.template().driver()).release(pass.template(), host);
        } catch (Exception e) {
            LOG.warn("node pool {}/{}: releasing {} failed: {}", pass.pool().clusterId(), pass.pool().id(), host.address(), e.getMessage());
        }
    }

    /** The health interval, or sooner when an unhealthy node reaches its replacement time before that. */
    private static Duration nextLook(List<Pass> passes, Instant now) {
        Duration next = HEALTH_INTERVAL;
        for (Pass pass : passes) {
            for (NodePool.PoolNode node : pass.wanted()) {
                if (node.unhealthySince() != null) {
                    Duration left = Duration.between(now, node.unhealthySince().plus(pass.pool().unhealthyReplaceAfter()));
                    next = left.isNegative() ? Duration.ZERO : left.compareTo(next) < 0 ? left : next;
                }
            }
        }
        return next;
    }

    private static int freeIndex(NodePool pool, List<NodePool.PoolNode> taken) {
        Set<Integer> used = taken.stream().map(n -> index(pool, n.name())).collect(Collectors.toSet());
        int index = 1;
        while (used.contains(index)) {
            index++;
        }
        return index;
    }

    /** The number after the pool's prefix; names not made by us sort last. */
    private static int index(NodePool pool, String name) {
        try {
            return name.startsWith(pool.hostnamePrefix()) ? Integer.parseInt(name.substring(pool.hostnamePrefix().length())) : Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Set<String> addresses(List<NodePool.PoolNode> nodes) {
        return nodes.stream().map(NodePool.PoolNode::address).collect(Collectors.toSet());
    }

    private static NodeTemplate.Host hostOf(NodeTemplate template, String address) {
        return template.inventory().stream().filter(h -> h.address().equals(address)).findFirst().orElse(null);
    }
}
