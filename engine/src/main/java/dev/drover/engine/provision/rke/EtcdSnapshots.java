package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.ExecResult;
import dev.drover.engine.provision.rke.ssh.Shell;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code rke etcd snapshot-save} and {@code snapshot-restore}. A restore needs every member to start
 * from the same file, so the snapshot is streamed from the first etcd node that has it to the others
 * (checked by SHA-256), the API servers and members are stopped, each member's data directory is
 * rebuilt from the file, and the members and API servers start again.
 */
final class EtcdSnapshots {

    private final SshConnector ssh;
    private final NodeRuntime runtime;
    private final ProvisionOptions options;
    private final Progress progress;

    EtcdSnapshots(SshConnector ssh, NodeRuntime runtime, ProvisionOptions options, Progress progress) {
        this.ssh = ssh;
        this.progress = progress;
        this.runtime = runtime;
        this.options = options;
    }

    void save(RkeClusterConfig config, Map<String, RkeCertificates.Entry> bundle, String name) throws ProvisionException {
        checkName(name);
        List<RkeNode> members = config.nodesWith(RkeNode.Role.ETCD);
        try (Fleet fleet = new Fleet(ssh, members, options.parallelism(), progress)) {
            EtcdPlane etcd = new EtcdPlane(runtime, new RkeComponents(config, bundle), fleet, options.etcdHealthTimeout());
            fleet.forEach("saving etcd snapshot " + name, ProvisionException.hosts(members), (node, session) -> etcd.snapshot(node, name));
        }
    }

    void restore(RkeClusterConfig config, Map<String, RkeCertificates.Entry> bundle, String name) throws ProvisionException {
        checkName(name);
        List<RkeNode> members = config.nodesWith(RkeNode.Role.ETCD);
        List<RkeNode> controlPlane = config.nodesWith(RkeNode.Role.CONTROLPLANE);
        List<RkeNode> involved = java.util.stream.Stream.concat(members.stream(), controlPlane.stream()).distinct().toList();
        RkeComponents components = new RkeComponents(config, bundle);
        String file = RkeComponents.SNAPSHOT_DIR + "/" + name;
        try (Fleet fleet = new Fleet(ssh, involved, options.parallelism(), progress)) {
            EtcdPlane etcd = new EtcdPlane(runtime, components, fleet, options.etcdHealthTimeout());
            RkeNode source = members.getFirst();
            String digest = sha256(fleet.session(source.address()), file);
            fleet.forEach("copying snapshot " + name, ProvisionException.hosts(members.subList(1, members.size())), (node, session) -> {
                if (!digest.equals(sha256OrEmpty(session, file))) {
                    copy(fleet.session(source.address()), session, file);
                    if (!digest.equals(sha256OrEmpty(session, file))) {
                        throw new SshException("the copy of " + file + " does not match the one on " + source.address());
                    }
                }
            });
            fleet.forEach("stopping the API servers", ProvisionException.hosts(controlPlane), (node, session) -> runtime.remove(session, "kube-apiserver"));
            fleet.forEach("stopping etcd", ProvisionException.hosts(members), (node, session) -> runtime.remove(session, "etcd"));
            fleet.forEach("restoring snapshot " + name, ProvisionException.hosts(members), (node, session) ->
                    runtime.runOnce(session, etcd.restoreJob(node, name, components.initialCluster())).orThrow(node.address(), "restoring " + name));
            fleet.forEach("starting etcd", ProvisionException.hosts(members), (node, session) -> etcd.deployNew(node));
            fleet.forEach("waiting for etcd to be healthy", ProvisionException.hosts(members), (node, session) -> etcd.awaitHealthy(node));
            fleet.forEach("starting the API servers", ProvisionException.hosts(controlPlane), (node, session) ->
                    runtime.ensure(session, components.controlPlane(node).getFirst()));
        } catch (SshException e) {
            throw new ProvisionException("restoring snapshot " + name + ": " + e.getMessage(), Map.of(), e);
        }
    }

    private static void checkName(String name) throws ProvisionException {
        if (!EtcdPlane.SNAPSHOT_NAME.matcher(name).matches()) {
            throw ProvisionException.of("\"" + name + "\" is not a snapshot name (letters, digits, '.', '_' and '-')");
        }
    }

    private static String sha256(SshSession host, String file) throws SshException {
        String digest = sha256OrEmpty(host, file);
        if (digest.isEmpty()) {
            ExecResult list = host.exec("ls " + RkeComponents.SNAPSHOT_DIR + " 2>/dev/null");
            throw new SshException(host.address() + ": there is no snapshot " + file + " (snapshots there: "
                    + (list.stdout().isBlank() ? "none" : String.join(", ", list.stdout().strip().lines().toList())) + ")");
        }
        return digest;
    }

    private static String sha256OrEmpty(SshSession host, String file) throws SshException {
        ExecResult result = host.exec("sha256sum " + Shell.quote(file) + " 2>/dev/null");
        return result.ok() ? result.stdout().split(" ")[0] : "";
    }

    /** Streams {@code file} from one node to another through Drover, never holding it whole in memory. */
    private static void copy(SshSession from, SshSession to, String file) throws SshException {
        try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
             PipedInputStream in = new PipedInputStream(1 << 20);
             PipedOutputStream out = new PipedOutputStream(in)) {
            Future<Integer> sent = reader.submit(() -> {
                try (out) {
                    return from.stream("cat " + Shell.quote(file), null, out, new ByteArrayOutputStream(), Duration.ofHours(1));
                }
            });
            String tmp = Shell.quote(file + ".drover-tmp");
            int received = to.stream("mkdir -p " + RkeComponents.SNAPSHOT_DIR + " && cat > " + tmp + " && mv " + tmp + " " + Shell.quote(file),
                    in, new ByteArrayOutputStream(), new ByteArrayOutputStream(), Duration.ofHours(1));
            if (sent.get() != 0 || received != 0) {
                throw new SshException("copying " + file + " from " + from.address() + " to " + to.address() + " failed");
            }
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new SshException("copying " + file + " from " + from.address() + " to " + to.address() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while copying " + file, e);
        }
    }
}
