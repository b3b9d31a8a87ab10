package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.SshSession;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one {@code up} plan: each step's hosts through the {@link Fleet} (bounded, in parallel), the
 * steps and planes strictly in order, {@code onPlaneDone} after each plane so the state is saved before
 * the next one starts. New hosts are simply started; existing hosts whose components change are cordoned
 * (and drained if asked), replaced, health-checked and uncordoned, batch by batch.
 */
final class PlanRun {

    private static final Logger LOG = LoggerFactory.getLogger(PlanRun.class);

    /** Called after each completed plane, with the hosts it covered. */
    @FunctionalInterface
    interface PlaneListener {
        void planeDone(PlanStep.Plane plane, Set<String> hosts) throws ProvisionException;
    }

    private final RkeClusterConfig config;
    private final Map<String, RkeCertificates.Entry> bundle;
    private final Set<String> existingEtcd;
    private final NodeRuntime runtime;
    private final NodeDrainer drainer;
    private final Fleet fleet;
    private final ProvisionOptions options;
    private final boolean caRotated;
    private final RkeComponents components;
    private final EtcdPlane etcd;
    private final AtomicInteger componentsChanged = new AtomicInteger();
    private final AtomicInteger filesChanged = new AtomicInteger();
    private String snapshot = "";
    private List<RkeNode> removedEtcd = List.of();

    PlanRun(RkeClusterConfig config, Map<String, RkeCertificates.Entry> bundle, Set<String> existingEtcd, NodeRuntime runtime,
            NodeDrainer drainer, Fleet fleet, ProvisionOptions options, boolean caRotated) {
        this.config = config;
        this.bundle = bundle;
        this.existingEtcd = existingEtcd;
        this.runtime = runtime;
        this.drainer = drainer;
        this.fleet = fleet;
        this.options = options;
        this.caRotated = caRotated;
        this.components = new RkeComponents(config, bundle);
        this.etcd = new EtcdPlane(runtime, components, fleet, options.etcdHealthTimeout());
    }

    /** Runs every step; {@code removedEtcd} are members to take out of etcd once the new ones run. */
    ProvisionResult execute(List<PlanStep> steps, List<RkeNode> removedEtcd, PlaneListener onPlaneDone) throws ProvisionException {
        long started = System.nanoTime();
        this.removedEtcd = List.copyOf(removedEtcd);
        List<String> completed = new ArrayList<>();
        for (PlanStep.Plane plane : PlanStep.Plane.values()) {
            List<PlanStep> planeSteps = steps.stream().filter(s -> s.plane() == plane).toList();
            Set<String> planeHosts = new LinkedHashSet<>();
            planeSteps.forEach(s -> planeHosts.addAll(s.nodes()));
            fleet.progress().cancellation().throwIfCancelled("the " + plane + " plane");
            fleet.progress().emit(new ProvisionEvent.PlaneStarted(plane, List.copyOf(planeHosts)));
            for (PlanStep step : planeSteps) {
                fleet.progress().cancellation().throwIfCancelled(step.plane() + " " + step.action());
                step(step, steps);
            }
            if (plane == PlanStep.Plane.ETCD) {
                finishEtcd();
            }
            onPlaneDone.planeDone(plane, planeHosts);
            completed.add(plane.name());
            fleet.progress().emit(new ProvisionEvent.PlaneFinished(plane));
        }
        return new ProvisionResult(completed, componentsChanged.get(), filesChanged.get(), snapshot, Duration.ofNanos(System.nanoTime() - started));
    }

    private void step(PlanStep step, List<PlanStep> plan) throws ProvisionException {
        long started = System.nanoTime();
        try {
            dispatch(step, plan);
        } finally {
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("{} plane, {} on {} host(s): {} ms", step.plane(), step.action(), step.nodes().size(), millis);
            fleet.progress().log("", step.plane() + " plane, " + step.action() + " on " + step.nodes().size() + " host(s): " + millis + " ms");
        }
    }

    private void dispatch(PlanStep step, List<PlanStep> plan) throws ProvisionException {
        String where = step.plane().name().toLowerCase(java.util.Locale.ROOT) + " plane, " + step.action();
        switch (step.plane()) {
            case PREPARE -> {
                if (step.action().equals("check")) {
                    fleet.forEach("connecting and checking (" + where + ")", step.nodes(), (node, session) -> runtime.check(session));
                } else {
                    fleet.forEach("deploying certificates", step.nodes(), (node, session) ->
                            filesChanged.addAndGet(CertificateDeployer.deploy(session, CertificateDeployer.filesFor(config, node, bundle))));
                }
            }
            case ETCD -> etcdStep(step, plan, where);
            case CONTROLPLANE, WORKER -> fleet.forEach(where, step.nodes(), (node, session) -> {
                List<Component> wanted = new ArrayList<>();
                if (step.plane() == PlanStep.Plane.CONTROLPLANE) {
                    wanted.addAll(components.controlPlane(node));
                }
                wanted.addAll(components.worker(node));
                Map<String, NodeRuntime.Status> statuses = runtime.inspectAll(session, wanted.stream().map(Component::name).toList());
                if (step.action().equals("upgrade")) {
                    upgrade(node, session, wanted, statuses);
                } else {
                    for (Component component : wanted) {
                        count(runtime.ensure(session, component, java.util.Optional.ofNullable(statuses.get(component.name()))));
                    }
                }
            });
        }
    }

