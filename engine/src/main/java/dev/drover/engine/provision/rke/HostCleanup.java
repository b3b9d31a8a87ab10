package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.Shell;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.util.List;

/** What {@code rke remove} does to one host: every RKE component stopped and deleted, RKE's directories emptied. */
final class HostCleanup {

    /** Every container name RKE may have started on a host. */
    static final List<String> COMPONENT_NAMES = List.of("kube-proxy", "kubelet", "nginx-proxy", "kube-scheduler", "kube-controller-manager",
            "kube-apiserver", "etcd", "etcd-restore");

    private HostCleanup() {
    }

    static void clean(NodeRuntime runtime, SshSession host, ProvisionOptions options) throws SshException {
        for (String name : COMPONENT_NAMES) {
            runtime.remove(host, name);
        }
        StringBuilder script = new StringBuilder("set -e\n");
        for (String directory : options.cleanDirectories()) {
            // emptied rather than deleted: some of these are mount points
            script.append("if [ -d ").append(Shell.quote(directory)).append(" ]; then find ").append(Shell.quote(directory))
                    .append(" -mindepth 1 -delete; fi\n");
        }
        host.exec("sh -s", script.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), SshSession.DEFAULT_TIMEOUT)
                .orThrow(host.address(), "cleaning " + String.join(", ", options.cleanDirectories()));
    }
}
