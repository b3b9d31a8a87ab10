package dev.drover.engine.provision.rke;

import static org.awaitility.Awaitility.await;

import dev.drover.engine.provision.rke.ssh.SshTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real test machines on this host: each node is a network namespace with its own address on a private
 * bridge ({@code 10.77.<subnet>.0/24}), its own OpenSSH server (own host key, root login with one
 * generated client key) and its own {@code /etc/kubernetes}, {@code /var/lib/etcd} and {@code /opt/rke}
 * (a private mount namespace binds per-node directories over them), so what the provisioner writes on
 * one node is invisible on the others, as on separate machines. Needs root; all traffic stays on the bridge.
 *
 * <p>{@link #close()} kills every process in the namespaces, deletes them, the links and the files, and
 * also runs from a shutdown hook so an aborted run leaves nothing behind; {@link #start} first removes
 * leftovers of an earlier run with the same prefix.
 */
public final class NetnsNodes implements AutoCloseable {

    /** Host directories the nodes' private mounts cover; created empty if missing (never removed: a concurrent fixture may use them). */
    private static final List<String> PRIVATE_DIRS = List.of("/etc/kubernetes", "/var/lib/etcd", "/opt/rke");

    private final String prefix;
    private final String subnet;
    private final Path root;
    private final List<Node> nodes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::cleanUp);
    private boolean closed;

    /** One test machine. */
    public record Node(int index, String namespace, String hostLink, String address, Path root) {

        /** The node's own directory that appears on it as {@code path} (one of /etc/kubernetes, /var/lib/etcd, /opt/rke). */
        public Path hostPath(String path) {
            return root.resolve(path.substring(1).replace('/', '-'));
        }
    }

    /** Skips the calling test class unless this machine can make namespaced sshd nodes (root, iproute2, OpenSSH server). */
    public static void assumeAvailable() {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/sbin/sshd")) && Files.isExecutable(Path.of("/usr/sbin/ip")),
                "needs root, /usr/sbin/ip and /usr/sbin/sshd to make test nodes in network namespaces");
    }

    private NetnsNodes(String prefix, int subnet, Path root) {
        this.prefix = prefix;
        this.subnet = "10.77." + subnet;
        this.root = root;
    }

    /**
     * Starts {@code count} nodes.
     *
     * @param prefix short unique name (≤ 4 characters: it ends up in 15-character link names)
     * @param subnet third octet of this fixture's 10.77.x.0/24, distinct per concurrently running fixture
     */
    public static NetnsNodes start(String prefix, int subnet, int count) throws Exception {
        NetnsNodes fixture = new NetnsNodes(prefix, subnet, Path.of(System.getProperty("java.io.tmpdir"), "drover-netns-" + prefix));
        fixture.removeLeftovers();
        Runtime.getRuntime().addShutdownHook(fixture.shutdownHook);
        try {
            fixture.create(count);
        } catch (Exception | Error e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    private void create(int count) throws Exception {
        Files.createDirectories(root);
        Files.createDirectories(Path.of("/run/sshd"));
        for (String dir : PRIVATE_DIRS) {
            Files.createDirectories(Path.of(dir));
        }
        sh("ssh-keygen -q -t ed25519 -N '' -C drover-test -f " + clientKey());
        String bridge = "drv-" + prefix + "-br";
        StringBuilder script = new StringBuilder("set -e\n")
                .append("ip link add ").append(bridge).append(" type bridge\n")
                .append("ip addr add ").append(subnet).append(".1/24 dev ").append(bridge).append('\n')
                .append("ip link set ").append(bridge).append(" up\n");
        for (int i = 1; i <= count; i++) {
            Node node = new Node(i, "drv-" + prefix + "-n" + i, "drv-" + prefix + "-h" + i, subnet + "." + (10 + i), root.resolve("n" + i));
            nodes.add(node);
            for (String dir : PRIVATE_DIRS) {
                Files.createDirectories(node.hostPath(dir));
            }
            String ns = node.namespace();
            script.append("ip netns add ").append(ns).append('\n')
                    .append("ip link add ").append(node.hostLink()).append(" type veth peer name eth0 netns ").append(ns).append('\n')
                    .append("ip link set ").append(node.hostLink()).append(" master ").append(bridge).append(" up\n")
                    .append("ip -n ").append(ns).append(" addr add ").append(node.address()).append("/24 dev eth0\n")
                    .append("ip -n ").append(ns).append(" link set eth0 up\n")
                    .append("ip -n ").append(ns).append(" link set lo up\n")
                    .append("ssh-keygen -q -t ed25519 -N '' -f ").append(node.root().resolve("host_key")).append('\n');
            Files.writeString(node.root().resolve("sshd_config"), sshdConfig(node));
            Files.writeString(node.root().resolve("bashrc"), "# ~/.bashrc of a test node\n");
        }
        sh(script.toString());
        nodes.forEach(this::startSshd);
        for (Node node : nodes) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(node.address(), 22), 500);
                    return true;
                }
            });
        }
    }

    private String sshdConfig(Node node) {
        return """
                ListenAddress %s:22
                HostKey %s
                PidFile %s
                AuthorizedKeysFile %s
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                MaxStartups 100
                """.formatted(node.address(), node.root().resolve("host_key"), node.root().resolve("sshd.pid"), clientKey() + ".pub");
    }

    /** Starts {@code node}'s SSH server (again) in the node's private mount namespace. */
    public void startSshd(Node node) {
        StringBuilder mounts = new StringBuilder();
        for (String dir : PRIVATE_DIRS) {
            mounts.append("mount --bind ").append(node.hostPath(dir)).append(' ').append(dir).append(" && ");
        }
        // a fresh machine's root has a plain .bashrc; this one's initialises pyenv, which costs every SSH command ~0.2 s
        if (Files.exists(Path.of("/root/.bashrc"))) {
            mounts.append("mount --bind ").append(node.root().resolve("bashrc")).append(" /root/.bashrc && ");
        }
        try {
            Files.deleteIfExists(node.root().resolve("sshd.pid"));
            // sshd daemonizes and keeps the private mount namespace; every session it starts inherits it
            sh("ip netns exec " + node.namespace() + " unshare --mount --propagation private sh -c '" + mounts
                    + "exec /usr/sbin/sshd -f " + node.root().resolve("sshd_config") + " -E " + node.root().resolve("sshd.log") + "'");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(node.root().resolve("sshd.pid")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Path clientKey() {
        return root.resolve("client_key");
    }

    /** How the provisioner reaches {@code node}. */
    public SshTarget target(Node node) {
        return new SshTarget(node.address(), 22, "root", clientKey().toString());
    }

    /** Gives {@code node} a new host key and restarts its SSH server, as reinstalling the machine would. */
    public void changeHostKey(Node node) throws IOException {
        sh("kill $(cat " + node.root().resolve("sshd.pid") + ")");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(node.address(), 22), 200);
                return false;
            } catch (IOException refused) {
                return true;
            }
        });
        sh("rm -f " + node.root().resolve("host_key") + "* && ssh-keygen -q -t ed25519 -N '' -f " + node.root().resolve("host_key"));
        startSshd(node);
    }

    /** Stops {@code node}'s SSH server, as a machine that is down or unreachable would look; {@link #startSshd(Node)} brings it back. */
    public void stopSshd(Node node) throws IOException {
        sh("kill $(cat " + node.root().resolve("sshd.pid") + ")");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(node.address(), 22), 200);
                return false;
            } catch (IOException refused) {
                return true;
            }
        });
    }

    /** Back to fresh machines: stops everything but the SSH servers and empties the nodes' private directories. */
    public void reset() throws IOException {
        for (Node node : nodes) {
            String sshd = Files.readString(node.root().resolve("sshd.pid")).strip();
            sh("for p in $(ip netns pids " + node.namespace() + "); do [ \"$p\" = " + sshd + " ] || kill -9 $p 2>/dev/null || true; done");
            for (String dir : PRIVATE_DIRS) {
                sh("find " + node.hostPath(dir) + " -mindepth 1 -delete");
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it does the same clean-up
            }
        }
    }

    private void removeLeftovers() throws IOException {
        cleanUp();
    }

    /** Kills what runs in the namespaces (by process id), deletes namespaces, links and files; tolerant of half-made state. */
    private void cleanUp() {
        try {
            String ns = "drv-" + prefix + "-";
            sh("for n in $(ip netns list | awk '{print $1}' | grep '^" + ns + "'); do"
                    + " for p in $(ip netns pids $n); do kill -9 $p 2>/dev/null || true; done; ip netns del $n || true; done;"
                    + " for l in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep '^" + ns + "'); do ip link del $l 2>/dev/null || true; done");
            if (Files.exists(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            System.err.println("NetnsNodes: clean-up of " + prefix + " incomplete: " + e.getMessage());
        }
    }

    /** Runs a shell script on this machine (not on a node); its output, or an IOException with it. */
    public static String sh(String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("`" + script.lines().findFirst().orElse("") + "…` failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
