package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.SshConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs RKE's commands against real nodes over SSH: {@code up}, {@code remove}, {@code etcd snapshot-save},
 * {@code etcd snapshot-restore} ({@link EtcdSnapshots}) and {@code cert rotate}. State lives beside
 * cluster.yml as RKE keeps it: {@code cluster.rkestate} (written before anything is deployed and after
 * every plane) and {@code kube_config_<name>.yml}.
 *
 * <p>Every method blocks until done and may take minutes; call it off UI threads. One run per
 * cluster.yml at a time (the caller serializes, e.g. a reconciler keyed by cluster). A run is
 * idempotent: re-running with an unchanged cluster.yml changes nothing on any node.
 */
public final class RkeProvisioner {

    private final SshConnector ssh;
    private final NodeRuntime runtime;
    private final NodeDrainer.Factory drainers;
    private final ProvisionOptions options;

    public RkeProvisioner(SshConnector ssh, NodeRuntime runtime, NodeDrainer.Factory drainers, ProvisionOptions options) {
        this.ssh = ssh;
        this.runtime = runtime;
        this.drainers = drainers;
        this.options = options;
    }

    /**
     * Connects to one machine (recording its host key on first use, refusing a changed one) and runs the
     * runtime's check, changing nothing: what a wizard's "test SSH" does before any cluster.yml exists.
     *
     * @throws dev.drover.engine.provision.rke.ssh.SshException saying what failed (unreachable, key refused, no Docker, …)
     */
    public void checkNode(dev.drover.engine.provision.rke.ssh.SshTarget target) throws dev.drover.engine.provision.rke.ssh.SshException {
        try (var session = ssh.connect(target)) {
            runtime.check(session);
        }
    }

    /** Reads and validates {@code clusterYml}; see {@link ClusterYamlParser}. */
    public static RkeClusterConfig read(Path clusterYml) throws IOException {
        return ClusterYamlParser.parse(Files.readString(clusterYml)).config();
    }

    /**
     * {@code rke up}: brings the nodes to {@code config}. Certificates are reused from cluster.rkestate,
     * re-issued from its CAs when node names changed, generated on the first run.
     *
     * @throws ProvisionException a step failed; its message names the hosts, the completed planes and the state file
     */
    public ProvisionResult up(RkeClusterConfig config, Path clusterYml) throws ProvisionException, IOException {
        return up(config, clusterYml, Progress.none());
    }

    ProvisionResult up(RkeClusterConfig config, Path clusterYml, Progress progress) throws ProvisionException, IOException {
        Optional<RkeState> saved = RkeStateFiles.readState(RkeStateFiles.statePath(clusterYml));
        Map<String, RkeCertificates.Entry> bundle;
        if (saved.isEmpty()) {
            bundle = RkeCertificates.generate(config, options.keyAlgorithm());
        } else if (RkeCertificates.namesChanged(saved.get().desiredState().rkeConfig(), config)) {
            bundle = RkeCertificates.reissue(config, saved.get().desiredState().certificatesBundle());
        } else {
            bundle = saved.get().desiredState().certificatesBundle();
        }
        return run(config, clusterYml, saved, bundle, false, progress);
    }

    /**
     * {@code rke cert rotate}: new leaf certificates from the same CAs, or new CAs too with
     * {@code rotateCa}; deployed, and every component restarted with them (etcd members one at a time,
     * or all together when the CA changes, since old and new members could not talk).
     */
    public ProvisionResult rotateCertificates(RkeClusterConfig config, Path clusterYml, boolean rotateCa) throws ProvisionException, IOException {
        return rotateCertificates(config, clusterYml, rotateCa, Progress.none());
    }

    ProvisionResult rotateCertificates(RkeClusterConfig config, Path clusterYml, boolean rotateCa, Progress progress)
            throws ProvisionException, IOException {
        RkeState saved = requireState(clusterYml);
        if (rotateCa) {
            // etcdctl could not reach members once their CA files change; snapshot while the old files are in place
            new EtcdSnapshots(ssh, runtime, options, progress).save(config, saved.desiredState().certificatesBundle(),
                    "rke_cert_rotate_" + System.currentTimeMillis());
        }
        Map<String, RkeCertificates.Entry> bundle = rotateCa ? RkeCertificates.generate(config, options.keyAlgorithm())
                : RkeCertificates.reissue(config, saved.desiredState().certificatesBundle());
        return run(config, clusterYml, Optional.of(saved), bundle, rotateCa, progress);
    }

    /** {@code rke etcd snapshot-save}: the snapshot on every etcd node under /opt/rke/etcd-snapshots. */
    public void snapshotSave(RkeClusterConfig config, Path clusterYml, String name) throws ProvisionException, IOException {
        snapshotSave(config, clusterYml, name, Progress.none());
    }

    void snapshotSave(RkeClusterConfig config, Path clusterYml, String name, Progress progress) throws ProvisionException, IOException {
        new EtcdSnapshots(ssh, runtime, options, progress).save(config, requireState(clusterYml).desiredState().certificatesBundle(), name);
    }

    /** {@code rke etcd snapshot-restore}: every member back to the snapshot, the API servers restarted on it. */
    public void snapshotRestore(RkeClusterConfig config, Path clusterYml, String name) throws ProvisionException, IOException {
        snapshotRestore(config, clusterYml, name, Progress.none());
    }

    void snapshotRestore(RkeClusterConfig config, Path clusterYml, String name, Progress progress) throws ProvisionException, IOException {
        new EtcdSnapshots(ssh, runtime, options, progress).restore(config, requireState(clusterYml).desiredState().certificatesBundle(), name);
    }

