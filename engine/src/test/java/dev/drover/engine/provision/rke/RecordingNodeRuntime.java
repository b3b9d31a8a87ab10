package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.ExecResult;
import dev.drover.engine.provision.rke.ssh.Shell;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * TEST DOUBLE for {@link NodeRuntime}: no container is started. It stands in for Docker on the test
 * nodes, which have no Docker engine and no Kubernetes images, and records each call with the exact
 * {@code docker run} command {@link DockerOverSsh} would send.
 *
 * <p>It still works on the real nodes over their real SSH sessions: a "run" writes the command and the
 * spec hash to {@value #DIR} on the node (so "inspect" in a later run sees what an earlier run left, as
 * {@code docker inspect} would), and before that validates the command there: every certificate,
 * key and kubeconfig the flags name must exist on that node, every URL must be well formed. A
 * validation failure fails the call, so a component that would not start for real fails the test.
 */
public final class RecordingNodeRuntime implements NodeRuntime {

    /** Where the double keeps each node's "containers" (the test nodes' private /opt/rke). */
    public static final String DIR = "/opt/rke/test-runtime/containers";
    private static final Set<String> CHANGING = Set.of("run", "start", "remove", "runOnce");
    private static final Pattern URL = Pattern.compile("https?://[0-9A-Za-z.:-]+(:\\d+)?(/\\S*)?");

    /** One call: host address, verb ({@code inspect}, {@code run}, …), component name, detail (the docker command for run). */
    public record Call(String host, String verb, String name, String detail) {
        public boolean changing() {
            return CHANGING.contains(verb) || verb.equals("exec") && (detail.contains("member add") || detail.contains("member remove")
                    || detail.contains("snapshot save"));
        }
    }

    private final DockerOverSsh docker = new DockerOverSsh();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> failingRuns = ConcurrentHashMap.newKeySet();
    private final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

    /** Makes starting {@code component} on {@code host} fail, as a broken image or a full disk would. */
    public void failRun(String host, String component) {
        failingRuns.add(host + "/" + component);
    }

    /** Makes {@code component} on {@code host} fail its health checks. */
    public void unhealthy(String host, String component) {
        unhealthy.add(host + "/" + component);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls that would change a node (start, replace, stop a container). */
    public List<Call> changingCalls() {
        return calls.stream().filter(Call::changing).toList();
    }

    /** Lets other doubles (the drainer) put their calls in the same ordered list. */
    void record(String host, String verb) {
        record(host, verb, "", "");
    }

    void record(String host, String verb, String name, String detail) {
        calls.add(new Call(host, verb, name, detail));
    }

    public void clear() {
        calls.clear();
    }

    @Override
    public void check(SshSession host) throws SshException {
        calls.add(new Call(host.address(), "check", "", ""));
        host.exec("mkdir -p " + DIR).orThrow(host.address(), "preparing the recording runtime");
    }

    @Override
    public Optional<Status> inspect(SshSession host, String name) throws SshException {
        calls.add(new Call(host.address(), "inspect", name, ""));
        ExecResult result = host.exec("cat " + DIR + "/" + name + ".hash " + DIR + "/" + name + ".state 2>/dev/null");
        if (!result.ok()) {
            return Optional.empty();
        }
        List<String> lines = result.stdout().lines().toList();
        return Optional.of(new Status(lines.size() > 1 && lines.get(1).equals("running"), lines.getFirst()));
    }

    /** One command for all names, as {@link DockerOverSsh} does with one {@code docker inspect}; each name recorded as an inspect. */
    @Override
    public java.util.Map<String, Status> inspectAll(SshSession host, List<String> names) throws SshException {
        names.forEach(name -> calls.add(new Call(host.address(), "inspect", name, "")));
        ExecResult result = host.exec("for n in " + Shell.join(names) + "; do [ -f " + DIR + "/$n.hash ] && echo \"$n $(cat " + DIR
                + "/$n.hash) $(cat " + DIR + "/$n.state 2>/dev/null)\"; done; true");
        java.util.Map<String, Status> found = new java.util.LinkedHashMap<>();
        for (String line : result.stdout().lines().toList()) {
            String[] fields = line.strip().split(" ");
            if (fields.length >= 2) {
                found.put(fields[0], new Status(fields.length > 2 && fields[2].equals("running"), fields[1]));
            }
        }
        return found;
    }

    @Override
    public void run(SshSession host, Component component) throws SshException {
        String command = docker.runCommand(component);
        calls.add(new Call(host.address(), "run", component.name(), command));
        if (failingRuns.contains(host.address() + "/" + component.name())) {
            throw new SshException(host.address() + ": starting " + component.name() + " failed (exit 125): injected by the test");
        }
        List<String> problems = new ArrayList<>();
        if (component.image().isBlank() || !component.image().contains(":")) {
            problems.add("image without a tag: " + component.image());
        }
        StringBuilder script = new StringBuilder("set -e\n");
        for (String arg : component.args()) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : arg;
            for (String part : value.split(",")) {
                if (part.startsWith(RkeComponents.SSL_DIR + "/")) {
                    script.append("[ -s ").append(part).append(" ] || { echo \"").append(component.name()).append(": ").append(part)
                            .append(" is missing on this node\" >&2; exit 1; }\n");
                }
                String url = part.contains("=http") ? part.substring(part.indexOf('=') + 1) : part;
                if (url.startsWith("http") && !URL.matcher(url).matches()) {
                    problems.add("malformed URL in " + arg);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SshException(host.address() + ": " + component.name() + " would not start: " + String.join("; ", problems));
        }
        script.append("mkdir -p ").append(DIR).append('\n')
                .append("cat > ").append(DIR).append('/').append(component.name()).append(".cmd <<'EOF'\n").append(command).append("\nEOF\n")
                .append("echo ").append(component.specHash()).append(" > ").append(DIR).append('/').append(component.name()).append(".hash\n")
                .append("echo running > ").append(DIR).append('/').append(component.name()).append(".state\n");
        host.exec("sh -s", script.toString().getBytes(StandardCharsets.UTF_8), SshSession.DEFAULT_TIMEOUT)
                .orThrow(host.address(), "validating " + component.name());
    }

    @Override
    public void start(SshSession host, String name) throws SshException {
        calls.add(new Call(host.address(), "start", name, ""));
        host.exec("echo running > " + DIR + "/" + Shell.quote(name) + ".state").orThrow(host.address(), "starting " + name);
    }

    @Override
    public boolean remove(SshSession host, String name) throws SshException {
        calls.add(new Call(host.address(), "remove", name, ""));
        return host.exec("test -f " + DIR + "/" + name + ".hash && rm -f " + DIR + "/" + name + ".*").ok();
    }

    @Override
    public ExecResult exec(SshSession host, Component component, List<String> command) {
        calls.add(new Call(host.address(), "exec", component.name(), String.join(" ", command)));
        return new ExecResult(String.join(" ", command), 0, "", "");
    }

    @Override
    public ExecResult runOnce(SshSession host, Component component) {
        calls.add(new Call(host.address(), "runOnce", component.name(), docker.runCommand(component)));
        return new ExecResult(component.name(), 0, "", "");
    }

    @Override
    public boolean healthy(SshSession host, Component component) {
        calls.add(new Call(host.address(), "healthy", component.name(), ""));
        return !unhealthy.contains(host.address() + "/" + component.name());
    }
}
