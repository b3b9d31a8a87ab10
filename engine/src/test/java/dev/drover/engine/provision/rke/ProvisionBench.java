package dev.drover.engine.provision.rke;

import dev.drover.engine.pki.KeyAlgorithm;
import dev.drover.engine.provision.rke.ssh.KnownHosts;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The provisioner benchmarks of issue #7 (profile {@code bench-rke}; see BENCHMARKS.md, section "Provisioner").
 *
 * <p>Fan-out: {@code up} of a new cluster on N = 1, 10, 50 real sshd nodes (network namespaces, as in
 * {@link RkeProvisionerIT}): node 1 runs etcd (the machine's etcd binary, real TLS) and the control plane,
 * the others are workers; the image-based components go to {@link RecordingNodeRuntime}, which still runs
 * its checks and writes on each node over SSH. Every repetition starts from fresh machines and an empty
 * known_hosts (host keys recorded, as on a first run). Reported: median wall time per N and T(N)/T(1), the
 * baseline measured in the same run; also a no-change re-run.
 *
 * <p>Planning: parse + validate a 1,000-node cluster.yml, plan it as an upgrade (half the nodes existing), and
 * build every node's components; median of repeated runs after warm-up, against the same for 1 node.
 */
public final class ProvisionBench {

    private ProvisionBench() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = Integer.getInteger("bench.repetitions", 3);
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "1,10,50").split(",")).mapToInt(Integer::parseInt).toArray();
        StringBuilder report = new StringBuilder();
        report.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", Java ").append(Runtime.version()).append(", load average at start ").append(loadAverage()).append("\n\n");
        planning(report);
        fanOut(report, sizes, repetitions);
        report.append("\nLoad average at the end: ").append(loadAverage()).append('\n');
        System.out.println(report);
        String out = System.getProperty("bench.report");
        if (out != null) {
            Files.writeString(Path.of(out), report);
        }
    }

    private static void planning(StringBuilder report) {
        String small = clusterYml(1);
        String large = clusterYml(1000);
        // certificates are generated once per provisioner run, not per plan: made outside the timing
        var smallBundle = RkeCertificates.generate(ClusterYamlParser.parse(small).config(), KeyAlgorithm.ECDSA_P256);
        var largeBundle = RkeCertificates.generate(ClusterYamlParser.parse(large).config(), KeyAlgorithm.ECDSA_P256);
        for (int i = 0; i < 30; i++) {
            plan(small, smallBundle);
            plan(large, largeBundle);
        }
        long[] one = new long[50];
        long[] thousand = new long[50];
        for (int i = 0; i < one.length; i++) {
            one[i] = plan(small, smallBundle);
            thousand[i] = plan(large, largeBundle);
        }
        double t1 = median(one) / 1e6;
        double t1000 = median(thousand) / 1e6;
        report.append("### Planning (parse + validate + plan + components)\n\n| nodes | median ms | max ms | ratio to 1 node |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| 1 | %.2f | %.2f | 1.0 |%n", t1, max(one) / 1e6))
                .append(String.format(Locale.ROOT, "| 1,000 | %.2f | %.2f | %.1f |%n%n", t1000, max(thousand) / 1e6, t1000 / t1));
    }

    /** One planning pass; its duration in ns. */
    private static long plan(String yaml, Map<String, RkeCertificates.Entry> bundle) {
        long start = System.nanoTime();
        RkeClusterConfig config = ClusterYamlParser.parse(yaml).config();
        Set<String> existing = config.nodes().stream().limit(config.nodes().size() / 2 + 1).map(RkeNode::address).collect(Collectors.toSet());
        List<PlanStep> steps = ProvisionPlanner.plan(config, existing);
        RkeComponents components = new RkeComponents(config, bundle);
        int count = steps.size();
        for (RkeNode node : config.nodes()) {
            count += components.all(node, components.initialCluster(), false).size();
        }
        if (count == 0) {
            throw new IllegalStateException("nothing planned");
        }
        return System.nanoTime() - start;
    }

    private static String clusterYml(int nodes) {
        StringBuilder yaml = new StringBuilder("cluster_name: bench\nssh_key_path: /keys/id\nnodes:\n");
        for (int i = 0; i < nodes; i++) {
            String roles = nodes == 1 ? "[etcd, controlplane, worker]" : i < 3 ? "[etcd]" : i < 5 ? "[controlplane]" : "[worker]";
            yaml.append("  - {address: 10.").append(i / 65536).append('.').append(i / 256 % 256).append('.').append(i % 256 + 1)
                    .append(", user: rancher, role: ").append(roles).append("}\n");
        }
        return yaml.toString();
    }

    private static void fanOut(StringBuilder report, int[] sizes, int repetitions) throws Exception {
        NetnsNodes.assumeAvailable();
        int most = Arrays.stream(sizes).max().orElseThrow();
        Path directory = Files.createTempDirectory("drover-rke-bench");
        report.append("### Fan-out: `up` of a new cluster on N sshd nodes (netns), parallelism ")
                .append(ProvisionOptions.DEFAULTS.parallelism()).append("\n\n| N | runs (s) | median s | T(N)/T(1) | no-change re-run s |\n|---|---|---|---|---|\n");
        try (NetnsNodes nodes = NetnsNodes.start("rkb", 60, most)) {
            double baseline = 0;
            for (int size : sizes) {
                List<Long> runs = new ArrayList<>();
                long rerun = 0;
                for (int r = 0; r < repetitions + 1; r++) {
                    nodes.reset();
                    Path run = Files.createDirectories(directory.resolve(size + "-" + r));
                    Path clusterYml = run.resolve("cluster.yml");
                    StringBuilder yaml = new StringBuilder("cluster_name: bench\nssh_key_path: " + nodes.clientKey() + "\nnodes:\n");
                    for (int i = 0; i < size; i++) {
                        yaml.append("  - {address: ").append(nodes.nodes().get(i).address()).append(", user: root, role: ")
                                .append(i == 0 ? "[etcd, controlplane, worker]" : "[worker]").append("}\n");
                    }
                    Files.writeString(clusterYml, yaml);
                    RecordingNodeRuntime recording = new RecordingNodeRuntime();
                    RkeProvisioner provisioner = new RkeProvisioner(new SshConnector(KnownHosts.open(run.resolve("known_hosts")), Duration.ofSeconds(20)),
                            new EtcdProcessRuntime(recording), kubeconfig -> new RecordingDrainer(recording),
                            ProvisionOptions.DEFAULTS.withHealthTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(30)));
                    RkeClusterConfig config = RkeProvisioner.read(clusterYml);
                    long start = System.nanoTime();
                    provisioner.up(config, clusterYml);
                    long took = System.nanoTime() - start;
                    if (r == 0) {
                        continue; // warm-up: JIT, page cache, ARP
                    }
                    runs.add(took);
                    if (r == repetitions) {
                        start = System.nanoTime();
                        ProvisionResult again = provisioner.up(config, clusterYml);
                        rerun = System.nanoTime() - start;
                        if (!again.unchanged()) {
                            throw new IllegalStateException("re-run changed something: " + again);
                        }
                    }
                }
                double median = median(runs.stream().mapToLong(Long::longValue).toArray()) / 1e9;
                if (baseline == 0) {
                    baseline = median;
                }
                report.append(String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f | %.2f |%n", size,
                        runs.stream().map(t -> String.format(Locale.ROOT, "%.2f", t / 1e9)).collect(Collectors.joining(", ")),
                        median, median / baseline, rerun / 1e9));
                System.out.println(report);
            }
        }
    }

    /** The machine is shared: the load during the run says how much the figures can be trusted. */
    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
