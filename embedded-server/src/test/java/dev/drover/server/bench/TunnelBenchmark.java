package dev.drover.server.bench;

import dev.drover.agents.ClusterAgentMain;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.server.DroverServer;
import dev.drover.server.ServerConfig;
import dev.drover.server.TunnelPortForwarder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tunnel benchmarks, all paths measured in the same run on the same box: direct loopback TCP, the
 * Drover tunnel (TLS WebSocket, agent in its own JVM) and OpenSSH {@code ssh -L}. Then 1,000 simulated
 * agents on one server. Prints a Markdown report (also to target/tunnel-bench.md); see
 * BENCHMARKS.md ("Tunnel"). Not a test: no assertions.
 *
 * <p>Run: {@code ./mvnw -o -pl embedded-server -am -Pbench-tunnel verify -DskipTests}
 */
public final class TunnelBenchmark {

    static final String DIRECT = "direct loopback TCP";
    static final String TUNNEL = "Drover tunnel (TLS WebSocket)";
    static final String SSH = "OpenSSH ssh -L";
    private static final long BULK_BYTES = Long.getLong("bench.bulkBytes", 1L << 30);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /** Warm-up transfers per path at most, and what "settled" means for them (see {@link #warmUp}). */
    private static final int MAX_WARM_RUNS = 10;
    private static final long SETTLED_COMPILE_MILLIS = 50;
    private static final double SETTLED_CHANGE = 0.10;
    private static final int ROUND_TRIPS = Integer.getInteger("bench.roundTrips", 10_000);
    private static final int AGENTS = Integer.getInteger("bench.agents", 1_000);
    private static final String ONLY = System.getProperty("bench.only", "all");
    /** Microseconds the server's and the agent's loops poll before they sleep (their default unless given). */
    private static final long EVENT_LOOP_POLL = Long.getLong("bench.eventLoopPoll", 100);
    /** MB/s the saturating stream of the loaded round trips is held to, 0 as fast as the path goes (BENCHMARKS.md, eighth round). */
    private static final double LOAD_MBPS = Double.parseDouble(System.getProperty("bench.loadMBps", "0"));
    /** {@code separate}: the tunnel's saturating stream goes through a second agent (own JVM, session, connection and loops). */
    private static final boolean LOAD_AGENT_SEPARATE = "separate".equals(System.getProperty("bench.loadAgent", "shared"));

