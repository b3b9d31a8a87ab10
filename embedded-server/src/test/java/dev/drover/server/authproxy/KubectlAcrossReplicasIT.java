package dev.drover.server.authproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.engine.ha.HashRing;
import dev.drover.engine.kubeconfig.ClusterAccess;
import dev.drover.engine.kubeconfig.KubeconfigBuilder;
import dev.drover.engine.kubeconfig.KubeconfigRequest;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.User;
import dev.drover.engine.reconcile.clusterconnected.ClusterConnectedReconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamPipes;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one real etcd (sharing a data directory for their CA and {@code secrets.key}, as replicas
 * share them from Secrets); the agent of an imported cluster (in-process, reporting its API server: fabric8's
 * mock) is connected to replica A, while replica B owns the cluster. B marks it connected, reaches it with
 * Drover's own client through the peer link with the agent's replicated report, and the real kubectl
 * pointed at B gets through to the mock.
 */
@Timeout(120)
class KubectlAcrossReplicasIT {

    private static final String AGENT_TOKEN = "agent-service-account-token-42";

    @TempDir
    Path directory;

    private EtcdCluster etcd;
    private DroverServer holder;
    private DroverServer owner;
    private KubeApiMock downstream;
    private Vertx agentVertx;
    private Session agent;
    private String clusterId;

