package dev.drover.engine.reconcile.nodepool;

import dev.drover.engine.model.NodeTemplate;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import dev.drover.engine.provision.rke.ssh.SshSession;
import dev.drover.engine.provision.rke.ssh.SshTarget;

/**
 * A machine is healthy when it answers over SSH with its recorded host key and runs a command. This is
 * the driver-level check (is the machine there at all); a check of the kubelet's Ready condition through
 * the cluster would catch more, once pool clusters are followed by the downstream clients.
 */
public final class SshNodeHealth implements NodeHealth {

    private final SshConnector ssh;

    public SshNodeHealth(SshConnector ssh) {
        this.ssh = ssh;
    }

    @Override
    public boolean healthy(String clusterId, String nodeName, NodeTemplate.Host host) {
        try (SshSession session = ssh.connect(new SshTarget(host.address(), host.port(), host.user(), host.sshKeyPath()))) {
            return session.exec("true").ok();
        } catch (Exception e) {
            return false;
        }
    }
}
