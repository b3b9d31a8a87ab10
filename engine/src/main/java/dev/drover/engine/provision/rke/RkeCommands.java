package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.KnownHosts;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The provisioner's front door, one method per RKE command, each taking the path of a cluster.yml (state
 * files live beside it, as RKE keeps them), a {@link ProvisionListener} for live progress and a
 * {@link Cancellation}. A CLI ({@code drover rke up --config cluster.yml}) and the console's cluster
 * wizard call these; the wizard also calls {@link #validate(String)} while the user edits.
 *
 * <p>Every command blocks for as long as the run takes (seconds to many minutes): call it from a worker
 * thread, never from a UI thread. Commands on the same cluster.yml must not overlap (the caller serializes);
 * commands on different cluster.yml files may run at once. Failures are {@link ProvisionException}s
 * whose message says which step failed on which hosts and what was completed; a bad cluster.yml is a
 * {@link ClusterConfigException} listing each field and line, and nothing is touched.
 */
public final class RkeCommands {

    private final RkeProvisioner provisioner;

    public RkeCommands(RkeProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    /**
     * Production wiring: Docker over SSH on the nodes, host keys checked against {@code knownHostsFile}
     * (recorded on first use), nodes cordoned and drained with the machine's {@code kubectl}.
     */
    public static RkeCommands withDocker(Path knownHostsFile, ProvisionOptions options) throws IOException {
        SshConnector ssh = new SshConnector(KnownHosts.open(knownHostsFile), Duration.ofSeconds(15));
        return new RkeCommands(new RkeProvisioner(ssh, new DockerOverSsh(), KubectlDrainer::new, options));
    }

    /** Errors of {@code clusterYml} text by field and line, empty when it is valid. Pure, fast: for live validation. */
    public static List<ConfigError> validate(String clusterYml) {
        try {
            ClusterYamlParser.parse(clusterYml);
            return List.of();
        } catch (ClusterConfigException e) {
            return e.errors();
        }
    }

    /**
     * The wizard's "test SSH" button: connects to {@code address} as {@code user} with the key at
     * {@code keyPath} (host key recorded on first use) and checks the node can run components. Changes nothing.
     * Blocks up to the connect timeout (15 s); call it off the UI thread.
     *
     * @throws dev.drover.engine.provision.rke.ssh.SshException a one-sentence reason, e.g. the key was refused or Docker does not answer
     */
    public void testNode(String address, int port, String user, String keyPath) throws dev.drover.engine.provision.rke.ssh.SshException {
        provisioner.checkNode(new dev.drover.engine.provision.rke.ssh.SshTarget(address, port, user, keyPath));
    }

    /** {@code rke up}. Idempotent: an unchanged cluster.yml changes nothing on any node. */
    public ProvisionResult up(Path clusterYml, ProvisionListener listener, Cancellation cancellation) throws ProvisionException, IOException {
        return provisioner.up(read(clusterYml), clusterYml, new Progress(listener, cancellation));
    }

    /** {@code rke remove}: every component off every node, RKE's directories emptied, the state files deleted. */
    public void remove(Path clusterYml, ProvisionListener listener, Cancellation cancellation) throws ProvisionException, IOException {
        provisioner.remove(read(clusterYml), clusterYml, new Progress(listener, cancellation));
    }

    /** {@code rke etcd snapshot-save --name name}: the snapshot on every etcd node. */
    public void snapshotSave(Path clusterYml, String name, ProvisionListener listener, Cancellation cancellation)
            throws ProvisionException, IOException {
        provisioner.snapshotSave(read(clusterYml), clusterYml, name, new Progress(listener, cancellation));
    }

    /** {@code rke etcd snapshot-restore --name name}: every member back to the snapshot. */
    public void snapshotRestore(Path clusterYml, String name, ProvisionListener listener, Cancellation cancellation)
            throws ProvisionException, IOException {
        provisioner.snapshotRestore(read(clusterYml), clusterYml, name, new Progress(listener, cancellation));
    }

    /** {@code rke cert rotate [--rotate-ca]}: new certificates deployed and every component restarted on them. */
    public ProvisionResult rotateCertificates(Path clusterYml, boolean rotateCa, ProvisionListener listener, Cancellation cancellation)
            throws ProvisionException, IOException {
        return provisioner.rotateCertificates(read(clusterYml), clusterYml, rotateCa, new Progress(listener, cancellation));
    }

    private static RkeClusterConfig read(Path clusterYml) throws IOException {
        if (!Files.isRegularFile(clusterYml)) {
            throw new IOException("there is no cluster.yml at " + clusterYml);
        }
        return RkeProvisioner.read(clusterYml);
    }
}
