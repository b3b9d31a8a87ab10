package dev.drover.engine.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import io.etcd.jetcd.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three replicas (each with its own etcd client, as separate processes would have) campaign on a real
 * etcd cluster. A replica is "killed" by closing its client without resigning: keep-alives stop, exactly
 * as when the process dies, and etcd must wait for the lease to expire.
 */
class EtcdLeadershipTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    private EtcdCluster cluster;
    private final List<Client> clients = new ArrayList<>();
    private final List<EtcdLeadership> replicas = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = EtcdCluster.start(3);
        for (int i = 0; i < 3; i++) {
            Client client = EtcdOptions.of(cluster.clientUrls()).connect();
            clients.add(client);
            replicas.add(new EtcdLeadership(client, "/drover-test/leader", "replica-" + i, TTL).start());
        }
    }

    @AfterEach
    void stop() {
        replicas.forEach(EtcdLeadership::close);
        clients.forEach(Client::close);
        cluster.close();
    }

    @Test
    void exactlyOneReplicaLeadsAndEtcdAgrees() {
        // when
        await().atMost(Duration.ofSeconds(15)).until(() -> leaders().size() == 1);

        // then
        EtcdLeadership leader = leaders().getFirst();
        assertThat(leader.currentLeader()).contains("replica-" + replicas.indexOf(leader));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> leaders().size() == 1);
    }

    @Test
    void whenTheLeaderDiesAnotherTakesOverWithinTheLeaseTimeAndNeverTwoLead() throws InterruptedException {
        // given: one leader, and a sampler that notices any moment with two
        await().atMost(Duration.ofSeconds(15)).until(() -> leaders().size() == 1);
        EtcdLeadership old = leaders().getFirst();
        AtomicInteger twoLeaders = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().start(() -> {
            while (sampling.get()) {
                if (leaders().size() > 1) {
                    twoLeaders.incrementAndGet();
                }
                Thread.onSpinWait();
            }
        });

        // when: the leader's process "dies"
        long killed = System.nanoTime();
        clients.get(replicas.indexOf(old)).close();

        // then: another replica leads within the lease time (plus election slack), never two at once
        await().atMost(Duration.ofSeconds(15)).until(() -> leaders().size() == 1 && leaders().getFirst() != old);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        sampling.set(false);
        sampler.join();
        System.out.printf("leader takeover after a killed leader: %d ms (lease TTL %d s)%n", takeover.toMillis(), TTL.toSeconds());
        assertThat(takeover).isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(old.isLeader()).isFalse();
        assertThat(twoLeaders).hasValue(0);
    }

    @Test
    void aLeaderThatShutsDownHandsOverAtOnce() {
        // given
        await().atMost(Duration.ofSeconds(15)).until(() -> leaders().size() == 1);
        EtcdLeadership old = leaders().getFirst();
        List<Boolean> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        old.onChange(changes::add);

        // when
        old.close();

        // then: well under the lease TTL, because it resigned and revoked its lease
        await().atMost(Duration.ofSeconds(3)).until(() -> leaders().size() == 1 && leaders().getFirst() != old);
        assertThat(changes).containsExactly(true, false);
    }

    private List<EtcdLeadership> leaders() {
        return replicas.stream().filter(EtcdLeadership::isLeader).toList();
    }
}
