package dev.drover.server.bench;

import dev.drover.engine.auth.IssuedToken;
import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.User;
import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.IssuedCertificate;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.server.DroverServer;
import dev.drover.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Auth proxy benchmark: requests/s and latency of {@code wrk} against the same small HTTPS upstream
 * (Vert.x, a fixed 0.4 KB JSON) three ways in one run — directly, through the Drover auth proxy (token
 * check from the cache, header rewrite, TLS to the upstream) and through nginx as a plain TLS reverse
 * proxy (generated config, upstream keep-alive) — at concurrency 1 and 64. Prints a Markdown report (also
 * target/proxy-bench.md); see BENCHMARKS.md ("Auth proxy"). Not a test: no assertions.
 *
 * <p>Run: {@code ./mvnw -o -pl embedded-server -am -Pbench-proxy verify -DskipTests} (needs {@code wrk}
 * and {@code nginx}: {@code apt-get install wrk nginx}).
 */
public final class ProxyBenchmark {

    static final String DIRECT = "direct to upstream";
    static final String DROVER = "Drover auth proxy";
    static final String NGINX = "nginx reverse proxy";
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int SETTLED_COMPILE_MILLIS = 100;
    private static final int MAX_WARM_ROUNDS = 12;
    static final String BODY = "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"4711\"},\"items\":["
            + "{\"metadata\":{\"name\":\"default\",\"uid\":\"6c1b2f8e-4d0a-4b5e-9a53-0f5b0e1f2a3b\",\"resourceVersion\":\"17\","
            + "\"creationTimestamp\":\"2026-11-23T10:00:00Z\",\"labels\":{\"kubernetes.io/metadata.name\":\"default\"}},"
            + "\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}]}";

    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            benchmark();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // Vert.x's non-daemon threads would keep a failed run alive
        }
        System.exit(0);
    }

    private static void benchmark() throws Exception {
        requireTool("wrk");
        requireTool("nginx");
        Path work = Files.createTempDirectory("drover-proxy-bench");
        CertificateAuthority ca = CertificateAuthority.generate("bench-ca", Duration.ofDays(1));
        IssuedCertificate upstreamCert = ca.issueServer("upstream", List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        Vertx upstreamVertx = Vertx.vertx();
        HttpServer upstream = upstreamVertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setTcpNoDelay(true).setUseAlpn(Boolean.parseBoolean(System.getProperty("bench.upstreamAlpn", "true"))).setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(upstreamCert.chainPem()))
                                .setKeyValue(Buffer.buffer(upstreamCert.keyPem()))))
                .requestHandler(request -> request.response().putHeader("Content-Type", "application/json").end(BODY))
                .listen().await();
        DroverServer server = DroverServer.start(ServerConfig.defaults(0, work.resolve("data"))
                .withEventLoopPoll(Duration.ofNanos(1_000L * Long.getLong("bench.eventLoopPoll", 100))));
        NginxProxy nginx = null;
        StringBuilder report = new StringBuilder();
        try {
            String cluster = "c-bench";
            server.store().create(ObjectKey.of(Cluster.KIND, cluster), Map.of(), new JsonCodec<>(Cluster.class)
                    .encode(new Cluster(cluster, "bench", Cluster.Type.DIRECT, "https://localhost:" + upstream.actualPort(), null)));
            server.authProxy().credentials().put(cluster, "", ca.certificatePem(), "bench-impersonator-token");
            server.store().create(ObjectKey.of(User.KIND, "bench"), Map.of(), new JsonCodec<>(User.class)
                    .encode(new User("bench", "bench", "", true, "ldap", false)));
            IssuedToken token = server.authProxy().tokens().issue(new Principal("bench", "bench", "ldap", List.of("devs"), false),
                    new TokenRequest(Duration.ofHours(2), null, "", "benchmark"));
            nginx = NginxProxy.start(work, upstream.actualPort(), ca.certificatePem());
            Map<String, String> urls = new LinkedHashMap<>();
            urls.put(DIRECT, "https://127.0.0.1:" + upstream.actualPort() + "/api/v1/namespaces");
            urls.put(DROVER, "https://127.0.0.1:" + server.port() + "/k8s/clusters/" + cluster + "/api/v1/namespaces");
            urls.put(NGINX, "https://127.0.0.1:" + nginx.port() + "/api/v1/namespaces");
            if (System.getProperty("bench.profile") != null) {
                profile(urls.get(DROVER), "Authorization: Bearer " + token.value(), Integer.getInteger("bench.profile"));
                return;
            }
            report.append(machine(work)).append(run(urls, "Authorization: Bearer " + token.value()));
        } finally {
            if (nginx != null) {
                nginx.close();
            }
            server.close();
            upstreamVertx.close().await();
        }
        Path out = Path.of("target", "proxy-bench.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    /**
     * Profiling aid ({@code -Dbench.jvmArgs=-Dbench.profile=64}): load on the Drover path only, a warm-up until the JIT settled, then
     * a JFR recording (settings "profile", Java samples every ms) of one measured run, written to target/proxy-profile.jfr. Started
     * here because Maven passes {@code bench.jvmArgs} as one argument, so it cannot also carry a JVM flag.
     */
    private static void profile(String url, String authorization, int concurrency) throws Exception {
        System.err.println(command("curl", "-sk", "-m", "10", "-w", "%{http_code} %{time_total}", "-H", authorization, url));
        warmUntilCompiled(Map.of(DROVER, url), authorization);
        Wrk.run(url, authorization, concurrency, 3); // TLS sessions and pools at this concurrency
        Path out = Path.of("target", "proxy-profile.jfr").toAbsolutePath();
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.setDestination(out);
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1)); // "profile" samples every 10-20 ms
            // by CPU time (JDK 25, Linux): also counts time spent in native code (TLS) and system calls, which execution samples miss
            recording.enable("jdk.CPUTimeSample").with("throttle", "1ms");
            recording.start();
            System.err.println(Wrk.run(url, authorization, concurrency, SECONDS).raw());
            recording.stop();
        }
        System.err.println("JFR recording: " + out + " (jfr view hot-methods " + out + ")");
    }

    /**
     * Loads every path in turn until the JIT has settled: until one round over all paths adds less than
     * {@value #SETTLED_COMPILE_MILLIS} ms of compilation, at most {@value #MAX_WARM_ROUNDS} rounds. Why: perf showed the
     * C2 compiler still taking 30-60 % of a core after a 5 s warm-up (it needs ~8 rounds, ~50 s, here), so a fixed
     * short warm-up could not promise that the measured runs see steady-state code on every path.
     */
    private static void warmUntilCompiled(Map<String, String> urls, String authorization) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        for (int round = 1; round <= MAX_WARM_ROUNDS; round++) {
            long before = jit.getTotalCompilationTime();
            for (var path : urls.entrySet()) {
                try {
                    Wrk.run(path.getValue(), authorization, round % 2 == 0 ? 1 : 64, 2);
                } catch (IllegalStateException slowStart) {
                    System.err.println("warm-up of " + path.getKey() + " served nothing; the measured runs will tell");
                }
            }
            long compiled = jit.getTotalCompilationTime() - before;
            System.err.printf(Locale.ROOT, "warm-up round %d: %d ms of JIT compilation%n", round, compiled);
            if (round >= 2 && compiled < SETTLED_COMPILE_MILLIS) {
                return;
            }
        }
    }

    private static String run(Map<String, String> urls, String authorization) throws Exception {
        Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
        Map<String, List<Double>> cpuPerRequest = new LinkedHashMap<>();
        warmUntilCompiled(urls, authorization);
        for (int concurrency : new int[] {1, 64}) {
            for (var path : urls.entrySet()) {
                try {
                    Wrk.run(path.getValue(), authorization, concurrency, 3); // warm-up: JIT, TLS sessions, pools
                } catch (IllegalStateException slowStart) {
                    System.err.println("warm-up of " + path.getKey() + " served nothing; the measured runs will tell");
                }
            }
            for (int run = 0; run < RUNS; run++) {
                // interleaved so that a load spike from the other work on the box hits every path alike
                for (var path : urls.entrySet()) {
                    CpuMeter before = CpuMeter.now();
                    Wrk.Result result = Wrk.run(path.getValue(), authorization, concurrency, SECONDS);
                    double[] cpu = CpuMeter.now().secondsSince(before);
                    results.computeIfAbsent(path.getKey() + "|" + concurrency, k -> new ArrayList<>()).add(result);
                    cpuPerRequest.computeIfAbsent(path.getKey() + "|" + concurrency, k -> new ArrayList<>())
                            .add((cpu[0] + cpu[1]) * 1e6 / (result.requestsPerSecond() * SECONDS));
                }
            }
        }
        StringBuilder out = new StringBuilder("\n| path | concurrency | requests/s (median of " + RUNS + ") | every run, req/s | p50 ms | p99 ms "
                + "| CPU µs per request (median; every process of the benchmark: wrk, upstream, proxy) |\n|---|---|---|---|---|---|---|\n");
        Map<String, Wrk.Result> medians = new LinkedHashMap<>();
        results.forEach((key, list) -> {
            Wrk.Result median = list.stream().sorted((a, b) -> Double.compare(a.requestsPerSecond(), b.requestsPerSecond()))
                    .toList().get(list.size() / 2);
            medians.put(key, median);
            String[] parts = key.split("\\|");
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %s | %.3f | %.3f | %.1f |%n", parts[0], parts[1],
                    median.requestsPerSecond(), list.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.requestsPerSecond()))
                            .toList(), median.p50Millis(), median.p99Millis(),
                    cpuPerRequest.get(key).stream().sorted().toList().get(list.size() / 2)));
        });
        out.append("\n| ratio | concurrency 1 | concurrency 64 | target |\n|---|---|---|---|\n");
        out.append(String.format(Locale.ROOT, "| Drover / direct, requests/s | %.2f | %.2f | >= 0.6 |%n",
                ratio(medians, DROVER, DIRECT, 1), ratio(medians, DROVER, DIRECT, 64)));
        out.append(String.format(Locale.ROOT, "| Drover / nginx, requests/s | %.2f | %.2f | >= 1.0 |%n",
                ratio(medians, DROVER, NGINX, 1), ratio(medians, DROVER, NGINX, 64)));
        out.append(String.format(Locale.ROOT, "| Drover added p50 latency vs direct, ms | %.3f | %.3f | <= 0.5 (c=1) |%n",
                medians.get(DROVER + "|1").p50Millis() - medians.get(DIRECT + "|1").p50Millis(),
                medians.get(DROVER + "|64").p50Millis() - medians.get(DIRECT + "|64").p50Millis()));
        out.append(String.format(Locale.ROOT, "| nginx added p50 latency vs direct, ms | %.3f | %.3f | |%n",
                medians.get(NGINX + "|1").p50Millis() - medians.get(DIRECT + "|1").p50Millis(),
                medians.get(NGINX + "|64").p50Millis() - medians.get(DIRECT + "|64").p50Millis()));
        out.append(String.format(Locale.ROOT, "%nLoad average after the runs: %s%n", loadAverage()));
        return out.toString();
    }

    private static double ratio(Map<String, Wrk.Result> medians, String a, String b, int concurrency) {
        return medians.get(a + "|" + concurrency).requestsPerSecond() / medians.get(b + "|" + concurrency).requestsPerSecond();
    }

    private static String machine(Path work) throws IOException, InterruptedException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
        return String.format(Locale.ROOT, "## Run%n%n- nproc: %d; CPU: %s; load average before: %s%n- JVM: %s %s; %s; %s%n"
                        + "- wrk -t1 -c1 (concurrency 1) and -t2 -c64 (64), %d s per run, %d runs per path interleaved, warm-up until the JIT settled (below) plus 3 s per path; keep-alive, TLS everywhere%n",
                Runtime.getRuntime().availableProcessors(), cpu, loadAverage(), System.getProperty("java.vm.name"),
                Runtime.version(), ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-Xm")).toList(), command("wrk", "--version").lines().findFirst().orElse("wrk"),
                SECONDS, RUNS) + "- " + command("nginx", "-v").strip() + "\n";
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

    private static void requireTool(String tool) throws IOException, InterruptedException {
        if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
            throw new IllegalStateException("The proxy benchmark needs " + tool + ": apt-get install " + tool);
        }
    }
}
