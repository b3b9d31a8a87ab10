package dev.drover.engine.provision.rke;

import dev.drover.engine.provision.rke.ssh.ExecResult;
import dev.drover.engine.provision.rke.ssh.Shell;
import dev.drover.engine.provision.rke.ssh.SshException;
import dev.drover.engine.provision.rke.ssh.SshSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the etcd component for real, without Docker: the machine's {@code /usr/bin/etcd} and
 * {@code etcdctl} started on the node over SSH with exactly the flags, environment and certificates
 * {@link RkeComponents} gives the container, its container paths mapped to the host paths of the
 * component's binds (as Docker would mount them). Test nodes thus form a real TLS etcd cluster from the
 * generated kube-etcd certificates. Every other component goes to the recording double, which also
 * records the etcd calls made here, so a test sees one ordered list.
 */
public final class EtcdProcessRuntime implements NodeRuntime {

    private static final String DIR = "/opt/rke/test-runtime/etcd";
    private final RecordingNodeRuntime others;

    public EtcdProcessRuntime(RecordingNodeRuntime others) {
        this.others = others;
    }

    @Override
    public void check(SshSession host) throws SshException {
        others.check(host);
        host.exec("test -x /usr/bin/etcd && test -x /usr/bin/etcdctl").orThrow(host.address(), "looking for /usr/bin/etcd and etcdctl");
    }

    @Override
    public Optional<Status> inspect(SshSession host, String name) throws SshException {
        if (!name.equals("etcd")) {
            return others.inspect(host, name);
        }
        others.record(host.address(), "inspect", name, "");
        ExecResult result = host.exec("cat " + DIR + "/hash 2>/dev/null && { kill -0 $(cat " + DIR + "/pid) 2>/dev/null && echo running || echo stopped; }");
        if (!result.ok()) {
            return Optional.empty();
        }
        List<String> lines = result.stdout().lines().toList();
        return Optional.of(new Status(lines.get(1).equals("running"), lines.getFirst()));
    }

    @Override
    public Map<String, Status> inspectAll(SshSession host, List<String> names) throws SshException {
        Map<String, Status> found = new java.util.LinkedHashMap<>(others.inspectAll(host, names.stream().filter(n -> !n.equals("etcd")).toList()));
        if (names.contains("etcd")) {
            inspect(host, "etcd").ifPresent(status -> found.put("etcd", status));
        }
        return found;
    }

    @Override
    public void run(SshSession host, Component component) throws SshException {
        if (!component.name().equals("etcd")) {
            others.run(host, component);
            return;
        }
        others.record(host.address(), "run", "etcd", "");
        stop(host);
        List<String> args = new ArrayList<>(component.args());
        args.set(0, "/usr/bin/etcd");
        String command = env(component) + " " + Shell.join(mapped(component, args));
        // etcd refuses a data directory others can read, as RKE's hosts are prepared
        String dataDir = mapped(component, List.of(component.flag("--data-dir"))).getFirst();
        String script = "set -e; mkdir -p " + DIR + " " + hostDirs(component) + "; chmod 700 " + dataDir + "; echo " + Shell.quote(command) + " > " + DIR + "/cmd; "
                + "echo " + component.specHash() + " > " + DIR + "/hash; " + launch();
        host.exec(script).orThrow(host.address(), "starting etcd");
    }

    @Override
    public void start(SshSession host, String name) throws SshException {
        if (!name.equals("etcd")) {
            others.start(host, name);
            return;
        }
        others.record(host.address(), "start", "etcd", "");
        host.exec(launch()).orThrow(host.address(), "starting etcd");
    }

    @Override
    public boolean remove(SshSession host, String name) throws SshException {
        if (!name.equals("etcd")) {
            return others.remove(host, name);
        }
        others.record(host.address(), "remove", "etcd", "");
        boolean existed = host.exec("test -f " + DIR + "/hash").ok();
        stop(host);
        host.exec("rm -f " + DIR + "/hash " + DIR + "/cmd");
        return existed;
    }

    @Override
    public ExecResult exec(SshSession host, Component component, List<String> command) throws SshException {
        if (!component.name().equals("etcd")) {
            return others.exec(host, component, command);
        }
        others.record(host.address(), "exec", "etcd", String.join(" ", command));
        List<String> mapped = new ArrayList<>(mapped(component, command));
        if (mapped.getFirst().equals("etcdctl")) {
            mapped.set(0, "/usr/bin/etcdctl");
        }
        return host.exec(env(component) + " " + Shell.join(mapped));
    }

    @Override
    public ExecResult runOnce(SshSession host, Component component) throws SshException {
        if (!component.name().equals("etcd-restore")) {
            return others.runOnce(host, component);
        }
        others.record(host.address(), "runOnce", "etcd-restore", "");
        List<String> mapped = mapped(component, component.args());
        return host.exec("mkdir -p " + hostDirs(component) + " && PATH=/usr/bin:$PATH " + env(component) + " " + Shell.join(mapped));
    }

    @Override
    public boolean healthy(SshSession host, Component component) throws SshException {
        if (!component.name().equals("etcd")) {
            return others.healthy(host, component);
        }
        others.record(host.address(), "healthy", "etcd", "");
        return exec(host, component, List.of("etcdctl", "endpoint", "health", "--dial-timeout=1s", "--command-timeout=2s")).ok();
    }

    private static String launch() {
        // setsid + nohup + no inherited descriptors: the member outlives the SSH channel, as a container would
        return "cd /; setsid nohup sh -c \"exec $(cat " + DIR + "/cmd)\" > " + DIR + "/etcd.log 2>&1 < /dev/null & echo $! > " + DIR + "/pid";
    }

    private static void stop(SshSession host) throws SshException {
        host.exec("p=$(cat " + DIR + "/pid 2>/dev/null) && kill $p 2>/dev/null && for i in $(seq 100); do kill -0 $p 2>/dev/null || break; sleep 0.1; done; "
                + "kill -9 $p 2>/dev/null; rm -f " + DIR + "/pid; true").orThrow(host.address(), "stopping etcd");
    }

    private static String env(Component component) {
        StringBuilder env = new StringBuilder("env");
        for (Map.Entry<String, String> e : component.env().entrySet()) {
            env.append(' ').append(Shell.quote(e.getKey() + "=" + mapped(component, List.of(e.getValue())).getFirst()));
        }
        return env.toString();
    }

    /** Container paths → host paths, longest container path first, as the binds say. */
    private static List<String> mapped(Component component, List<String> words) {
        List<String[]> binds = component.binds().stream().map(b -> b.split(":")).sorted(Comparator.comparingInt((String[] b) -> -b[1].length())).toList();
        List<String> result = new ArrayList<>();
        for (String word : words) {
            String mapped = word;
            for (String[] bind : binds) {
                mapped = mapped.replace(bind[1], bind[0]);
            }
            result.add(mapped);
        }
        return result;
    }

    private static String hostDirs(Component component) {
        return String.join(" ", component.binds().stream().map(b -> b.split(":")[0]).toList());
    }
}
