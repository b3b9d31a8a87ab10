package dev.drover.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.ha.PeerServer;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.TunnelStream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server replicas in one JVM on one real etcd, sharing a data directory for their CA (as replicas share
 * an operator's certificate). An agent (protocol-level, echoing every stream) connects to the first; streams
 * dialled on the second reach it over the authenticated peer link.
 */
class TunnelPeeringIT {

    @TempDir
    Path directory;

    private EtcdCluster etcd;
    private DroverServer holder;
    private DroverServer other;
    private Vertx agentVertx;
    private Session agent;

    @BeforeEach
    void start() {
        etcd = EtcdCluster.start(1);
        holder = replica("replica-a");
        other = replica("replica-b");
        agentVertx = Vertx.vertx();
        String cluster = ServerFixture.createImportedCluster(holder, "c-peer");
        String token = holder.imports().start(cluster).token();
        agent = InProcessAgent.connect(agentVertx, holder, token, null, InProcessAgent::echoOrStall).await();
        await().atMost(Duration.ofSeconds(10)).until(() -> holder.sessions().pick("c-peer").isPresent());
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close("test over");
        }
        other.close();
        holder.close();
        agentVertx.close().await();
        etcd.close();
    }

    private DroverServer replica(String id) {
        return DroverServer.start(ServerConfig.defaults(0, directory.resolve("shared")).withReconnectWait(Duration.ofSeconds(1)),
                HaSettings.etcd(EtcdOptions.of(etcd.clientUrls()), id).withLeaseTtl(Duration.ofSeconds(3)));
    }

    @Test
    void aStreamDialledOnAReplicaWithoutTheAgentGoesThroughThePeerThatHasIt() {
        // given: the other replica has no session of its own for the cluster
        assertThat(other.sessions().pick("c-peer")).isEmpty();

        // when
        TunnelStream stream = other.dialer().dial("c-peer", "kubernetes.default:443").await();
        StringBuilder echoed = new StringBuilder();
        stream.handler(buffer -> {
            synchronized (echoed) {
                echoed.append(buffer.toString());
            }
        });
        stream.write(Buffer.buffer("hello through the peer"));

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (echoed) {
                return echoed.toString().equals("hello through the peer");
            }
        });
        stream.end();
    }

    @Test
    void manyStreamsAtOnceAllArrive() {
        // when: 50 concurrent streams over the one peer link
        AtomicInteger complete = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            String message = "message-" + i;
            other.dialer().dial("c-peer", "svc:80").onSuccess(stream -> {
                StringBuilder echoed = new StringBuilder();
                stream.handler(buffer -> {
                    echoed.append(buffer.toString());
                    if (echoed.toString().equals(message)) {
                        complete.incrementAndGet();
                        stream.end();
                    }
                });
                stream.write(Buffer.buffer(message));
            });
        }

        // then
        await().atMost(Duration.ofSeconds(15)).untilAtomic(complete, org.hamcrest.Matchers.equalTo(50));
    }

    @Test
    void aPeerLinkWithoutTheRightTokenIsRefused() {
        // given
        URI url = URI.create(holder.url());
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
                .setSsl(true).setURI(PeerServer.PATH)
                .addHeader(PeerServer.PEER_HEADER, "replica-b")
                .addHeader(PeerServer.TOKEN_HEADER, "guessed");

        // when / then
        assertThatThrownBy(() -> InProcessAgent.client(agentVertx, holder).connect(options).await())
                .hasMessageContaining("401");
    }

    @Test
    void whenNoReplicaHasAnAgentTheDialWaitsHereAsUsualThenFailsClearly() {
        // the agent may be reconnecting to this very replica, so after asking the peers it waits the usual time
        assertThatThrownBy(() -> other.dialer().dial("c-nobody", "svc:80").await())
                .isInstanceOf(dev.drover.engine.tunnel.AgentDisconnectedException.class)
                .hasMessageContaining("has no connected agent");
    }
}
