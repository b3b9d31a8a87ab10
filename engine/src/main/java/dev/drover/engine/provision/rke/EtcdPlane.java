package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.ExecResult;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * etcd operations over the node runtime, always through {@code etcdctl} beside a member (as RKE's tools
 * do): start or upgrade one member and wait for it to be healthy, join a member to a running cluster
 * ({@code member add} first), remove one, wait for the whole cluster, save a snapshot.
 */
final class EtcdPlane {

    /** Snapshot names become file names on the nodes. */
    static final Pattern SNAPSHOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NodeRuntime runtime;
    private final RkeComponents components;
    private final Fleet fleet;
    private final Duration healthTimeout;

    EtcdPlane(NodeRuntime runtime, RkeComponents components, Fleet fleet, Duration healthTimeout) {
        this.runtime = runtime;
        this.components = components;
        this.fleet = fleet;
        this.healthTimeout = healthTimeout;
    }

    /** The member's component as it runs after the cluster exists (bootstrap flags do not matter then). */
    Component member(RkeNode node) {
        return components.etcd(node, components.initialCluster(), true);
    }

    /** Whether starting etcd on {@code node} now would change what runs there. Read-only. */
    boolean wouldChange(RkeNode node) throws SshException {
        return runtime.inspect(fleet.session(node.address()), "etcd")
                .map(s -> !s.running() || !s.specHash().equals(member(node).specHash())).orElse(true);
    }

    /** Starts a member of a new cluster; it cannot be healthy until a quorum of members runs, so no wait. */
    boolean deployNew(RkeNode node) throws SshException {
        return runtime.ensure(fleet.session(node.address()), components.etcd(node, components.initialCluster(), true));
    }

    /** Replaces a running member if its spec changed and waits until it is healthy again. */
    boolean upgrade(RkeNode node) throws SshException, ProvisionException {
        boolean changed = runtime.ensure(fleet.session(node.address()), member(node));
        awaitHealthy(node);
        return changed;
    }

    /** Adds {@code node} to the running cluster through {@code via} and starts it as an existing-cluster member. */
    void join(RkeNode node, RkeNode via) throws SshException, ProvisionException {
        List<JsonNode> members = members(via);
        String peerUrl = RkeComponents.peerUrl(node);
        if (members.stream().noneMatch(m -> peerUrls(m).contains(peerUrl))) {
            addMember(node, via);
            members = members(via);
        }
        List<String> initial = new ArrayList<>();
        for (JsonNode member : members) {
            String name = member.path("name").asString("");
            initial.add((name.isEmpty() ? RkeComponents.etcdName(node) : name) + "=" + peerUrls(member).getFirst());
        }
        runtime.ensure(fleet.session(node.address()), components.etcd(node, String.join(",", initial), false));
        awaitHealthy(node);
    }

    /**
     * {@code member add}, retried: etcd refuses it ("unhealthy cluster") until every member has been
     * connected for a few seconds, which is never the case right after a rolling restart.
     */
    private void addMember(RkeNode node, RkeNode via) throws SshException, ProvisionException {
        long deadline = System.nanoTime() + healthTimeout.toNanos();
        List<String> command = List.of("etcdctl", "member", "add", RkeComponents.etcdName(node), "--peer-urls=" + RkeComponents.peerUrl(node));
        while (true) {
            ExecResult added = runtime.exec(fleet.session(via.address()), member(via), command);
            if (added.ok()) {
                return;
            }
            if (!added.stderr().contains("unhealthy cluster") || System.nanoTime() - deadline > 0) {
                added.orThrow(via.address(), "adding " + RkeComponents.etcdName(node) + " to etcd");
            }
            pause();
        }
    }

    /** Removes {@code node}'s member through {@code via}; nothing if it is no member. */
    void removeMember(RkeNode node, RkeNode via) throws SshException {
        for (JsonNode member : members(via)) {
            if (peerUrls(member).contains(RkeComponents.peerUrl(node))) {
                String id = new BigInteger(member.path("ID").asString()).toString(16);
                etcdctl(via, "removing " + RkeComponents.etcdName(node) + " from etcd", "member", "remove", id);
            }
        }
    }

    /** Waits until {@code node}'s member answers a health check (a quorum read) or the timeout passes. */
    void awaitHealthy(RkeNode node) throws SshException, ProvisionException {
        long deadline = System.nanoTime() + healthTimeout.toNanos();
        SshSession session = fleet.session(node.address());
        while (!runtime.healthy(session, member(node))) {
            if (System.nanoTime() - deadline > 0) {
                throw ProvisionException.of(node.address() + ": etcd did not report healthy within " + healthTimeout.toSeconds() + " s");
            }
            pause();
        }
    }

    /** Saves snapshot {@code name} on {@code node} under {@value RkeComponents#SNAPSHOT_DIR}. */
    void snapshot(RkeNode node, String name) throws SshException {
        etcdctl(node, "saving etcd snapshot " + name, "snapshot", "save", RkeComponents.SNAPSHOT_MOUNT + "/" + name);
    }

    /** A one-off container that replaces {@code node}'s data directory with the snapshot, for a cluster of {@code initialCluster}. */
    Component restoreJob(RkeNode node, String name, String initialCluster) {
        Component etcd = member(node);
        String data = RkeComponents.ETCD_DATA_DIR;
        String script = "set -e; rm -rf " + data + "/member " + data + "/restore; etcdctl snapshot restore " + RkeComponents.SNAPSHOT_MOUNT + "/" + name
                + " --data-dir=" + data + "/restore --name=" + RkeComponents.etcdName(node) + " --initial-cluster=" + initialCluster
                + " --initial-cluster-token=etcd-cluster-1 --initial-advertise-peer-urls=" + RkeComponents.peerUrl(node)
                + "; mv " + data + "/restore/member " + data + "/member; rmdir " + data + "/restore";
        return new Component("etcd-restore", etcd.image(), List.of("/bin/sh", "-c", script), List.of(), etcd.env(), etcd.binds(),
                false, false, "", etcd.labels());
    }

    private List<JsonNode> members(RkeNode via) throws SshException {
        ExecResult list = etcdctl(via, "listing etcd members", "member", "list", "-w", "json");
        List<JsonNode> members = new ArrayList<>();
        JSON.readTree(list.stdout()).path("members").forEach(members::add);
        return members;
    }

    private static List<String> peerUrls(JsonNode member) {
        List<String> urls = new ArrayList<>();
        member.path("peerURLs").forEach(u -> urls.add(u.asString()));
        return urls;
    }

    private ExecResult etcdctl(RkeNode node, String doing, String... args) throws SshException {
        List<String> command = new ArrayList<>(List.of("etcdctl"));
        command.addAll(List.of(args));
        return runtime.exec(fleet.session(node.address()), member(node), command).orThrow(node.address(), doing);
    }

    /** Polling interval of health waits: etcd's own heartbeat is 500 ms. */
    static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for health", e);
        }
    }
}