    private void etcdStep(PlanStep step, List<PlanStep> plan, String where) throws ProvisionException {
        boolean newCluster = existingEtcd.isEmpty();
        fleet.forEach("etcd (" + where + ")", step.nodes(), (node, session) -> {
            switch (step.action()) {
                case "snapshot" -> {
                    // after a CA rotation the snapshot was taken before the new CA reached the nodes
                    if (!caRotated && etcdWillChange(plan)) {
                        snapshot = "rke_up_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
                        etcd.snapshot(node, snapshot);
                    }
                }
                case "deploy" -> {
                    if (newCluster) {
                        count(etcd.deployNew(node));
                    } else {
                        etcd.join(node, firstExistingEtcd());
                        count(true);
                    }
                }
                default -> {
                    if (caRotated) {
                        // members with a new CA cannot talk to members with the old one: start all, then wait for all
                        count(runtime.ensure(session, etcd.member(node)));
                    } else {
                        count(etcd.upgrade(node));
                    }
                }
            }
        });
    }

    private void finishEtcd() throws ProvisionException {
        List<RkeNode> members = config.nodesWith(RkeNode.Role.ETCD);
        long started = System.nanoTime();
        fleet.forEach("waiting for etcd to be healthy", ProvisionException.hosts(members), (node, session) -> etcd.awaitHealthy(node));
        LOG.info("ETCD plane, health of {} member(s): {} ms", members.size(), (System.nanoTime() - started) / 1_000_000);
        for (RkeNode removed : removedEtcd) {
            fleet.forEach("removing etcd member " + removed.address(), List.of(members.getFirst().address()),
                    (via, session) -> etcd.removeMember(removed, via));
        }
    }

    /** Read-only look-ahead for "snapshot first": only when a member will be added, removed or replaced. */
    private boolean etcdWillChange(List<PlanStep> plan) throws Exception {
        if (!removedEtcd.isEmpty()) {
            return true;
        }
        for (PlanStep step : plan) {
            if (step.plane() == PlanStep.Plane.ETCD && !step.action().equals("snapshot")) {
                for (String address : step.nodes()) {
                    if (step.action().equals("deploy") || etcd.wouldChange(fleet.node(address))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private RkeNode firstExistingEtcd() throws ProvisionException {
        return config.nodesWith(RkeNode.Role.ETCD).stream().filter(n -> existingEtcd.contains(n.address())).findFirst()
                .orElseThrow(() -> ProvisionException.of("no running etcd member to join"));
    }

    /** One existing host of an upgrade batch: untouched if nothing changes, else out of scheduling while replaced. */
    private void upgrade(RkeNode node, SshSession session, List<Component> wanted, Map<String, NodeRuntime.Status> statuses) throws Exception {
        List<Component> changing = new ArrayList<>();
        for (Component component : wanted) {
            NodeRuntime.Status status = statuses.get(component.name());
            if (status == null || !status.running() || !status.specHash().equals(component.specHash())) {
                changing.add(component);
            }
        }
        if (changing.isEmpty()) {
            return;
        }
        drainer.cordon(node.nodeName());
        if (config.upgradeStrategy().drain()) {
            drainer.drain(node.nodeName(), NodeDrainer.DrainOptions.of(config.upgradeStrategy()));
        }
        for (Component component : changing) {
            count(runtime.ensure(session, component, java.util.Optional.ofNullable(statuses.get(component.name()))));
        }
        for (Component component : wanted) {
            awaitHealthy(node, session, component);
        }
        drainer.uncordon(node.nodeName());
    }

    private void awaitHealthy(RkeNode node, SshSession session, Component component) throws Exception {
        long deadline = System.nanoTime() + options.healthTimeout().toNanos();
        while (!runtime.healthy(session, component)) {
            if (System.nanoTime() - deadline > 0) {
                throw ProvisionException.of(node.address() + ": " + component.name() + " did not report healthy within "
                        + options.healthTimeout().toSeconds() + " s; the node stays cordoned");
            }
            EtcdPlane.pause();
        }
    }

    private void count(boolean changed) {
        if (changed) {
            componentsChanged.incrementAndGet();
        }
    }
}
