package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.ExecResult;
import dev.drover.engine.provision.rke.ssh.Shell;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts each node's certificates and component kubeconfigs in {@value RkeComponents#SSL_DIR}, as RKE's
 * cert deployer does: every node gets the CA, the node and proxy clients; etcd nodes their own etcd
 * certificate; control-plane nodes the API server's, the controller-manager's and scheduler's, the
 * aggregation CAs and the service-account key. CA keys never leave Drover.
 *
 * <p>One SSH command per node carries every file; a file is replaced only if its content or mode
 * differs, so a re-run leaves the node untouched (same inode, same mtime).
 */
public final class CertificateDeployer {

    /** A file to place: content and octal mode. */
    public record HostFile(String content, String mode) {
    }

    private CertificateDeployer() {
    }

    /** Path → file for {@code node}. */
    public static Map<String, HostFile> filesFor(RkeClusterConfig config, RkeNode node, Map<String, RkeCertificates.Entry> bundle) {
        Map<String, HostFile> files = new LinkedHashMap<>();
        files.put(RkeComponents.pem(RkeCertificates.KUBE_CA), new HostFile(bundle.get(RkeCertificates.KUBE_CA).certificatePem(), "644"));
        pair(files, bundle, RkeCertificates.NODE);
        pair(files, bundle, RkeCertificates.PROXY);
        kubeconfig(files, config, RkeCertificates.NODE);
        kubeconfig(files, config, RkeCertificates.PROXY);
        if (node.has(RkeNode.Role.ETCD)) {
            pair(files, bundle, RkeCertificates.etcdCertificateName(node));
        }
        if (node.has(RkeNode.Role.CONTROLPLANE)) {
            for (String name : List.of(RkeCertificates.APISERVER, RkeCertificates.CONTROLLER_MANAGER, RkeCertificates.SCHEDULER,
                    RkeCertificates.PROXY_CLIENT)) {
                pair(files, bundle, name);
            }
            files.put(RkeComponents.pem(RkeCertificates.REQUESTHEADER_CA),
                    new HostFile(bundle.get(RkeCertificates.REQUESTHEADER_CA).certificatePem(), "644"));
            files.put(RkeComponents.key(RkeCertificates.SERVICE_ACCOUNT), new HostFile(bundle.get(RkeCertificates.SERVICE_ACCOUNT).keyPem(), "600"));
            kubeconfig(files, config, RkeCertificates.CONTROLLER_MANAGER);
            kubeconfig(files, config, RkeCertificates.SCHEDULER);
        }
        return files;
    }

    /** Writes the files that differ; returns how many were written. */
    public static int deploy(SshSession host, Map<String, HostFile> files) throws SshException {
        StringBuilder script = new StringBuilder("""
                set -e
                umask 077
                changed=0
                put() {
                  tmp="$1.drover-tmp"
                  base64 -d > "$tmp"
                  chmod "$2" "$tmp"
                  if cmp -s "$tmp" "$1" && [ "$(stat -c %a "$1")" = "$2" ]; then rm -f "$tmp"; else mv -f "$tmp" "$1"; changed=$((changed+1)); fi
                }
                """);
        files.keySet().stream().map(p -> p.substring(0, p.lastIndexOf('/'))).distinct()
                .forEach(dir -> script.append("mkdir -p ").append(Shell.quote(dir)).append('\n'));
        files.forEach((path, file) -> script.append("put ").append(Shell.quote(path)).append(' ').append(file.mode()).append(" <<'DROVER_EOF'\n")
                .append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(file.content().getBytes(StandardCharsets.UTF_8))).append("\nDROVER_EOF\n"));
        script.append("echo \"changed=$changed\"\n");
        ExecResult result = host.exec("sh -s", script.toString().getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(2))
                .orThrow(host.address(), "deploying certificates to " + RkeComponents.SSL_DIR);
        String out = result.stdout().strip();
        return Integer.parseInt(out.substring(out.lastIndexOf('=') + 1));
    }

    private static void pair(Map<String, HostFile> files, Map<String, RkeCertificates.Entry> bundle, String name) {
        RkeCertificates.Entry entry = bundle.get(name);
        files.put(RkeComponents.pem(name), new HostFile(entry.certificatePem(), "644"));
        files.put(RkeComponents.key(name), new HostFile(entry.keyPem(), "600"));
    }

    /** RKE's {@code kubecfg-<name>.yaml}: file paths, not inline data; the API server through the node's local 127.0.0.1:6443. */
    private static void kubeconfig(Map<String, HostFile> files, RkeClusterConfig config, String name) {
        String cluster = config.clusterName();
        String user = name + "-" + cluster;
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    api-version: v1
                    certificate-authority: %s
                    server: "https://127.0.0.1:6443"
                  name: "%s"
                contexts:
                - context:
                    cluster: "%s"
                    user: "%s"
                  name: "%s"
                current-context: "%s"
                users:
                - name: "%s"
                  user:
                    client-certificate: %s
                    client-key: %s
                """.formatted(RkeComponents.pem(RkeCertificates.KUBE_CA), cluster, cluster, user, cluster, cluster, user,
                RkeComponents.pem(name), RkeComponents.key(name));
        files.put(RkeComponents.kubeconfig(name), new HostFile(yaml, "644"));
    }
}