    private TunnelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("drover-tunnel-bench");
        StringBuilder report = new StringBuilder();
        try (BenchTarget target = new BenchTarget()) {
            DroverServer server = DroverServer.start(ServerConfig.defaults(0, work.resolve("data"))
                    .withEventLoopPoll(Duration.ofNanos(EVENT_LOOP_POLL * 1_000)));
            List<Process> agents = new ArrayList<>();
            SshForward ssh = null;
            try {
                String cluster = "c-bench";
                Map<String, Integer> paths = new LinkedHashMap<>();
                paths.put(DIRECT, target.port());
                paths.put(TUNNEL, tunnelPort(server, cluster, target.port(), work, agents));
                ssh = SshForward.start(work, target.port());
                paths.put(SSH, ssh.port());
                Map<String, Integer> loadPaths = new LinkedHashMap<>(paths);
                if (LOAD_AGENT_SEPARATE) {
                    loadPaths.put(TUNNEL, tunnelPort(server, "c-bench-load", target.port(), Files.createDirectories(work.resolve("load")), agents));
                    warmUp(TUNNEL + " through the load agent", loadPaths.get(TUNNEL));
                }
                // Profiling one path: -Dbench.paths=tunnel (ratios are then left out of the report).
                String only = System.getProperty("bench.paths", "direct,tunnel,ssh");
                paths.keySet().removeIf(name -> !only.contains(name.equals(DIRECT) ? "direct" : name.equals(TUNNEL) ? "tunnel" : "ssh"));
                if (ONLY.equals("all") || ONLY.contains("bulk")) {
                    report.append(bulk(paths));
                }
                if (ONLY.equals("all") || ONLY.contains("rtt")) {
                    report.append(roundTrips(paths, loadPaths));
                }
                if (ONLY.equals("all") || ONLY.contains("agents")) {
                    report.append(agents(server, cluster, work));
                }
            } finally {
                if (ssh != null) {
                    ssh.close();
                }
                for (Process agent : agents) {
                    agent.destroy();
                    if (!agent.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        agent.destroyForcibly().waitFor();
                    }
                }
                server.close();
            }
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "tunnel-bench.md"), report);
        System.exit(0);
    }

    /**
     * Transfers over one path until the JIT has settled: until a run adds less than {@value #SETTLED_COMPILE_MILLIS} ms of
     * compilation in this JVM and is within 10 % of the run before (the agent is a JVM of its own,
     * whose compiler this one cannot see; its speed can), at most {@value #MAX_WARM_RUNS} runs. Why: after the one
     * 1 GiB warm-up run used before, perf still showed C2 taking ~21 % of the box during the measured tunnel runs
     * (BENCHMARKS.md, Tunnel, sixth round), so those measured the compiler as much as the tunnel.
     */
    private static void warmUp(String name, int port) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        double previous = 0;
        for (int run = 1; run <= MAX_WARM_RUNS; run++) {
            long before = jit.getTotalCompilationTime();
            double speed = BenchClient.throughput(port, BULK_BYTES);
            long compiled = jit.getTotalCompilationTime() - before;
            System.err.printf(Locale.ROOT, "%s warm-up run %d: %.0f MB/s, %d ms of JIT compilation in the server's JVM%n", name, run, speed, compiled);
            if (run >= 2 && compiled < SETTLED_COMPILE_MILLIS && Math.abs(speed - previous) <= SETTLED_CHANGE * previous) {
                return;
            }
            previous = speed;
        }
    }

    private static String bulk(Map<String, Integer> paths) throws Exception {
        StringBuilder report = new StringBuilder("### Bulk throughput (" + (BULK_BYTES >> 20) + " MiB per run after warm-up runs until the JIT settled, median of "
                + RUNS + ", the paths' runs interleaved)\n\n| path | MB/s | runs | CPU s per GiB of the bench processes, user + kernel |\n|---|---:|---|---|\n");
        for (var path : paths.entrySet()) {
            warmUp(path.getKey(), path.getValue());
        }
        // interleaved (direct, tunnel, ssh -L, direct, …) so that a swing of the box hits every path alike
        Map<String, double[]> runs = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            for (var path : paths.entrySet()) {
                CpuMeter before = CpuMeter.now();
                runs.computeIfAbsent(path.getKey(), key -> new double[RUNS])[i] = BenchClient.throughput(path.getValue(), BULK_BYTES);
                double[] used = CpuMeter.now().secondsSince(before);
                double[] total = cpu.computeIfAbsent(path.getKey(), key -> new double[2]);
                total[0] += used[0];
                total[1] += used[1];
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        double gibs = (double) RUNS * BULK_BYTES / (1L << 30);
        for (var path : runs.entrySet()) {
            double[] sorted = path.getValue().clone();
            Arrays.sort(sorted);
            medians.put(path.getKey(), sorted[RUNS / 2]);
            double[] used = cpu.get(path.getKey());
            report.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.2f + %.2f |%n", path.getKey(), sorted[RUNS / 2],
                    round(path.getValue()), used[0] / gibs, used[1] / gibs));
            System.err.println(path.getKey() + " bulk " + round(path.getValue()));
        }
        if (medians.size() < 3) {
            return report.append('\n').toString();
        }
        double tunnel = medians.get(TUNNEL);
        return report.append(String.format(Locale.ROOT, "%nTunnel / direct = **%.2f×** (target ≥ 0.3×); tunnel / ssh -L = **%.2f×**"
                + " (target ≥ 1.0×).%n%n", tunnel / medians.get(DIRECT), tunnel / medians.get(SSH))).toString();
    }

    /** Round trips on each path, idle and while a stream saturates the path's port in {@code loadPaths}. */
    private static String roundTrips(Map<String, Integer> paths, Map<String, Integer> loadPaths) throws Exception {
        StringBuilder report = new StringBuilder("### Small request round trip (64 bytes on one connection, " + ROUND_TRIPS
                + " requests after 2,000 warm-up)\n\n" + loadSetting() + "| path | p50 µs | p99 µs | p50 with a saturating stream µs"
                + " | p99 with a saturating stream µs |\n|---|---:|---:|---:|---:|\n");
        Map<String, double[]> quiet = new LinkedHashMap<>();
        Map<String, double[]> loaded = new LinkedHashMap<>();
        for (var path : paths.entrySet()) {
            double[] idle = BenchClient.roundTrips(path.getValue(), 2_000, ROUND_TRIPS, 64);
            double[] busy = underBulk(loadPaths.get(path.getKey()), () -> BenchClient.roundTrips(path.getValue(), 2_000, ROUND_TRIPS, 64));
            quiet.put(path.getKey(), idle);
            loaded.put(path.getKey(), busy);
            report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |%n", path.getKey(),
                    BenchClient.percentile(idle, 50), BenchClient.percentile(idle, 99),
                    BenchClient.percentile(busy, 50), BenchClient.percentile(busy, 99)));
            System.err.println(path.getKey() + " rtt p50 " + BenchClient.percentile(idle, 50));
        }
        if (quiet.size() < 3) {
            return report.append('\n').toString();
        }
        return report.append(String.format(Locale.ROOT, "%nTunnel p50 / direct p50 = **%.2f×** (target ≤ 1.5×); ssh -L p50 /"
                        + " direct p50 = %.2f×. Tunnel p99 with a saturating stream / tunnel p99 idle = **%.2f×** (target ≤ 2×);"
                        + " ssh -L: %.2f×.%n%n",
                p(quiet, TUNNEL, 50) / p(quiet, DIRECT, 50), p(quiet, SSH, 50) / p(quiet, DIRECT, 50),
                p(loaded, TUNNEL, 99) / p(quiet, TUNNEL, 99), p(loaded, SSH, 99) / p(quiet, SSH, 99))).toString();
    }

    private static String loadSetting() {
        if (LOAD_MBPS <= 0 && !LOAD_AGENT_SEPARATE) {
            return "";
        }
        return String.format(Locale.ROOT, "The saturating stream: %s, %s.%n%n", LOAD_MBPS > 0 ? "held to " + LOAD_MBPS + " MB/s" : "as fast as the path goes",
                LOAD_AGENT_SEPARATE ? "through a second agent (own JVM, session and connection)" : "through the same agent");
    }

    private static double p(Map<String, double[]> samples, String path, double percentile) {
        return BenchClient.percentile(samples.get(path), percentile);
    }

    private static String agents(DroverServer server, String cluster, Path work) throws Exception {
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = heapAfterGc();
        String token = server.imports().start(cluster).token();
        Path ca = work.resolve("ca.pem");
        Files.writeString(ca, server.caPem());
        Process sims = new ProcessBuilder(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                SimulatedAgents.class.getName(), server.url(), token, String.valueOf(AGENTS), ca.toString())
                .redirectErrorStream(true).start();
        long start = System.nanoTime();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sims.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("connected")) {
                System.err.println("sims: " + line);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            while (server.sessions().sessionCount() < AGENTS + 1) {
                Thread.sleep(50);
            }
            Thread.sleep(2_000);
            long heap = heapAfterGc();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            return String.format(Locale.ROOT, "### %,d simulated agents on one server%n%n| | before | with %,d agents |%n|---|---:|---:|%n"
                            + "| server heap after GC | %.1f MB | %.1f MB |%n| server threads | %d | %d |%n%n"
                            + "All %,d connected (TLS + WebSocket upgrade + token check) in %.1f s; %.1f KB of heap per session."
                            + " Target < 512 MB: **%s**.%n",
                    AGENTS, AGENTS, heapBefore / 1e6, heap / 1e6, threadsBefore, threads, AGENTS, seconds,
                    (heap - heapBefore) / 1e3 / AGENTS, heap < 512e6 ? "met" : "missed");
        } finally {
            sims.destroyForcibly().waitFor();
        }
    }

    private interface Measurement {
        double[] run() throws Exception;
    }

    private static double[] underBulk(int port, Measurement measurement) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread bulk = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                try {
                    BenchClient.throughput(port, 256L << 20, LOAD_MBPS);
                } catch (Exception e) {
                    return;
                }
            }
        });
        Thread.sleep(300);
        try {
            return measurement.run();
        } finally {
            done.set(true);
            bulk.join();
        }
    }

    /** Registers an imported cluster, connects a cluster agent for it and returns a forwarder port to the target through it. */
    private static int tunnelPort(DroverServer server, String cluster, int targetPort, Path work, List<Process> agents) throws Exception {
        server.store().create(ObjectKey.of(Cluster.KIND, cluster), Map.of(), new JsonCodec<>(Cluster.class)
                .encode(new Cluster(cluster, cluster, Cluster.Type.IMPORTED, "", null)));
        agents.add(startAgent(server, server.imports().start(cluster).token(), targetPort, work));
        while (!server.sessions().state(cluster).clusterAgent()) {
            Thread.sleep(50);
        }
        return TunnelPortForwarder.start(server.vertx(), server.dialer(), cluster, "127.0.0.1:" + targetPort).await().port();
    }

    private static Process startAgent(DroverServer server, String token, int targetPort, Path work) throws Exception {
        Path kubeconfig = work.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                current-context: bench
                contexts: [{name: bench, context: {cluster: bench}}]
                clusters: [{name: bench, cluster: {server: "http://127.0.0.1:%d"}}]
                """.formatted(targetPort));
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
        String extra = System.getProperty("bench.agentJvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.split(" ")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterAgentMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("agent.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KUBERNETES_"));
        builder.environment().putAll(Map.of("DROVER_SERVER", server.url(), "DROVER_TOKEN", token,
                "DROVER_CA_CHECKSUM", server.caChecksum(), "KUBECONFIG", kubeconfig.toString(),
                "DROVER_EVENT_LOOP_POLL", String.valueOf(EVENT_LOOP_POLL)));
        return builder.start();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<Double> round(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(Math.round(v * 10) / 10.0);
        }
        return out;
    }
}
