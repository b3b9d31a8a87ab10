package dev.drover.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import dev.drover.tunnel.protocol.TunnelStream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9's third fault: the replica holding an agent dies. Two replicas on one real etcd sit behind a
 * test double of a load balancer (a TCP relay to the first replica that accepts); a reconnecting agent
 * ({@link FleetAgent}) reaches the first; streams dialled on the second go over the peer link. Then the
 * first replica stops: the agent reconnects through the relay to the second, and streams work again.
 */
class AgentFailoverIT {

    private static final String CLUSTER = "c-failover";

    @TempDir
    Path directory;

    private final Vertx vertx = Vertx.vertx();
    private EtcdCluster etcd;
    private DroverServer first;
    private DroverServer second;
    private NetServer echo;
    private NetServer balancer;
    private FleetAgent agent;

    @BeforeEach
    void start() {
        etcd = EtcdCluster.start(1);
        first = replica("replica-a");
        second = replica("replica-b");
        echo = vertx.createNetServer().connectHandler(socket -> socket.pipeTo(socket)).listen(0, "127.0.0.1").await();
        balancer = loadBalancerDouble(List.of(first.port(), second.port()));
        first.store().create(ObjectKey.of(Cluster.KIND, CLUSTER), Map.of(), new JsonCodec<>(Cluster.class)
                .encode(new Cluster(CLUSTER, "failover", Cluster.Type.IMPORTED, "", null)));
        String token = first.imports().start(CLUSTER).token();
        agent = new FleetAgent(URI.create("https://localhost:" + balancer.actualPort()), first.caPem(), token,
                "https://localhost:" + echo.actualPort(), "api-token", first.caPem()).start();
    }

    @AfterEach
    void stop() {
        agent.close();
        second.close();
        first.close();
        vertx.close().await();
        etcd.close();
    }

    private DroverServer replica(String id) {
        return DroverServer.start(ServerConfig.defaults(0, directory.resolve("shared")).withReconnectWait(Duration.ofSeconds(1)),
                HaSettings.etcd(EtcdOptions.of(etcd.clientUrls()), id).withLeaseTtl(Duration.ofSeconds(3)));
    }

    @Test
    void whenTheReplicaHoldingTheAgentDiesTheAgentMovesAndStreamsWorkAgainWithinTenSeconds() throws Exception {
        // given: the agent is on the first replica, and the second reaches it over the peer link
        await().atMost(Duration.ofSeconds(10)).until(() -> first.sessions().state(CLUSTER).reachable());
        assertThat(second.sessions().state(CLUSTER).reachable()).isFalse();
        assertThat(echoes(second, "via the peer")).isTrue();

        // when
        long stopping = System.nanoTime();
        first.close();
        long stopped = System.nanoTime();

        // then: counted from the end of the shutdown, when a killed process would be gone too
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> echoes(second, "after failover"));
        long recovered = System.nanoTime();
        System.out.printf("replica shutdown took %d ms; streams through the surviving replica again %d ms after it%n",
                (stopped - stopping) / 1_000_000, (recovered - stopped) / 1_000_000);
        assertThat(second.sessions().state(CLUSTER).reachable()).isTrue();
    }

    /** Dials the agent's API-server target through {@code replica} and checks the bytes come back. */
    private boolean echoes(DroverServer replica, String message) throws Exception {
        TunnelStream stream = replica.dialer().dial(CLUSTER, "localhost:" + echo.actualPort()).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        StringBuffer received = new StringBuffer();
        stream.handler(buffer -> received.append(buffer.toString()));
        stream.write(Buffer.buffer(message));
        try {
            await().atMost(Duration.ofSeconds(3)).until(() -> received.toString().equals(message));
            return true;
        } finally {
            stream.end();
        }
    }

    /** A test double of a TCP load balancer: each connection goes to the first backend that accepts it. */
    private NetServer loadBalancerDouble(List<Integer> backends) {
        NetClient client = vertx.createNetClient();
        return vertx.createNetServer().connectHandler(inbound -> {
            inbound.pause();
            relay(client, inbound, backends, 0);
        }).listen(0, "127.0.0.1").await();
    }

    private static void relay(NetClient client, NetSocket inbound, List<Integer> backends, int index) {
        if (index == backends.size()) {
            inbound.close();
            return;
        }
        client.connect(backends.get(index), "127.0.0.1").onSuccess(outbound -> {
            inbound.pipeTo(outbound);
            outbound.pipeTo(inbound);
            inbound.resume();
        }).onFailure(e -> relay(client, inbound, backends, index + 1));
    }
}
