package dev.drover.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import dev.drover.server.api.ServerHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real servers in one JVM as replicas on one real 3-member etcd cluster: what one replica's API writes
 * the other's API serves, the admin created on the first start logs in at either, and exactly one replica
 * leads, the other taking over when it shuts down.
 */
class ReplicaServersIT {

    @TempDir
    Path directory;

    private EtcdCluster etcd;
    private DroverServer first;
    private DroverServer second;

    @BeforeEach
    void start() {
        etcd = EtcdCluster.start(3);
        first = replica("replica-a");
        second = replica("replica-b");
    }

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        etcd.close();
    }

    private DroverServer replica(String id) {
        EtcdOptions options = EtcdOptions.of(etcd.clientUrls());
        return DroverServer.start(ServerConfig.defaults(0, directory.resolve(id)).withReconnectWait(Duration.ofSeconds(1)),
                HaSettings.etcd(options, id).withLeaseTtl(Duration.ofSeconds(3)));
    }

    @Test
    void bothReplicasServeTheSameObjectsAndUsers() throws Exception {
        // given: the admin from the first start, which the second replica shares and does not recreate
        String password = ServerHarness.password(first);
        assertThat(second.takeBootstrapPassword()).isEmpty();

        try (RemoteManagementApi viaFirst = ServerHarness.connect(first, "admin", password);
             RemoteManagementApi viaSecond = ServerHarness.connect(second, "admin", password)) {

            // when
            ClusterSummary created = viaFirst.createCluster(new NewCluster("shared", ClusterKind.IMPORTED, ""))
                    .get(10, TimeUnit.SECONDS);

            // then
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    viaSecond.listClusters().get(10, TimeUnit.SECONDS)).extracting(ClusterSummary::id).contains(created.id()));
        }
    }

    @Test
    void exactlyOneReplicaLeadsAndTheOtherTakesOverWhenItStops() {
        // given
        await().atMost(Duration.ofSeconds(15)).until(() -> leaders().size() == 1);
        DroverServer leader = leaders().getFirst();
        DroverServer follower = leader == first ? second : first;

        // when
        leader.close();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> follower.leadership().isLeader());
    }

    private List<DroverServer> leaders() {
        return List.of(first, second).stream().filter(server -> server.leadership().isLeader()).toList();
    }
}