    /**
     * {@code rke remove}: stops and deletes every component on every node of the config and of the
     * state, empties {@link ProvisionOptions#cleanDirectories()} on them (snapshots are kept), then
     * deletes cluster.rkestate and the kubeconfig.
     */
    public void remove(RkeClusterConfig config, Path clusterYml) throws ProvisionException, IOException {
        remove(config, clusterYml, Progress.none());
    }

    void remove(RkeClusterConfig config, Path clusterYml, Progress progress) throws ProvisionException, IOException {
        Optional<RkeState> saved = RkeStateFiles.readState(RkeStateFiles.statePath(clusterYml));
        List<RkeNode> nodes = new ArrayList<>(config.nodes());
        saved.map(RkeState::currentState).map(RkeState.State::rkeConfig).ifPresent(previous -> previous.nodes().stream()
                .filter(n -> nodes.stream().noneMatch(c -> c.address().equals(n.address()))).forEach(nodes::add));
        try (Fleet fleet = new Fleet(ssh, nodes, options.parallelism(), progress)) {
            fleet.forEach("removing the cluster", ProvisionException.hosts(nodes), (node, session) -> HostCleanup.clean(runtime, session, options));
        }
        Files.deleteIfExists(RkeStateFiles.statePath(clusterYml));
        Files.deleteIfExists(RkeStateFiles.kubeconfigPath(clusterYml));
    }

    private ProvisionResult run(RkeClusterConfig config, Path clusterYml, Optional<RkeState> saved, Map<String, RkeCertificates.Entry> bundle,
                                boolean caRotated, Progress progress) throws ProvisionException, IOException {
        Path statePath = RkeStateFiles.statePath(clusterYml);
        Path kubeconfig = RkeStateFiles.kubeconfigPath(clusterYml);
        RkeState.State previous = saved.map(RkeState::currentState).orElse(null);
        Set<String> existing = previous == null ? Set.of() : Set.copyOf(previous.appliedNodes());
        Set<String> wanted = config.nodes().stream().map(RkeNode::address).collect(Collectors.toCollection(LinkedHashSet::new));
        List<RkeNode> removed = previous == null || previous.rkeConfig() == null ? List.of() : previous.rkeConfig().nodes().stream()
                .filter(n -> existing.contains(n.address()) && !wanted.contains(n.address())).toList();
        RkeClusterConfig lastConfig = previous == null || previous.rkeConfig() == null ? config : previous.rkeConfig();
        Set<String> existingEtcd = lastConfig.nodesWith(RkeNode.Role.ETCD).stream().map(RkeNode::address).filter(existing::contains)
                .filter(wanted::contains).collect(Collectors.toSet());
        List<String> planes = Stream.of(PlanStep.Plane.values()).map(Enum::name).toList();
        RkeState.State desired = new RkeState.State(config, bundle, List.copyOf(wanted), planes);
        // the desired state (with any new certificates) is on disk before a single file reaches a node
        RkeStateFiles.writeState(statePath, new RkeState(desired, previous));

        Set<String> applied = new LinkedHashSet<>(existing);
        List<String> completed = new ArrayList<>();
        List<RkeNode> all = Stream.concat(config.nodes().stream(), removed.stream()).toList();
        try (Fleet fleet = new Fleet(ssh, all, options.parallelism(), progress)) {
            PlanRun run = new PlanRun(config, bundle, existingEtcd, runtime, drainers.forCluster(kubeconfig), fleet, options, caRotated);
            ProvisionResult result = run.execute(ProvisionPlanner.plan(config, existing, existingEtcd),
                    removed.stream().filter(n -> n.has(RkeNode.Role.ETCD)).toList(), (plane, hosts) -> {
                        applied.addAll(hosts);
                        completed.add(plane.name());
                        try {
                            if (plane == PlanStep.Plane.CONTROLPLANE) {
                                RkeStateFiles.writeAdminKubeconfig(kubeconfig, config, bundle);
                            }
                            RkeStateFiles.writeState(statePath, new RkeState(desired,
                                    new RkeState.State(lastConfig, bundle, List.copyOf(applied), completed)));
                        } catch (IOException e) {
                            throw new ProvisionException("cannot save " + statePath + " after the " + plane + " plane: " + e.getMessage(), Map.of(), e);
                        }
                    });
            if (!removed.isEmpty()) {
                try {
                    fleet.forEach("cleaning removed nodes", ProvisionException.hosts(removed), (node, session) -> HostCleanup.clean(runtime, session, options));
                } catch (ProvisionException e) {
                    // as RKE: a removed node is often removed because it is dead; the cluster no longer needs it either way
                    progress.log("", "warning: " + e.getMessage() + "; clean those hosts by hand if they come back");
                }
            }
            RkeStateFiles.writeState(statePath, new RkeState(desired, new RkeState.State(config, bundle, List.copyOf(wanted), completed)));
            return result;
        } catch (ProvisionException e) {
            throw e.with("Completed planes: " + (completed.isEmpty() ? "none" : String.join(", ", completed)) + "; the state is saved in "
                    + statePath + ". Fix the cause and run again: work already done is not repeated");
        }
    }

    private static RkeState requireState(Path clusterYml) throws IOException, ProvisionException {
        Path statePath = RkeStateFiles.statePath(clusterYml);
        return RkeStateFiles.readState(statePath).orElseThrow(() -> ProvisionException.of("there is no " + statePath
                + "; run up first (snapshots and certificate rotation need a provisioned cluster)"));
    }
}
