package dev.drover.engine.downstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingDownstreamClientsTest {

    @TempDir
    Path directory;
    private SqliteResourceStore store;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean agentConnected = true;
    private CachingDownstreamClients clients;

    @BeforeEach
    void open() {
        store = SqliteResourceStore.open(directory);
        ClusterConnector counting = new ClusterConnector() {
            @Override
            public DownstreamConnection open(Cluster cluster) {
                opened.incrementAndGet();
                KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl("https://" + cluster.id() + ".invalid").build()).build();
                return new DownstreamConnection(client, closed::incrementAndGet);
            }

            @Override
            public void checkReachable(Cluster cluster) {
                if (!agentConnected) {
                    throw new ClusterUnreachableException("no agent");
                }
            }
        };
        clients = new CachingDownstreamClients(store, Map.of(Cluster.Type.IMPORTED, counting)).start();
    }

    @AfterEach
    void close() {
        clients.close();
        store.close();
    }

    @Test
    void oneClientPerClusterSharedUntilTheClusterIsDeleted() {
        // given
        create("c-one01", Cluster.Type.IMPORTED);
        // when
        KubernetesClient first = clients.forCluster("c-one01");
        KubernetesClient second = clients.forCluster("c-one01");
        // then
        assertThat(second).isSameAs(first);
        assertThat(opened).hasValue(1);
        // when
        store.delete(ObjectKey.of(Cluster.KIND, "c-one01"), 0);
        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1 && clients.openCount() == 0);
        assertThatThrownBy(() -> clients.forCluster("c-one01")).isInstanceOf(ClusterUnreachableException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aClusterThatCannotBeReachedNowFailsAtOnceAndATypeWithoutConnectorSaysWhy() {
        // given
        create("c-imp01", Cluster.Type.IMPORTED);
        create("c-rke01", Cluster.Type.RKE);
        KubernetesClient cached = clients.forCluster("c-imp01");
        // when
        agentConnected = false;
        // then
        assertThatThrownBy(() -> clients.forCluster("c-imp01")).isInstanceOf(ClusterUnreachableException.class).hasMessage("no agent");
        assertThatThrownBy(() -> clients.forCluster("c-rke01")).isInstanceOf(ClusterUnreachableException.class)
                .hasMessageContaining("cannot reach rke clusters");
        // when the agent is back, the cached client is still the one
        agentConnected = true;
        assertThat(clients.forCluster("c-imp01")).isSameAs(cached);
        assertThat(opened).hasValue(1);
    }

    @Test
    void closingClosesEveryOpenClient() {
        // given
        create("c-a0001", Cluster.Type.IMPORTED);
        create("c-b0001", Cluster.Type.IMPORTED);
        clients.forCluster("c-a0001");
        clients.forCluster("c-b0001");
        // when
        clients.close();
        // then
        assertThat(closed).hasValue(2);
        assertThatThrownBy(() -> clients.forCluster("c-a0001")).isInstanceOf(ClusterUnreachableException.class);
    }

    private void create(String id, Cluster.Type type) {
        store.create(ObjectKey.of(Cluster.KIND, id), Map.of(), new JsonCodec<>(Cluster.class).encode(new Cluster(id, id, type, "", null)));
    }
}
