package dev.drover.server.bench;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Many simulated clusters behind one HTTPS port ({@code /clusters/<name>/…}): just enough of the
 * Kubernetes API for Drover's reconcilers and informers — version, one Ready node, ten namespaces,
 * pods (list, and watch by WebSocket or chunked HTTP), empty lists for every other resource, 404 for
 * single objects. Pods are generated on demand ({@link FakePods}); per pod only its resourceVersion and
 * a sequence number are kept, so the fake adds almost nothing to the heap being measured.
 */
final class FakeFleetApi implements AutoCloseable {

    private static final Set<String> LISTS = Set.of("pods", "namespaces", "nodes", "deployments", "statefulsets", "daemonsets",
            "jobs", "cronjobs", "clusterroles", "clusterrolebindings", "rolebindings", "resourcequotas");

    private final Vertx vertx;
    private final HttpServer server;
    private final String caPem;
    private final Map<String, SimCluster> clusters = new ConcurrentHashMap<>();

    /** One simulated cluster: its pods' revisions, and the pod watches open on it. */
    private static final class SimCluster {
        final String name;
        final long[] podRevision;
        final long[] podSeq;
        int pods;
        long revision = 1;
        final List<Consumer<String>> podWatchers = new CopyOnWriteArrayList<>();

        SimCluster(String name, int maxPods) {
            this.name = name;
            this.podRevision = new long[maxPods];
            this.podSeq = new long[maxPods];
        }
    }

    FakeFleetApi(int clusters, int maxPods) {
        vertx = Vertx.vertx();
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        try {
            caPem = Files.readString(Path.of(certificate.certificatePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < clusters; i++) {
            String name = name(i);
            this.clusters.put(name, new SimCluster(name, maxPods));
        }
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions())
                .setHost("127.0.0.1").setPort(0)).requestHandler(this::handle);
        server.listen().await();
    }

    static String name(int cluster) {
        return String.format("sim-%03d", cluster);
    }

    String endpoint(int cluster) {
        return "https://localhost:" + server.actualPort() + "/clusters/" + name(cluster);
    }

    String caPem() {
        return caPem;
    }

    int podWatchers() {
        return clusters.values().stream().mapToInt(c -> c.podWatchers.size()).sum();
    }

    /** Grows every cluster to {@code pods} pods, announcing each on the open watches. */
    void growTo(int pods) {
        for (SimCluster cluster : clusters.values()) {
            for (int i = cluster.pods; i < pods; i++) {
                String event = event(cluster, "ADDED", i, true);
                synchronized (cluster) {
                    cluster.pods = i + 1;
                }
                cluster.podWatchers.forEach(w -> w.accept(event));
            }
        }
    }

    /** Changes pod {@code index}'s {@code bench-seq} label to {@code seq} and announces it. */
    void touch(int cluster, int index, long seq) {
        SimCluster sim = clusters.get(name(cluster));
        sim.podSeq[index] = seq;
        String event = event(sim, "MODIFIED", index, true);
        sim.podWatchers.forEach(w -> w.accept(event));
    }

    private static String event(SimCluster cluster, String type, int index, boolean bump) {
        long revision;
        synchronized (cluster) {
            revision = bump ? ++cluster.revision : cluster.podRevision[index];
            cluster.podRevision[index] = revision;
        }
        return "{\"type\":\"" + type + "\",\"object\":" + FakePods.json(cluster.name, index, revision, cluster.podSeq[index]) + "}";
    }

    private void handle(HttpServerRequest request) {
        String[] parts = request.path().split("/", 4); // "", "clusters", name, rest
        SimCluster cluster = parts.length == 4 ? clusters.get(parts[2]) : null;
        if (cluster == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        String rest = "/" + parts[3];
        String resource = rest.substring(rest.lastIndexOf('/') + 1);
        boolean watch = "true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch"));
        HttpServerResponse response = request.response().putHeader("Content-Type", "application/json");
        if (rest.equals("/version")) {
            response.end("{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.2\",\"platform\":\"linux/amd64\"}");
        } else if (!LISTS.contains(resource)) {
            response.setStatusCode(404).end("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
        } else if (watch) {
            watch(request, cluster, resource.equals("pods"), parseLong(request.getParam("resourceVersion")));
        } else {
            response.end(list(cluster, resource));
        }
    }

    private String list(SimCluster cluster, String resource) {
        StringBuilder items = new StringBuilder();
        long revision;
        synchronized (cluster) {
            revision = cluster.revision;
            switch (resource) {
                case "pods" -> {
                    for (int i = 0; i < cluster.pods; i++) {
                        items.append(i == 0 ? "" : ",").append(FakePods.json(cluster.name, i, cluster.podRevision[i], cluster.podSeq[i]));
                    }
                }
                case "nodes" -> items.append("{\"metadata\":{\"name\":\"node-1\",\"resourceVersion\":\"1\"},\"status\":{\"conditions\":"
                        + "[{\"type\":\"Ready\",\"status\":\"True\"}],\"allocatable\":{\"cpu\":\"16\",\"memory\":\"64Gi\"}}}");
                case "namespaces" -> {
                    for (int i = 0; i < 10; i++) {
                        items.append(i == 0 ? "" : ",").append("{\"metadata\":{\"name\":\"team-").append(i).append("\",\"resourceVersion\":\"1\"}}");
                    }
                }
                default -> {
                    // an empty list
                }
            }
        }
        return "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + revision + "\"},\"items\":[" + items + "]}";
    }

    /** Replays pods changed after {@code from}, then streams; non-pod watches stay open and silent. */
    private void watch(HttpServerRequest request, SimCluster cluster, boolean pods, long from) {
        boolean webSocket = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (webSocket) {
            request.toWebSocket().onSuccess(socket -> {
                if (pods) {
                    follow(cluster, from, socket::writeTextMessage, socket::closeHandler);
                }
            });
            return;
        }
        HttpServerResponse response = request.response().setChunked(true);
        response.write("");
        if (pods) {
            follow(cluster, from, line -> response.write(line + "\n"), handler -> response.closeHandler(handler));
        }
    }

    /** Called on the watch's own context, where its writes must happen, in order. */
    private void follow(SimCluster cluster, long from, Consumer<String> send, Consumer<Handler<Void>> onClose) {
        Context context = Vertx.currentContext();
        Consumer<String> watcher = event -> context.runOnContext(v -> send.accept(event));
        List<String> missed = new ArrayList<>();
        synchronized (cluster) {
            for (int i = 0; i < cluster.pods; i++) {
                if (cluster.podRevision[i] > from) {
                    missed.add(event(cluster, "MODIFIED", i, false));
                }
            }
            cluster.podWatchers.add(watcher);
        }
        missed.forEach(send);
        onClose.accept(v -> cluster.podWatchers.remove(watcher));
    }

    private static long parseLong(String value) {
        try {
            return value == null || value.isBlank() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
