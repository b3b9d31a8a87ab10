package dev.drover.server.ha;

import dev.drover.engine.api.MockServerShutdown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.DirectCredential;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.credential.SecretCipher;
import dev.drover.engine.ha.HashRing;
import dev.drover.engine.model.DownstreamSecret;
import dev.drover.engine.reconcile.clusterhealth.ClusterHealthReconciler;
import dev.drover.engine.runtime.ReconcileLoop;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on a real 3-member etcd, each with its own data directory (only {@code secrets.key} shared, as
 * the deployment mounts it): a direct cluster registered through replica A, with a token, is reached by
 * replica B, its owner, with the credential from the shared store — B never saw the token, and A's disk holds
 * no credential file. The downstream is fabric8's mock over HTTPS, answering only with that token.
 */
@Timeout(120)
class DirectClusterAcrossReplicasIT {

    private static final String TOKEN = "direct-token-across-replicas-91c";
    private static final List<String> REPLICAS = List.of("replica-a", "replica-b");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private EtcdCluster etcd;
    private final List<DroverServer> servers = new ArrayList<>();
    private KubernetesMockServer downstream;
    private KubernetesClient seeding;
    private final AtomicInteger withToken = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        etcd = EtcdCluster.start(3);
        downstream = tokenCheckingDownstream();
    }

    @AfterEach
    void stop() {
        servers.reversed().forEach(DroverServer::close);
        if (seeding != null) {
            seeding.close();
        }
        if (downstream != null) {
            MockServerShutdown.stop(downstream);
        }
        etcd.close();
    }

    /** A fabric8 mock API server (HTTPS, one Ready node) that answers 401 to any request without {@link #TOKEN}. */
    private KubernetesMockServer tokenCheckingDownstream() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMixedDispatcher mixed = new KubernetesMixedDispatcher(expectations);
        AtomicBoolean guarded = new AtomicBoolean();
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (guarded.get()) {
                    if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
                        return new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Unauthorized\",\"code\":401}");
                    }
                    withToken.incrementAndGet();
                }
                return mixed.dispatch(request);
            }
        };
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, true,
                new VersionInfo.Builder().withGitVersion("v1.31.4").withMajor("1").withMinor("31").build());
        server.init(InetAddress.getLoopbackAddress(), 0);
        seeding = server.createClient();
        seeding.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToAllocatable("cpu", new Quantity("4")).endStatus().build()).create();
        guarded.set(true);
        return server;
    }

    private DroverServer replica(String id) {
        DroverServer server = DroverServer.start(ServerConfig.defaults(0, directory.resolve(id)).withReconnectWait(Duration.ofSeconds(1)),
                HaSettings.etcd(EtcdOptions.of(etcd.clientUrls()), id).withLeaseTtl(Duration.ofSeconds(3)));
        servers.add(server);
        return server;
    }

    private static Set<String> held(DroverServer server) {
        return server.engine().reconcilers().running(ClusterHealthReconciler.NAME).map(ReconcileLoop::held).orElse(Set.of());
    }

    private static String state(DroverServer server, String clusterId) throws Exception {
        return get(server.api().listClusters()).stream().filter(c -> c.id().equals(clusterId)).findFirst()
                .map(ClusterSummary::state).orElse("");
    }

    @Test
    void aDirectClusterCreatedThroughOneReplicaIsReachedByItsOwner() throws Exception {
        // given: two replicas sharing etcd and secrets.key, nothing else
        DroverServer a = replica("replica-a");
        Files.createDirectories(directory.resolve("replica-b"));
        Files.copy(directory.resolve("replica-a").resolve(SecretCipher.KEY_FILE), directory.resolve("replica-b").resolve(SecretCipher.KEY_FILE));
        DroverServer b = replica("replica-b");
        String caPem = Files.readString(Path.of(downstream.getSelfSignedCertificate().certificatePath()));
        String url = "https://localhost:" + downstream.getPort();

        // when: direct clusters are registered through A until one is owned by B (each id is owned by one of the two)
        String clusterId = null;
        for (int attempt = 0; attempt < 16 && clusterId == null; attempt++) {
            ClusterSummary created = get(a.api().createCluster(new NewCluster("direct-" + attempt, ClusterKind.DIRECT, url,
                    new DirectCredential(TOKEN, caPem))));
            if (HashRing.owner(REPLICAS, created.id()).orElseThrow().equals("replica-b")) {
                clusterId = created.id();
            }
        }
        assertThat(clusterId).as("a cluster owned by replica B").isNotNull();
        String id = clusterId;

        // then: B reconciles it, A does not, and B's own client reaches the API server with the token
        await().atMost(WAIT).until(() -> held(b).contains(id) && !held(a).contains(id));
        await().atMost(WAIT).until(() -> state(b, id).equals("Active"));
        assertThat(b.downstream().forCluster(id).getKubernetesVersion().getGitVersion()).isEqualTo("v1.31.4");
        assertThat(withToken.get()).isPositive();
        // and: the token is in etcd only sealed, and on no replica's disk
        String stored = b.store().get(ObjectKey.of(DownstreamSecret.KIND, id)).orElseThrow().body();
        assertThat(stored).contains("sealedToken").doesNotContain(TOKEN);
        assertThat(directory.resolve("replica-a/credentials/" + id + ".json")).doesNotExist();

        // when: the cluster is deleted through B
        get(b.api().deleteCluster(id));
        // then: its credential goes with it
        assertThat(a.store().get(ObjectKey.of(DownstreamSecret.KIND, id))).isEmpty();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }
}
