package dev.drover.server.bench;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.DirectCredential;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.reconcile.ClusterStatusUpdater;
import dev.drover.engine.workloads.Workload;
import dev.drover.engine.workloads.WorkloadKind;
import dev.drover.engine.workloads.WorkloadListener;
import dev.drover.engine.workloads.WorkloadsReadModel;
import dev.drover.server.DroverServer;
import dev.drover.server.ServerConfig;
import dev.drover.server.api.ServerHarness;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Scale benchmark (issue #5): one real server following {@value #DEFAULT_CLUSTERS} simulated clusters
 * of {@value #DEFAULT_PODS} pods each, reached as DIRECT clusters over HTTPS through the server's own
 * downstream clients and informers. Measures the heap each cached pod costs against its JSON size, the
 * latency from a downstream pod change to the workloads read model's listener, and from a cluster change
 * in the store to a {@link RemoteManagementApi} watcher. Prints Markdown (also to
 * target/scale-bench.md). Not a test: no assertions, no timing targets enforced.
 *
 * <p>Run: {@code ./mvnw -o -pl embedded-server -am -Pbench-scale verify -DskipTests}
 */
public final class ScaleBenchmark {

    static final int DEFAULT_CLUSTERS = 200;
    static final int DEFAULT_PODS = 500;
    private static final int CLUSTERS = Integer.getInteger("bench.clusters", DEFAULT_CLUSTERS);
    private static final int PODS = Integer.getInteger("bench.pods", DEFAULT_PODS);
    private static final int CHANGES = Integer.getInteger("bench.changes", 3_000);
    private static final int CHANGES_PER_SECOND = Integer.getInteger("bench.rate", 100);
    private static final int API_CHANGES = Integer.getInteger("bench.apiChanges", 500);
    private static final Duration PATIENCE = Duration.ofMinutes(8);
    private static final int HEAP_SAMPLES = 12;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path work = Files.createTempDirectory("drover-scale-bench");
        try (FakeFleetApi fleet = new FakeFleetApi(CLUSTERS, PODS);
             DroverServer server = DroverServer.start(ServerConfig.defaults(0, work.resolve("data")))) {
            String password = new String(server.takeBootstrapPassword().orElseThrow());
            try (RemoteManagementApi console = ServerHarness.connect(server, "admin", password)) {
                WorkloadsReadModel model = server.engine().workloads();
                long heapNoClusters = settledHeap();
                long start = System.nanoTime();
                Map<String, Integer> simByCluster = new HashMap<>();
                for (int i = 0; i < CLUSTERS; i++) {
                    ClusterSummary created = console.createCluster(new NewCluster(FakeFleetApi.name(i), ClusterKind.DIRECT,
                            fleet.endpoint(i), new DirectCredential("bench-token", fleet.caPem()))).get(30, TimeUnit.SECONDS);
                    simByCluster.put(created.id(), i);
                }
                waitFor("every cluster followed and its informers synced", () -> fleet.podWatchers() >= CLUSTERS
                        && simByCluster.keySet().stream().allMatch(model::hasSynced));
                double syncSeconds = (System.nanoTime() - start) / 1e9;

                long heapEmpty = settledHeap();
                int cachedEmpty = model.size();
                long growStart = System.nanoTime();
                fleet.growTo(PODS);
                long pods = (long) CLUSTERS * PODS;
                waitFor("every pod cached", () -> model.size() >= cachedEmpty + pods);
                double ingestSeconds = (System.nanoTime() - growStart) / 1e9;
                long heapFull = settledHeap();
                double heapPerPod = (double) (heapFull - heapEmpty) / pods;
                double jsonPerPod = averagePodJson();

                Latencies toReadModel = new Latencies();
                model.addListener(new WorkloadListener() {
                    @Override
                    public void changed(Workload workload) {
                        if (workload.kind() == WorkloadKind.POD && workload.labels().containsKey("bench-seq")) {
                            toReadModel.arrived(workload.clusterId() + "/" + workload.name() + "/" + workload.labels().get("bench-seq"));
                        }
                    }

                    @Override
                    public void deleted(Workload workload) {
                    }
                });
                String[] clusterIds = simByCluster.keySet().toArray(String[]::new);
                Random random = new Random(42);
                pace(CHANGES, CHANGES_PER_SECOND, n -> {
                    String id = clusterIds[n % clusterIds.length];
                    int pod = random.nextInt(PODS);
                    long seq = 1_000_000L + n;
                    toReadModel.sent(id + "/" + FakePods.name(pod) + "/" + seq);
                    fleet.touch(simByCluster.get(id), pod, seq);
                });
                waitFor("every pod change seen by the read model", () -> toReadModel.count() >= CHANGES);

                Latencies toConsole = new Latencies();
                console.watchClusters(event -> {
                    if (event.type() == ApiEvent.Type.MODIFIED && event.object().kubernetesVersion().startsWith("bench-")) {
                        toConsole.arrived(event.object().id() + "/" + event.object().kubernetesVersion());
                    }
                });
                Thread.sleep(2_000); // the watch's initial list of every cluster is not what is measured
                ClusterStatusUpdater statuses = new ClusterStatusUpdater(server.store());
                pace(API_CHANGES, 50, n -> {
                    String id = clusterIds[n % clusterIds.length];
                    String version = "bench-" + n;
                    toConsole.sent(id + "/" + version);
                    statuses.update(id, status -> status.withKubernetesVersion(version));
                });
                waitFor("every cluster change seen by the remote console", () -> toConsole.count() >= API_CHANGES);

                report.append(ScaleReport.render(new ScaleReport.Figures(CLUSTERS, PODS, syncSeconds, ingestSeconds, heapNoClusters, heapEmpty, heapFull,
                        heapPerPod, jsonPerPod, CHANGES, CHANGES_PER_SECOND, toReadModel.summary(), toReadModel.p99Millis(), API_CHANGES,
                        toConsole.summary(), toConsole.p99Millis(), loadBefore,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
            }
        }
        System.out.println(report);
        Path out = Path.of("target", "scale-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.exit(0);
    }

    /** Average UTF-8 size of the pods as the fake serves them (plain ASCII, so characters are bytes). */
    private static double averagePodJson() {
        long total = 0;
        for (int i = 0; i < PODS; i++) {
            total += FakePods.json(FakeFleetApi.name(i % CLUSTERS), i, 1_000_000L + i, 1_000_000L + i).length();
        }
        return (double) total / PODS;
    }

    /**
     * Live heap: the least in use right after a full collection, over {@value #HEAP_SAMPLES} collections
     * half a second apart — the health check's periodic pod lists are live for a moment while parsed,
     * and the lowest sample is the one that caught none in flight.
     */
    private static long settledHeap() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < HEAP_SAMPLES; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            Thread.sleep(500);
        }
        return least;
    }

    private static void pace(int count, int perSecond, java.util.function.IntConsumer action) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        for (int n = 0; n < count; n++) {
            action.accept(n);
            next += interval;
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + PATIENCE);
            }
            Thread.sleep(100);
        }
        System.err.printf(Locale.ROOT, "bench: %s%n", what);
    }
}
