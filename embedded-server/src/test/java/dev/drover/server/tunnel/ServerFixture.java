package dev.drover.server.tunnel;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.tunnel.ImportInstructions;
import dev.drover.server.DroverServer;
import dev.drover.server.ServerConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/** A running server with one imported cluster, and helpers to read what the import flow hands out. */
final class ServerFixture {

    private ServerFixture() {
    }

    static DroverServer start(Path dataDirectory, int port) {
        return DroverServer.start(ServerConfig.defaults(port, dataDirectory).withReconnectWait(Duration.ofSeconds(1)));
    }

    static String createImportedCluster(DroverServer server, String id) {
        Cluster cluster = new Cluster(id, "imported " + id, Cluster.Type.IMPORTED, "", null);
        server.store().create(ObjectKey.of(Cluster.KIND, id), Map.of(), new JsonCodec<>(Cluster.class).encode(cluster));
        return id;
    }

    static Cluster cluster(DroverServer server, String id) {
        return server.store().get(ObjectKey.of(Cluster.KIND, id)).map(new JsonCodec<>(Cluster.class)::decode).orElseThrow();
    }

    static Optional<String> connected(DroverServer server, String id) {
        return cluster(server, id).status().conditions().stream().filter(c -> c.type().equals("Connected"))
                .map(c -> c.status() + "/" + c.reason()).findFirst();
    }

    /** GET over TLS trusting only the server's CA. */
    static HttpResult get(DroverServer server, String url) {
        var client = server.vertx().createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(server.caPem()))));
        try {
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url))
                    .compose(r -> r.send().compose(response -> response.body()
                            .map(body -> new HttpResult(response.statusCode(), body.toString(StandardCharsets.UTF_8)))))
                    .await();
        } finally {
            client.close().await();
        }
    }

    record HttpResult(int status, String body) { }

    /** The agent environment the import manifest sets: the Deployment's env, the token from its Secret. */
    @SuppressWarnings("unchecked")
    static Map<String, String> agentEnvironment(String manifest) {
        Map<String, String> env = new HashMap<>();
        for (Object document : new Yaml().loadAll(manifest)) {
            Map<String, Object> object = (Map<String, Object>) document;
            if ("Secret".equals(object.get("kind")) && object.get("data") != null) {
                String token = (String) ((Map<String, Object>) object.get("data")).get("token");
                env.put("DROVER_TOKEN", new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
            }
            if ("Deployment".equals(object.get("kind"))) {
                Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) object
                        .get("spec")).get("template")).get("spec");
                var container = ((List<Map<String, Object>>) pod.get("containers")).getFirst();
                for (Map<String, Object> var : (List<Map<String, Object>>) container.get("env")) {
                    if (var.get("value") != null) {
                        env.put((String) var.get("name"), (String) var.get("value"));
                    }
                }
            }
        }
        return env;
    }

    static Map<String, String> importAndReadEnvironment(DroverServer server, String clusterId) {
        ImportInstructions instructions = server.imports().start(clusterId);
        HttpResult manifest = get(server, instructions.manifestUrl());
        if (manifest.status() != 200) {
            throw new AssertionError("manifest: " + manifest);
        }
        return agentEnvironment(manifest.body());
    }
}
