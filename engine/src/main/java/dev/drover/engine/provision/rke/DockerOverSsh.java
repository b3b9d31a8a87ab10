package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.ExecResult;
import dev.drover.engine.provision.rke.ssh.Shell;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Production {@link NodeRuntime}: components are Docker containers started with the node's
 * {@code docker} CLI over SSH, as RKE does (host network, {@code --restart=always}, RKE's container
 * names and its {@code io.rancher.rke.container.name} label). The spec hash label decides whether a
 * running container already matches.
 */
public final class DockerOverSsh implements NodeRuntime {

    private final String docker;

    /** Uses {@code docker} from the login user's PATH (the user must be allowed to use Docker, as RKE requires). */
    public DockerOverSsh() {
        this("docker");
    }

    /** @param docker the Docker CLI command on the nodes, e.g. {@code sudo docker} */
    public DockerOverSsh(String docker) {
        this.docker = docker;
    }

    @Override
    public void check(SshSession host) throws SshException {
        ExecResult version = host.exec(docker + " version --format '{{.Server.Version}}'");
        if (!version.ok()) {
            throw new SshException(host.address() + ": Docker does not answer (`" + docker + " version` exit " + version.exitCode() + ": "
                    + version.stderr().strip() + "); install Docker and let " + host.target().user() + " use it");
        }
    }

    @Override
    public Optional<Status> inspect(SshSession host, String name) throws SshException {
        ExecResult result = host.exec(inspectCommand(name));
        if (!result.ok()) {
            return Optional.empty();
        }
        String[] fields = result.stdout().strip().split(" ", 2);
        return Optional.of(new Status("true".equals(fields[0]), fields.length > 1 ? fields[1] : ""));
    }

    @Override
    public Map<String, Status> inspectAll(SshSession host, List<String> names) throws SshException {
        // docker inspect prints the containers it finds and fails for the rest: its exit status says nothing here
        ExecResult result = host.exec(docker + " inspect --format '{{.Name}} {{.State.Running}} {{index .Config.Labels \""
                + Component.SPEC_HASH_LABEL + "\"}}' " + Shell.join(names) + " 2>/dev/null; true");
        Map<String, Status> found = new java.util.LinkedHashMap<>();
        for (String line : result.stdout().lines().toList()) {
            String[] fields = line.strip().split(" ", 3);
            if (fields.length >= 2) {
                found.put(fields[0].startsWith("/") ? fields[0].substring(1) : fields[0],
                        new Status("true".equals(fields[1]), fields.length > 2 ? fields[2] : ""));
            }
        }
        return found;
    }

    @Override
    public void run(SshSession host, Component component) throws SshException {
        host.exec(docker + " rm -f " + Shell.quote(component.name()) + " >/dev/null 2>&1; " + runCommand(component))
                .orThrow(host.address(), "starting " + component.name());
    }

    @Override
    public void start(SshSession host, String name) throws SshException {
        host.exec(docker + " start " + Shell.quote(name)).orThrow(host.address(), "starting " + name);
    }

    @Override
    public boolean remove(SshSession host, String name) throws SshException {
        return host.exec(docker + " rm -f " + Shell.quote(name)).ok();
    }

    @Override
    public ExecResult exec(SshSession host, Component component, List<String> command) throws SshException {
        return host.exec(docker + " exec " + Shell.quote(component.name()) + " " + Shell.join(command));
    }

    @Override
    public ExecResult runOnce(SshSession host, Component component) throws SshException {
        return host.exec(docker + " rm -f " + Shell.quote(component.name()) + " >/dev/null 2>&1; " + runCommand(component).replace(" run -d ", " run --rm "));
    }

    @Override
    public boolean healthy(SshSession host, Component component) throws SshException {
        if (component.name().equals("etcd")) {
            return exec(host, component, List.of("etcdctl", "endpoint", "health")).ok();
        }
        if (component.healthUrl().isEmpty()) {
            return inspect(host, component.name()).map(Status::running).orElse(false);
        }
        // kubelet and kube-proxy answer plain HTTP on loopback; the others need the node's client certificate
        String tls = component.healthUrl().startsWith("https")
                ? " --cacert " + RkeComponents.pem(RkeCertificates.KUBE_CA) + " --cert " + RkeComponents.pem(RkeCertificates.NODE)
                + " --key " + RkeComponents.key(RkeCertificates.NODE) + " -k"
                : "";
        ExecResult result = host.exec("curl -s -o /dev/null -w '%{http_code}' --max-time 5" + tls + " " + Shell.quote(component.healthUrl()));
        return result.ok() && result.stdout().strip().equals("200");
    }

    /** {@code docker inspect} printing "running specHash"; fails if there is no such container. */
    String inspectCommand(String name) {
        return docker + " inspect --format '{{.State.Running}} {{index .Config.Labels \"" + Component.SPEC_HASH_LABEL + "\"}}' " + Shell.quote(name);
    }

    /** The {@code docker run} command RKE would issue for {@code component}. */
    public String runCommand(Component component) {
        List<String> words = new ArrayList<>(List.of("run", "-d", "--name", component.name(), "--restart=always", "--net=host"));
        if (component.privileged()) {
            words.add("--privileged");
        }
        if (component.hostPid()) {
            words.add("--pid=host");
        }
        for (String bind : component.binds()) {
            words.add("-v");
            words.add(bind);
        }
        for (Map.Entry<String, String> env : component.env().entrySet()) {
            words.add("-e");
            words.add(env.getKey() + "=" + env.getValue());
        }
        words.add("--label");
        words.add("io.rancher.rke.container.name=" + component.name());
        words.add("--label");
        words.add(Component.SPEC_HASH_LABEL + "=" + component.specHash());
        for (Map.Entry<String, String> label : component.labels().entrySet()) {
            words.add("--label");
            words.add(label.getKey() + "=" + label.getValue());
        }
        words.add(component.image());
        words.addAll(component.args());
        return docker + " " + Shell.join(words);
    }
}
