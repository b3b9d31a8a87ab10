package dev.drover.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.agents.ClusterAgentMain;
import dev.drover.agents.NodeAgentMain;
import dev.drover.engine.tunnel.AgentDisconnectedException;
import dev.drover.server.DroverServer;
import dev.drover.server.TunnelPortForwarder;
import dev.drover.tunnel.protocol.TunnelStream;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a separate JVM, real TLS, fabric8's mock API server behind it. */
class AgentTunnelIT {

    @TempDir
    Path directory;

    @Test
    void agentCarriesApiTrafficAndComesBackAfterAServerRestart() throws Exception {
        // given: a server, an imported cluster, its API server, and the agent environment from the import manifest
        Path data = directory.resolve("data");
        DroverServer first = ServerFixture.start(data, 0);
        DroverServer second = null;
        try (MockApiServer api = new MockApiServer()) {
            String cluster = ServerFixture.createImportedCluster(first, "c-agent");
            Map<String, String> env = agentEnvironment(first, cluster, api);
            try (AgentProcess agent = AgentProcess.start(ClusterAgentMain.class.getName(), env, directory)) {
                // when
                await().atMost(Duration.ofSeconds(20)).until(() -> first.sessions().state(cluster).clusterAgent());
                // then: the cluster is Connected and fabric8 reaches its API through the tunnel
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        ServerFixture.connected(first, cluster).orElse("").equals("True/AgentConnected"));
                assertApiReachable(first, cluster, api, "before-restart");
                // and: the agent refuses targets off its allow-list
                assertThatThrownBy(() -> first.dialer().dial(cluster, "127.0.0.1:22").await())
                        .hasMessageContaining("not on this agent's allow-list");

                // when: the server restarts on the same port and data directory
                first.close();
                second = ServerFixture.start(data, first.port());
                long restarted = System.nanoTime();
                DroverServer restartedServer = second;
                // then: the agent is back within 5 s
                await().atMost(Duration.ofSeconds(5)).until(() -> restartedServer.sessions().state(cluster).clusterAgent());
                assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(5));
                assertApiReachable(second, cluster, api, "after-restart");
            }
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void killedAgentFailsItsStreamsPromptlyAndTheNodeAgentTakesOver() throws Exception {
        // given: a cluster agent and a node agent of one cluster
        DroverServer server = ServerFixture.start(directory.resolve("data"), 0);
        try (MockApiServer api = new MockApiServer()) {
            String cluster = ServerFixture.createImportedCluster(server, "c-fault");
            Map<String, String> env = agentEnvironment(server, cluster, api);
            Map<String, String> nodeEnv = new HashMap<>(env);
            nodeEnv.put("DROVER_NODE_NAME", "node-1");
            try (AgentProcess clusterAgent = AgentProcess.start(ClusterAgentMain.class.getName(), env, directory);
                 AgentProcess nodeAgent = AgentProcess.start(NodeAgentMain.class.getName(), nodeEnv, directory)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> server.sessions().state(cluster).clusterAgent()
                        && server.sessions().state(cluster).nodeAgents() == 1);
                List<TunnelStream> streams = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    streams.add(server.dialer().dial(cluster, api.target()).await());
                }

                // when: the cluster agent dies mid-stream
                long killed = System.nanoTime();
                clusterAgent.kill();

                // then: every stream through it fails promptly
                await().atMost(Duration.ofSeconds(3)).until(() -> streams.stream().allMatch(s -> s.closeFuture().failed()));
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(3));
                assertThat(streams.getFirst().closeFuture().cause()).hasMessageContaining("tunnel closed");
                // and: the API is still reachable through the node agent
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        ServerFixture.connected(server, cluster).orElse("").equals("True/NodeAgentFallback"));
                assertApiReachable(server, cluster, api, "via-node-agent");

                // when: the node agent dies too
                nodeAgent.kill();
                // then
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        ServerFixture.connected(server, cluster).orElse("").equals("False/AgentDisconnected"));
                assertThatThrownBy(() -> server.dialer().dial(cluster, api.target()).await())
                        .isInstanceOf(AgentDisconnectedException.class)
                        .hasMessageContaining("agent disconnected").hasMessageContaining(cluster);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void agentWithTheWrongCaChecksumExitsWithAClearMessage() throws Exception {
        // given
        DroverServer server = ServerFixture.start(directory.resolve("data"), 0);
        try (MockApiServer api = new MockApiServer()) {
            String cluster = ServerFixture.createImportedCluster(server, "c-wrongca");
            Map<String, String> env = new HashMap<>(agentEnvironment(server, cluster, api));
            env.put("DROVER_CA_CHECKSUM", "ab".repeat(32));
            // when
            try (AgentProcess agent = AgentProcess.start(ClusterAgentMain.class.getName(), env, directory)) {
                // then
                assertThat(agent.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
                assertThat(agent.output()).contains("Refusing to connect").contains("DROVER_CA_CHECKSUM")
                        .contains("import command");
                assertThat(server.sessions().sessionCount()).isZero();
            }
        } finally {
            server.close();
        }
    }

    private Map<String, String> agentEnvironment(DroverServer server, String cluster, MockApiServer api) throws Exception {
        Map<String, String> env = new HashMap<>(ServerFixture.importAndReadEnvironment(server, cluster));
        env.put("KUBECONFIG", api.writeKubeconfig(directory).toString());
        return env;
    }

    private static void assertApiReachable(DroverServer server, String cluster, MockApiServer api, String name) {
        try (TunnelPortForwarder forwarder = TunnelPortForwarder.start(server.vertx(), server.dialer(), cluster, api.target()).await();
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + forwarder.port())
                             .withRequestTimeout(10_000).withConnectionTimeout(10_000).build())
                     .withHttpClientFactory(new Vertx5HttpClientFactory()).build()) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                    .endMetadata().addToData("via", "tunnel").build()).create();
            assertThat(client.configMaps().inNamespace("default").list().getItems())
                    .anyMatch(cm -> cm.getMetadata().getName().equals(name) && "tunnel".equals(cm.getData().get("via")));
        } catch (CompletionException e) {
            throw e;
        }
    }
}
