package dev.drover.server.authproxy;

import dev.drover.engine.auth.IssuedToken;
import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.engine.authproxy.ProxySettings;
import dev.drover.engine.kubeconfig.ClusterAccess;
import dev.drover.engine.kubeconfig.KubeconfigBuilder;
import dev.drover.engine.kubeconfig.KubeconfigRequest;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.User;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.server.DroverServer;
import dev.drover.server.ServerConfig;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamPipes;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running server (real TLS from its own CA) with the auth proxy, a user, and helpers to register
 * clusters (direct, or behind an in-process agent), issue tokens, write kubeconfigs and run kubectl.
 */
final class ProxyFixture implements AutoCloseable {

    static final String DOWNSTREAM_TOKEN = "impersonator-token-0123456789";

    final DroverServer server;
    final Path directory;
    private final List<Session> agents = new ArrayList<>();

    ProxyFixture(Path directory, long maxBodyBytes) {
        this.directory = directory;
        this.server = DroverServer.start(ServerConfig.defaults(0, directory.resolve("data"))
                .withReconnectWait(Duration.ofMillis(500))
                .withProxy(ProxySettings.DEFAULTS.withMaxRequestBodyBytes(maxBodyBytes)));
    }

    /** A user of an external provider (no password needed), enabled. */
    Principal user(String name, List<String> groups) {
        User user = new User(name, name, "", true, "ldap", false);
        server.store().create(ObjectKey.of(User.KIND, name), Map.of("provider", "ldap"), new JsonCodec<>(User.class).encode(user));
        return new Principal(name, name, "ldap", groups, false);
    }

    IssuedToken token(Principal principal, String clusterScope) {
        return server.authProxy().tokens().issue(principal, new TokenRequest(Duration.ofHours(1), null, clusterScope, "test"));
    }

    /** A cluster Drover reaches directly at {@code url}, with its impersonating credential. */
    void directCluster(String id, String url, String caPem) {
        cluster(new Cluster(id, id, Cluster.Type.DIRECT, url, null));
        server.authProxy().credentials().put(id, "", caPem, DOWNSTREAM_TOKEN);
    }

    /** An imported cluster whose API server is {@code url} as its agent sees it, and that agent, in-process. */
    void tunnelCluster(String id, String url, String caPem) {
        cluster(new Cluster(id, id, Cluster.Type.IMPORTED, "", null));
        server.authProxy().credentials().put(id, url, caPem, DOWNSTREAM_TOKEN);
        agents.add(connectAgent(server.imports().start(id).token()));
    }

    /** An imported cluster with its credential whose agent never connects. */
    void tunnelClusterWithoutAgent(String id, String url) {
        cluster(new Cluster(id, id, Cluster.Type.IMPORTED, "", null));
        server.authProxy().credentials().put(id, url, "", DOWNSTREAM_TOKEN);
    }

    private void cluster(Cluster cluster) {
        server.store().create(ObjectKey.of(Cluster.KIND, cluster.id()), Map.of(), new JsonCodec<>(Cluster.class).encode(cluster));
    }

    /** An agent that dials whatever the server asks (these tests are not about the allow-list). */
    private Session connectAgent(String registrationToken) {
        Vertx vertx = server.vertx();
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(server.caPem())))
                .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME));
        NetClient dialer = vertx.createNetClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
                .setSsl(true).setURI(TunnelEndpoints.CONNECT_PATH).addHeader(TunnelEndpoints.TOKEN_HEADER, registrationToken);
        Promise<Session> session = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> client.connect(options).onSuccess(socket -> {
            Session s = WebSocketTransport.attach(socket, Session.Role.AGENT, SessionOptions.DEFAULTS, request -> {
                String target = request.target();
                int colon = target.lastIndexOf(':');
                dialer.connect(SocketAddress.inetSocketAddress(Integer.parseInt(target.substring(colon + 1)), target.substring(0, colon)))
                        .onSuccess(upstream -> StreamPipes.splice(upstream, request.accept()))
                        .onFailure(e -> request.reject("cannot connect to " + target));
            });
            // Vert.x 5 closes clients nothing refers to: the session keeps its client
            s.closeFuture().onComplete(closed -> client.close());
            session.complete(s);
        }).onFailure(session::fail));
        return session.future().await();
    }

    String proxyUrl(String clusterId) {
        return server.url() + "/k8s/clusters/" + clusterId;
    }

    /** A kubeconfig with one proxy context per cluster, built as users get it. */
    Path kubeconfig(String token, String... clusterIds) throws IOException {
        List<ClusterAccess> clusters = java.util.Arrays.stream(clusterIds)
                .map(id -> new ClusterAccess(id, id, false, "", "", List.of())).toList();
        String yaml = KubeconfigBuilder.build(new KubeconfigRequest(server.url(), server.caPem(), "alice", token, clusters, true, false));
        Path file = directory.resolve("kubeconfig-" + clusterIds[0] + "-" + Math.abs(token.hashCode()));
        Files.writeString(file, yaml);
        return file;
    }

    /** HTTPS client trusting the server's CA. */
    HttpClient httpClient() {
        return server.vertx().createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(server.caPem()))));
    }

    /** kubectl's exit code and combined output. */
    record Kubectl(int exit, String output) {
    }

    Kubectl kubectl(Path kubeconfig, String context, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--context", context,
                "--cache-dir", directory.resolve("kube-cache").toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Kubectl(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        agents.forEach(a -> a.close("test over"));
        server.close();
    }
}
