package dev.drover.engine.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import io.etcd.jetcd.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replicas register through leased keys on a real etcd; all agree who owns which cluster, before and after changes. */
class ReplicaMembershipTest {

    private static final List<String> CLUSTER_IDS = IntStream.range(0, 200).mapToObj(i -> "cluster-" + i).toList();
    private static EtcdCluster etcd;
    private final List<Client> clients = new ArrayList<>();
    private final List<ReplicaMembership> replicas = new ArrayList<>();

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdCluster.start(1);
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    @AfterEach
    void stop() {
        replicas.forEach(ReplicaMembership::close);
        clients.forEach(Client::close);
    }

    @Test
    void everyClusterHasExactlyOneOwnerAndAllReplicasAgree() throws Exception {
        // given
        for (int i = 0; i < 3; i++) {
            join("r" + i);
        }

        // when
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.stream().allMatch(r -> r.replicas().size() == 3));

        // then
        assertThat(replicas.getFirst().replicas()).containsEntry("r1", "https://r1.peers:9443");
        for (String id : CLUSTER_IDS) {
            assertThat(replicas.stream().filter(r -> r.owns(id)).count()).as(id).isEqualTo(1);
            assertThat(replicas.stream().map(r -> r.ownerOf(id)).distinct()).hasSize(1);
        }
    }

    @Test
    void clustersOfALeavingReplicaMoveAndAJoiningOneTakesItsShare() throws Exception {
        // given
        for (int i = 0; i < 3; i++) {
            join("r" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.stream().allMatch(r -> r.replicas().size() == 3));
        List<Optional<String>> before = CLUSTER_IDS.stream().map(replicas.getFirst()::ownerOf).toList();

        // when: r1 shuts down
        replicas.get(1).close();

        // then: the others see it go and take exactly its clusters
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.get(0).replicas().size() == 2
                && replicas.get(2).replicas().size() == 2);
        for (int i = 0; i < CLUSTER_IDS.size(); i++) {
            Optional<String> after = replicas.getFirst().ownerOf(CLUSTER_IDS.get(i));
            assertThat(after).isNotEqualTo(Optional.of("r1"));
            if (!before.get(i).equals(Optional.of("r1"))) {
                assertThat(after).isEqualTo(before.get(i));
            }
        }

        // when: a new replica joins
        ReplicaMembership newcomer = join("r3");

        // then: it owns about a third, and everyone agrees
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.get(0).replicas().containsKey("r3"));
        long owned = CLUSTER_IDS.stream().filter(newcomer::owns).count();
        assertThat(owned).isBetween(30L, 110L);
        assertThat(CLUSTER_IDS).allMatch(id -> replicas.get(0).ownerOf(id).equals(newcomer.ownerOf(id)));
    }

    @Test
    void aReplicaThatDiesDropsOutWhenItsLeaseExpires() throws Exception {
        // given
        join("alive");
        join("doomed");
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.getFirst().replicas().size() == 2);

        // when: its process dies (client closed, no revoke)
        clients.get(1).close();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> replicas.getFirst().replicas().keySet().equals(java.util.Set.of("alive")));
    }

    private ReplicaMembership join(String id) throws Exception {
        Client client = EtcdOptions.of(etcd.clientUrls()).connect();
        clients.add(client);
        ReplicaMembership membership = new ReplicaMembership(client, "/drover-test/replicas", id,
                "https://" + id + ".peers:9443", Duration.ofSeconds(3)).start();
        replicas.add(membership);
        return membership;
    }
}
