package dev.drover.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.ha.HashRing;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.reconcile.clusterhealth.ClusterHealthReconciler;
import dev.drover.engine.reconcile.rbacsync.RbacSyncReconciler;
import dev.drover.engine.reconcile.workloadcache.WorkloadCacheReconciler;
import dev.drover.engine.runtime.ReconcileLoop;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real replicas on a real 3-member etcd split the per-cluster reconcilers by rendezvous hashing of the
 * cluster ids: each cluster is reconciled by its owner only; a replica that joins takes exactly the
 * clusters it now owns; the clusters of a replica killed without a goodbye (a separate JVM, SIGKILL) are
 * taken over by the others once its lease expires.
 */
@Timeout(180)
class ClusterOwnershipIT {

    private static final Duration TTL = Duration.ofSeconds(3);
    private static final List<String> CLUSTERS = IntStream.range(0, 12).mapToObj(i -> "c-own" + i).toList();

    @TempDir
    Path directory;

    private EtcdCluster etcd;
    private final List<DroverServer> servers = new ArrayList<>();
    private Process killed;

    @BeforeEach
    void start() {
        etcd = EtcdCluster.start(3);
    }

    @AfterEach
    void stop() {
        if (killed != null) {
            killed.destroyForcibly();
        }
        servers.reversed().forEach(DroverServer::close);
        etcd.close();
    }

    private DroverServer replica(String id) {
        DroverServer server = DroverServer.start(ServerConfig.defaults(0, directory.resolve(id)).withReconnectWait(Duration.ofSeconds(1)),
                HaSettings.etcd(EtcdOptions.of(etcd.clientUrls()), id).withLeaseTtl(TTL));
        servers.add(server);
        return server;
    }

    /** Direct clusters at a port nothing listens on: their reconcilers run (and fail fast), which is what is watched here. */
    private void createClusters(DroverServer via) {
        JsonCodec<Cluster> codec = new JsonCodec<>(Cluster.class);
        CLUSTERS.forEach(id -> via.store().create(ObjectKey.of(Cluster.KIND, id), Map.of(),
                codec.encode(new Cluster(id, id, Cluster.Type.DIRECT, "https://127.0.0.1:1", null))));
    }

    private static Set<String> ownedBy(String replica, List<String> members) {
        return CLUSTERS.stream().filter(id -> HashRing.owner(members, id).orElseThrow().equals(replica)).collect(Collectors.toSet());
    }

    /** What the replica reconciles now, in two of its per-cluster loops (they must agree). */
    private static Set<String> held(DroverServer server) {
        Set<String> health = server.engine().reconcilers().running(ClusterHealthReconciler.NAME).map(ReconcileLoop::held).orElse(Set.of());
        Set<String> rbac = server.engine().reconcilers().running(RbacSyncReconciler.NAME).map(ReconcileLoop::held).orElse(Set.of());
        return health.equals(rbac) ? health : Set.of("<loops disagree>");
    }

    @Test
    void aJoiningReplicaTakesExactlyTheClustersItNowOwns() {
        // given: two replicas, each reconciling its own share
        DroverServer a = replica("replica-a");
        DroverServer b = replica("replica-b");
        createClusters(a);
        List<String> two = List.of("replica-a", "replica-b");
        await().atMost(Duration.ofSeconds(20)).until(() -> held(a).equals(ownedBy("replica-a", two)) && held(b).equals(ownedBy("replica-b", two)));
        Set<String> aBefore = held(a);
        Set<String> bBefore = held(b);

        // when
        DroverServer c = replica("replica-c");

        // then: c takes its share, a and b release exactly that and keep the rest
        List<String> three = List.of("replica-a", "replica-b", "replica-c");
        Set<String> newcomers = ownedBy("replica-c", three);
        assertThat(newcomers).isNotEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> held(c).equals(newcomers)
                && held(a).equals(ownedBy("replica-a", three)) && held(b).equals(ownedBy("replica-b", three)));
        Set<String> aKept = new HashSet<>(aBefore);
        aKept.removeAll(newcomers);
        Set<String> bKept = new HashSet<>(bBefore);
        bKept.removeAll(newcomers);
        assertThat(held(a)).isEqualTo(aKept);
        assertThat(held(b)).isEqualTo(bKept);
        // and: the workload cache is the exception, following every cluster on every replica (any replica answers reads)
        await().atMost(Duration.ofSeconds(10)).until(() -> c.engine().reconcilers().running(WorkloadCacheReconciler.NAME)
                .orElseThrow().held().equals(Set.copyOf(CLUSTERS)));
    }

    @Test
    void theClustersOfAKilledReplicaAreTakenOverWithinTheLeaseTime() throws Exception {
        // given: a, b here and c in its own JVM, each reconciling its share
        DroverServer a = replica("replica-a");
        DroverServer b = replica("replica-b");
        createClusters(a);
        Path log = directory.resolve("replica-c.log");
        killed = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ReplicaProcessMain.class.getName(),
                directory.resolve("replica-c").toString(), etcd.clientUrls().stream().map(URI::toString).collect(Collectors.joining(",")),
                "replica-c", String.valueOf(TTL.toSeconds()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<String> three = List.of("replica-a", "replica-b", "replica-c");
        Set<String> victims = ownedBy("replica-c", three);
        assertThat(victims).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains(ReplicaProcessMain.READY));
        await().atMost(Duration.ofSeconds(20)).until(() -> held(a).equals(ownedBy("replica-a", three))
                && held(b).equals(ownedBy("replica-b", three)));

        // when: SIGKILL, no resignation
        long killedAt = System.nanoTime();
        killed.destroyForcibly().waitFor();

        // then: once c's lease expires, a and b reconcile every cluster between them, c's included
        List<String> two = List.of("replica-a", "replica-b");
        await().atMost(TTL.plusSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> held(a).equals(ownedBy("replica-a", two))
                && held(b).equals(ownedBy("replica-b", two)));
        long tookMillis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("ClusterOwnershipIT: %d clusters of the killed replica reconciled elsewhere %d ms after SIGKILL (lease TTL %d s)%n",
                victims.size(), tookMillis, TTL.toSeconds());
        assertThat(tookMillis).isLessThan(TTL.plusSeconds(2).toMillis());
    }
}
