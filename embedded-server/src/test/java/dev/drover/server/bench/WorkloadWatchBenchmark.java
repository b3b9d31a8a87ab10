package dev.drover.server.bench;

import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.DirectCredential;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.WorkloadBatch;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.WorkloadSummary;
import dev.drover.engine.api.wire.WireJson;
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
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Workload watch benchmark (issue #5): one real server following one simulated cluster of
 * {@code bench.pods} pods ({@link FakeFleetApi}, HTTPS, real informers), a {@link RemoteManagementApi} watching
 * all of its pods over the management API's WebSocket, and {@code bench.rate} pod changes per second for
 * {@code bench.seconds}. Reports the snapshot (time, size), the console's listener calls and bytes per second,
 * and the change → console latency, each against the same run's baseline: the read model's own listener, which
 * hears every change one call at a time. Prints Markdown (also target/workload-watch-bench.md).
 *
 * <p>Run: {@code ./mvnw -o -pl embedded-server -am -Pbench-workloads verify -DskipTests}
 */
public final class WorkloadWatchBenchmark {

    private static final int PODS = Integer.getInteger("bench.pods", 20_000);
    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);

    private WorkloadWatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path work = Files.createTempDirectory("drover-workload-bench");
        StringBuilder report = new StringBuilder();
        try (FakeFleetApi fleet = new FakeFleetApi(1, PODS);
             DroverServer server = DroverServer.start(ServerConfig.defaults(0, work.resolve("data")))) {
            String password = new String(server.takeBootstrapPassword().orElseThrow());
            try (RemoteManagementApi console = ServerHarness.connect(server, "admin", password)) {
                WorkloadsReadModel model = server.engine().workloads();
                String clusterId = console.createCluster(new NewCluster(FakeFleetApi.name(0), ClusterKind.DIRECT, fleet.endpoint(0),
                        new DirectCredential("bench-token", fleet.caPem()))).get(30, TimeUnit.SECONDS).id();
                waitFor("cluster followed", () -> fleet.podWatchers() >= 1 && model.hasSynced(clusterId));
                fleet.growTo(PODS);
                waitFor("every pod cached", () -> model.size() >= PODS);

                Latencies toReadModel = new Latencies();
                AtomicLong modelCalls = new AtomicLong();
                model.addListener(new WorkloadListener() {
                    @Override
                    public void changed(Workload workload) {
                        if (workload.kind() == WorkloadKind.POD && workload.labels().containsKey("bench-seq")) {
                            modelCalls.incrementAndGet();
                            toReadModel.arrived(workload.name());
                        }
                    }

                    @Override
                    public void deleted(Workload workload) {
                    }
                });
                Latencies toConsole = new Latencies();
                AtomicLong consoleCalls = new AtomicLong();
                AtomicLong consoleBytes = new AtomicLong();
                AtomicLong consoleRows = new AtomicLong();
                long[] snapshot = new long[3]; // nanos, rows, bytes
                long watchStart = System.nanoTime();
                Subscription watch = console.watchWorkloads(new WorkloadQuery(clusterId, "", "", true), batch -> {
                    if (batch.snapshot()) {
                        snapshot[0] = System.nanoTime() - watchStart;
                        snapshot[1] = batch.changed().size();
                        snapshot[2] = WireJson.encode(batch).length();
                        return;
                    }
                    consoleCalls.incrementAndGet();
                    consoleRows.addAndGet(batch.changed().size());
                    consoleBytes.addAndGet(WireJson.encode(batch).length());
                    for (WorkloadSummary w : batch.changed()) {
                        toConsole.arrived(w.ref().name());
                    }
                });
                waitFor("the console's snapshot", () -> snapshot[1] > 0);
                Thread.sleep(1_000);
                consoleCalls.set(0);
                consoleBytes.set(0);
                consoleRows.set(0);
                modelCalls.set(0);

                Random random = new Random(42);
                int changes = RATE * SECONDS;
                long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
                long next = System.nanoTime();
                long start = next;
                for (int n = 0; n < changes; n++) {
                    int pod = random.nextInt(PODS);
                    String name = FakePods.name(pod);
                    toReadModel.sent(name);
                    toConsole.sent(name);
                    fleet.touch(0, pod, 2_000_000L + n);
                    next += interval;
                    LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                }
                waitFor("the last changes at the console", () -> toConsole.count() >= changes * 99L / 100);
                Thread.sleep(500);
                double elapsed = (System.nanoTime() - start) / 1e9;
                watch.close();

                double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                report.append(String.format(Locale.ROOT, """
                        | pods | changes/s × s | snapshot: rows / KiB / s | read model listener calls/s (baseline) | console listener calls/s | ratio | rows per console call | console KiB/s | change → read model p50 / p90 / p99 / max | change → console p50 / p90 / p99 / max | load avg before / after |
                        |---:|---|---|---:|---:|---:|---:|---:|---|---|---|
                        | %,d | %,d × %d | %,d / %,d / %.2f | %,.0f | %,.1f | **%.4f×** | %,.0f | %,.0f | %s | %s | %.1f / %.1f |
                        """, PODS, RATE, SECONDS, snapshot[1], snapshot[2] / 1024, snapshot[0] / 1e9, modelCalls.get() / elapsed,
                        consoleCalls.get() / elapsed, (double) consoleCalls.get() / Math.max(1, modelCalls.get()),
                        (double) consoleRows.get() / Math.max(1, consoleCalls.get()), consoleBytes.get() / 1024.0 / elapsed,
                        toReadModel.summary(), toConsole.summary(), loadBefore, loadAfter));
            }
        }
        System.out.println(report);
        Path out = Path.of("target", "workload-watch-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.exit(0);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(50);
        }
        System.err.printf(Locale.ROOT, "bench: %s%n", what);
    }
}