    @BeforeEach
    void start() {
        etcd = EtcdCluster.start(1);
        holder = replica("replica-a");
        owner = replica("replica-b");
        downstream = new KubeApiMock();
        agentVertx = Vertx.vertx();
        // a cluster that replica B owns, so the replica with the agent is not the one reconciling it
        clusterId = IntStream.range(0, 100).mapToObj(i -> "c-far" + i)
                .filter(id -> HashRing.owner(List.of("replica-a", "replica-b"), id).orElseThrow().equals("replica-b"))
                .findFirst().orElseThrow();
        holder.store().create(ObjectKey.of(Cluster.KIND, clusterId), Map.of(),
                new JsonCodec<>(Cluster.class).encode(new Cluster(clusterId, clusterId, Cluster.Type.IMPORTED, "", null)));
        holder.authProxy().credentials().put(clusterId, downstream.url(), "", ProxyFixture.DOWNSTREAM_TOKEN);
        agent = connectAgent(holder, holder.imports().start(clusterId).token());
        await().atMost(Duration.ofSeconds(10)).until(() -> holder.sessions().pick(clusterId).isPresent());
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close("test over");
        }
        owner.close();
        holder.close();
        agentVertx.close().await();
        downstream.close();
        etcd.close();
    }

    private DroverServer replica(String id) {
        return DroverServer.start(ServerConfig.defaults(0, directory.resolve("shared")).withReconnectWait(Duration.ofSeconds(1)),
                HaSettings.etcd(EtcdOptions.of(etcd.clientUrls()), id).withLeaseTtl(Duration.ofSeconds(3)));
    }

    @Test
    void theOwnerSeesTheAgentOnItsPeerAndReachesTheClusterWithTheReplicatedReport() {
        // given: B has no session of its own
        assertThat(owner.sessions().pick(clusterId)).isEmpty();

        // then: B (the owner) writes Connected=True, and it stays so; A, not the owner, does not reconcile it
        await().atMost(Duration.ofSeconds(15)).until(() -> connected().filter("True"::equals).isPresent());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> connected().equals(Optional.of("True")));
        assertThat(owner.engine().reconcilers().running(ClusterConnectedReconciler.NAME).orElseThrow().held()).contains(clusterId);
        assertThat(holder.engine().reconcilers().running(ClusterConnectedReconciler.NAME).orElseThrow().held()).doesNotContain(clusterId);
        // and: B's own client reached the API server through the peer link, with the token only A was told
        await().atMost(Duration.ofSeconds(20)).until(() -> downstream.received.stream()
                .anyMatch(r -> r.header("Authorization").contains("Bearer " + AGENT_TOKEN)));
        assertThat(owner.agents().access(clusterId)).hasValueSatisfying(access -> assertThat(access.bearerToken()).isEqualTo(AGENT_TOKEN));
    }

    @Test
    void theReplicatedReportHoldsTheAgentsTokenOnlySealed() throws Exception {
        // given
        ByteSequence key = ByteSequence.from(EtcdOptions.DEFAULT_PREFIX + "/agents/" + clusterId + "/replica-a", StandardCharsets.UTF_8);
        try (Client client = Client.builder().endpoints(etcd.clientUrls().toArray(URI[]::new)).build()) {
            // when
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getKVClient().get(key).get(5, TimeUnit.SECONDS).getCount() == 1);
            String stored = client.getKVClient().get(key).get(5, TimeUnit.SECONDS).getKvs().getFirst().getValue().toString(StandardCharsets.UTF_8);

            // then: the server URL in clear, the token only sealed; and the entry goes with the agent
            assertThat(stored).contains(downstream.url()).contains("sealedToken").doesNotContain(AGENT_TOKEN);
            agent.close("agent leaves");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.getKVClient().get(key).get(5, TimeUnit.SECONDS).getCount() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> !owner.agents().state(clusterId).reachable());
        }
    }

    @Test
    void kubectlPointedAtTheReplicaWithoutTheAgentGetsThrough() throws Exception {
        // given: a kubeconfig for replica B, which has no session of the cluster's agent
        Principal alice = new Principal("alice", "alice", "ldap", List.of(), false);
        owner.store().create(ObjectKey.of(User.KIND, "alice"), Map.of("provider", "ldap"),
                new JsonCodec<>(User.class).encode(new User("alice", "alice", "", true, "ldap", false)));
        String token = owner.authProxy().tokens().issue(alice, new TokenRequest(Duration.ofHours(1), null, "", "test")).value();
        Path kubeconfig = Files.writeString(directory.resolve("kubeconfig-b"), KubeconfigBuilder.build(new KubeconfigRequest(
                owner.url(), owner.caPem(), "alice", token, List.of(new ClusterAccess(clusterId, clusterId, false, "", "", List.of())),
                true, false)));
        Path manifest = Files.writeString(directory.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: far-away}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.agents().state(clusterId).reachable());

        // when
        ProxyFixture.Kubectl created = kubectl(kubeconfig, "create", "--validate=false", "-f", manifest.toString());
        ProxyFixture.Kubectl listed = kubectl(kubeconfig, "get", "namespaces", "-o", "name");

        // then: through B's auth proxy, the peer link and A's agent to the mock, as alice impersonated
        assertThat(created.exit()).as(created.output()).isZero();
        assertThat(created.output()).contains("namespace/far-away created");
        assertThat(listed.output()).contains("namespace/far-away");
        assertThat(owner.sessions().pick(clusterId)).isEmpty();
        assertThat(downstream.requestsTo("/api/v1/namespaces")).isNotEmpty()
                .anySatisfy(r -> assertThat(r.header("Impersonate-User")).containsExactly("alice"));
    }

    private Optional<String> connected() {
        return owner.store().get(ObjectKey.of(Cluster.KIND, clusterId)).map(new JsonCodec<>(Cluster.class)::decode)
                .filter(c -> c.status() != null)
                .flatMap(c -> c.status().condition(ClusterConnectedReconciler.CONNECTED)).map(c -> c.status());
    }

    private ProxyFixture.Kubectl kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--context", clusterId,
                "--cache-dir", directory.resolve("kube-cache").toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new ProxyFixture.Kubectl(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An agent that dials whatever it is asked and reports the mock as its API server, with its own token. */
    private Session connectAgent(DroverServer server, String registrationToken) {
        WebSocketClient client = agentVertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(server.caPem())))
                .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME));
        NetClient dialer = agentVertx.createNetClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
                .setSsl(true).setURI(TunnelEndpoints.CONNECT_PATH).addHeader(TunnelEndpoints.TOKEN_HEADER, registrationToken)
                .addHeader(TunnelEndpoints.API_SERVER_HEADER, downstream.url())
                .addHeader(TunnelEndpoints.API_TOKEN_HEADER, AGENT_TOKEN);
        Promise<Session> session = Promise.promise();
        agentVertx.getOrCreateContext().runOnContext(v -> client.connect(options).onSuccess(socket -> {
            Session s = WebSocketTransport.attach(socket, Session.Role.AGENT, SessionOptions.DEFAULTS, request -> {
                String target = request.target();
                int colon = target.lastIndexOf(':');
                dialer.connect(SocketAddress.inetSocketAddress(Integer.parseInt(target.substring(colon + 1)), target.substring(0, colon)))
                        .onSuccess(upstream -> StreamPipes.splice(upstream, request.accept()))
                        .onFailure(e -> request.reject("cannot connect to " + target));
            });
            s.closeFuture().onComplete(closed -> client.close());
            session.complete(s);
        }).onFailure(session::fail));
        return session.future().await();
    }
}
