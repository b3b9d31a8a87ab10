package dev.drover.server.bench;

import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.engine.store.etcd.EtcdResourceStore;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import dev.drover.server.api.ServerHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HA benchmark (issue #9), everything in one run on one box: store operations on etcd (a real 3-member
 * cluster on loopback) against SQLite (the embedded default, FULL durability) as the baseline, then
 * management API requests/s against 1 and 3 server replicas sharing that etcd. Prints Markdown (also to
 * target/ha-bench.md). Not a test: no assertions.
 *
 * <p>Run: {@code ./mvnw -o -pl embedded-server -am -Pbench-ha verify -DskipTests}
 */
public final class HaBenchmark {

    private static final int OPS = Integer.getInteger("bench.ops", 2_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 16);
    private static final Duration API_RUN = Duration.ofSeconds(Long.getLong("bench.apiSeconds", 10));
    private static final int API_CONCURRENCY = Integer.getInteger("bench.apiConcurrency", 32);

    private HaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("drover-ha-bench");
        StringBuilder report = new StringBuilder("## HA (issue #9)\n\n");
        report.append(String.format(Locale.ROOT, "Machine: %d cores, load average %.2f at start, JVM %s. etcd %s, 3 members"
                        + " on loopback (50 ms heartbeat), data in %s.%n%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.version(), "3.4 (Debian)", work));
        try (EtcdCluster etcd = EtcdCluster.start(3)) {
            storeSection(report, etcd, work);
            apiSection(report, etcd, work);
        }
        System.out.println(report);
        Path out = Path.of("target", "ha-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.exit(0);
    }

    // ---------------------------------------------------------------- store

    private static void storeSection(StringBuilder report, EtcdCluster etcd, Path work) throws Exception {
        report.append("### Store operations: etcd vs SQLite (ops/s, same run)\n\n")
                .append("| operation | SQLite | etcd (3 members) | etcd / SQLite |\n|---|---:|---:|---:|\n");
        try (ResourceStore sqlite = SqliteResourceStore.open(work.resolve("sqlite"));
             ResourceStore onEtcd = EtcdResourceStore.open(EtcdOptions.of(etcd.clientUrls()).withPrefix("/bench"))) {
            for (String op : List.of("create (1 thread)", "update (1 thread)", "get (1 thread)",
                    "create (" + THREADS + " threads)", "update (" + THREADS + " threads)", "list 1,000 objects")) {
                measure(sqlite, op, OPS / 4, "warm-");
                measure(onEtcd, op, OPS / 4, "warm-");
                double base = measure(sqlite, op, OPS, "run-");
                double candidate = measure(onEtcd, op, OPS, "run-");
                report.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f× |%n", op, base, candidate, candidate / base));
            }
        }
        report.append("\n");
    }

    /** Ops/s of one operation; each call works on its own names so runs do not collide. */
    private static double measure(ResourceStore store, String op, int count, String tag) throws Exception {
        String prefix = tag + op.replaceAll("[^a-z0-9]", "") + "-" + System.nanoTime();
        int threads = op.contains("threads") ? THREADS : 1;
        if (op.startsWith("list")) {
            for (int i = 0; i < 1_000 && store.list(new ListRequest("ListMe", null, dev.drover.engine.store.LabelSelector.EVERYTHING, 1, null)).items().isEmpty(); i++) {
                for (int from = 0; from < 1_000; from += 100) {
                    List<dev.drover.engine.store.Write> batch = new ArrayList<>();
                    for (int j = from; j < from + 100; j++) {
                        batch.add(new dev.drover.engine.store.Write.Create(ObjectKey.of("ListMe", "o-" + j), Map.of("app", "x"), body(j)));
                    }
                    store.commit(batch);
                }
            }
            int lists = Math.max(10, count / 50);
            long start = System.nanoTime();
            for (int i = 0; i < lists; i++) {
                store.list(ListRequest.all("ListMe"));
            }
            return lists / ((System.nanoTime() - start) / 1e9);
        }
        if (op.startsWith("update") || op.startsWith("get")) {
            for (int i = 0; i < threads; i++) {
                store.create(ObjectKey.of("Bench", prefix + "-" + i), Map.of(), body(0));
            }
        }
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ObjectKey own = ObjectKey.of("Bench", prefix + "-" + thread);
                    long revision = 0;
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        if (op.startsWith("create")) {
                            store.create(ObjectKey.of("Bench", prefix + "-c-" + i), Map.of("n", "" + i), body(i));
                        } else if (op.startsWith("update")) {
                            revision = store.update(own, revision, Map.of(), body(i)).revision();
                        } else {
                            store.get(own);
                        }
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static String body(int i) {
        return "{\"spec\":{\"displayName\":\"cluster " + i + "\",\"kind\":\"IMPORTED\",\"padding\":\"" + "x".repeat(200) + "\"}}";
    }

    // ---------------------------------------------------------------- API

    private static void apiSection(StringBuilder report, EtcdCluster etcd, Path work) throws Exception {
        report.append(String.format(Locale.ROOT, "### Management API: GET /v3/clusters (20 clusters), %d concurrent requests,"
                + " %d s per run, round robin over the replicas%n%n| servers | requests/s | vs 1 replica |%n|---|---:|---:|%n",
                API_CONCURRENCY, API_RUN.toSeconds()));
        Path shared = work.resolve("server");
        List<DroverServer> replicas = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            replicas.add(replica(etcd, shared, "r0"));
            String password = ServerHarness.password(replicas.getFirst());
            String token = ServerHarness.login(replicas.getFirst(), "admin", password);
            try (var api = ServerHarness.connectWithToken(replicas.getFirst(), token)) {
                for (int i = 0; i < 20; i++) {
                    api.createCluster(new dev.drover.engine.api.NewCluster("bench-" + i, dev.drover.engine.api.ClusterKind.IMPORTED, ""))
                            .get();
                }
            }
            load(vertx, replicas, token, Duration.ofSeconds(3)); // warm-up
            double one = load(vertx, replicas, token, API_RUN);
            report.append(String.format(Locale.ROOT, "| 1 replica (etcd) | %,.0f | 1.00× |%n", one));
            replicas.add(replica(etcd, shared, "r1"));
            replicas.add(replica(etcd, shared, "r2"));
            load(vertx, replicas, token, Duration.ofSeconds(3));
            double three = load(vertx, replicas, token, API_RUN);
            report.append(String.format(Locale.ROOT, "| 3 replicas (etcd), one JVM | %,.0f | %.2f× |%n%n", three, three / one));
        } finally {
            for (DroverServer replica : replicas) {
                replica.close();
            }
            vertx.close().await();
        }
    }

    private static DroverServer replica(EtcdCluster etcd, Path data, String id) {
        return DroverServer.start(ServerConfig.defaults(0, data),
                HaSettings.etcd(EtcdOptions.of(etcd.clientUrls()).withPrefix("/bench-api"), id));
    }

    /** Requests/s over {@code duration}: API_CONCURRENCY request loops, each sending its next request on the last answer. */
    private static double load(Vertx vertx, List<DroverServer> replicas, String token, Duration duration) throws Exception {
        List<HttpClient> clients = new ArrayList<>();
        for (DroverServer replica : replicas) {
            clients.add(vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true).setKeepAlive(true)
                            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(replica.caPem()))),
                    new PoolOptions().setHttp1MaxSize(API_CONCURRENCY)));
        }
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(API_CONCURRENCY);
        for (int i = 0; i < API_CONCURRENCY; i++) {
            int loop = i;
            vertx.runOnContext(v -> requestLoop(clients, replicas, token, loop, end, done, failed, finished));
        }
        finished.await();
        for (HttpClient client : clients) {
            client.close().await();
        }
        if (failed.get() > 0) {
            System.err.println(failed.get() + " requests failed");
        }
        return done.get() / (duration.toNanos() / 1e9);
    }

    private static void requestLoop(List<HttpClient> clients, List<DroverServer> replicas, String token, int loop, long end,
                                    AtomicLong done, AtomicLong failed, java.util.concurrent.CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        int index = (int) ((done.get() + loop) % clients.size());
        URI url = URI.create(replicas.get(index).url());
        clients.get(index).request(new RequestOptions().setMethod(HttpMethod.GET).setHost(url.getHost()).setPort(url.getPort())
                        .setURI("/v3/clusters").putHeader("Authorization", "Bearer " + token))
                .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
                .onComplete(result -> {
                    if (result.succeeded() && result.result() == 200) {
                        done.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    requestLoop(clients, replicas, token, loop, end, done, failed, finished);
                });
    }
}
