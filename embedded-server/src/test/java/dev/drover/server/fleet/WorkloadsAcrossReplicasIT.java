package dev.drover.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.WorkloadBatch;
import dev.drover.engine.api.WorkloadDownstreamDouble;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadSummary;
import dev.drover.engine.api.WorkloadType;
import dev.drover.engine.ha.HashRing;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.reconcile.clusterhealth.ClusterHealthReconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.etcd.EtcdCluster;
import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9, "the console may talk to any replica": two replicas on a real 3-member etcd; an imported
 * cluster (fabric8's mock behind an in-process agent) is owned by replica A and its agent is connected to A.
 * A console attached to replica B — which neither owns the cluster nor holds its agent — lists and watches
 * its workloads and scales one, the scale reaching the cluster through B's client and the peer link.
 */
@Timeout(120)
class WorkloadsAcrossReplicasIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AGENT_TOKEN = "drover-downstream-token";

    @TempDir
    Path directory;

    private EtcdCluster etcd;
    private DroverServer owner;
    private DroverServer other;
    private WorkloadDownstreamDouble downstream;
    private FleetAgent agent;
    private String clusterId;

    @BeforeEach
    void start() {
        etcd = EtcdCluster.start(3);
        owner = replica("replica-a");
        other = replica("replica-b");
        downstream = new WorkloadDownstreamDouble();
        clusterId = IntStream.range(0, 100).mapToObj(i -> "c-wl" + i)
                .filter(id -> HashRing.owner(List.of("replica-a", "replica-b"), id).orElseThrow().equals("replica-a"))
                .findFirst().orElseThrow();
        owner.store().create(ObjectKey.of(Cluster.KIND, clusterId), Map.of(),
                new JsonCodec<>(Cluster.class).encode(new Cluster(clusterId, clusterId, Cluster.Type.IMPORTED, "", null)));
        NewCluster api = downstream.asDirectCluster("only-for-its-address");
        agent = new FleetAgent(URI.create(owner.url()), owner.caPem(), owner.imports().start(clusterId).token(),
                api.apiEndpoint(), AGENT_TOKEN, api.credential().caCertPem()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.sessions().pick(clusterId).isPresent());
    }

    @AfterEach
    void stop() {
        agent.close();
        other.close();
        owner.close();
        downstream.close();
        etcd.close();
    }

    private DroverServer replica(String id) {
        return DroverServer.start(ServerConfig.defaults(0, directory.resolve("shared")).withReconnectWait(Duration.ofSeconds(1))
                        .withWatchHeartbeat(Duration.ofSeconds(1)),
                HaSettings.etcd(EtcdOptions.of(etcd.clientUrls()), id).withLeaseTtl(Duration.ofSeconds(3)));
    }

    @Test
    void aConsoleOnTheReplicaThatOwnsNothingListsWatchesAndScalesTheClustersWorkloads() throws Exception {
        // given: a console on B, which neither owns the cluster nor holds its agent
        other.engine().users().create("ops", "Ops", "ops-password-123".toCharArray(), false);
        WorkloadRef web = new WorkloadRef(clusterId, WorkloadType.DEPLOYMENT, "shop", "web");
        WorkloadQuery shop = new WorkloadQuery(clusterId, "", "shop", false);
        try (RemoteManagementApi console = RemoteManagementApi.connect(URI.create(other.url()), CaPin.fingerprint(other.caChecksum()),
                Credentials.password("ops", "ops-password-123".toCharArray()))) {
            // when / then: B lists the workloads, their pods and the cluster's namespaces
            await().atMost(WAIT).ignoreExceptions().until(() -> console.listWorkloads(shop).get(10, TimeUnit.SECONDS).size() == 2);
            assertThat(console.listWorkloads(shop).get(10, TimeUnit.SECONDS)).extracting(w -> w.ref().name())
                    .containsExactlyInAnyOrder("web", "guarded");
            assertThat(console.listPods(web).get(10, TimeUnit.SECONDS)).hasSize(2);
            assertThat(console.listNamespaces(clusterId).get(10, TimeUnit.SECONDS)).anySatisfy(ns -> assertThat(ns.name()).isEqualTo("shop"));
            assertThat(other.sessions().pick(clusterId)).isEmpty();
            assertThat(other.engine().reconcilers().running(ClusterHealthReconciler.NAME).orElseThrow().held()).doesNotContain(clusterId);

            // when: B's watcher is open and the deployment changes downstream
            List<WorkloadBatch> batches = new CopyOnWriteArrayList<>();
            Subscription watch = console.watchWorkloads(shop, batches::add);
            await().atMost(WAIT).until(() -> batches.stream().anyMatch(WorkloadBatch::snapshot));
            downstream.client().apps().deployments().inNamespace("shop").withName("web").edit(d -> {
                d.getSpec().setReplicas(5);
                return d;
            });
            // then: the change arrives at B's watcher
            await().atMost(WAIT).until(() -> desiredSeen(batches, 5));

            // when: the console scales through B
            console.scaleWorkload(web, 3).get(20, TimeUnit.SECONDS);

            // then: B's client reached the cluster through the peer link and A's agent, acting as ops
            assertThat(downstream.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(3);
            RecordedRequest scale = downstream.changes().stream()
                    .filter(r -> r.getMethod().equals("PATCH") && r.getPath().startsWith("/apis/apps/v1/namespaces/shop/deployments/web"))
                    .filter(r -> r.getHeader("Impersonate-User") != null) // not the double's own edit above
                    .findFirst().orElseThrow();
            assertThat(scale.getHeader("Impersonate-User")).isEqualTo("ops");
            assertThat(scale.getHeader("Authorization")).isEqualTo("Bearer " + AGENT_TOKEN);
            assertThat(other.sessions().pick(clusterId)).isEmpty();
            await().atMost(WAIT).until(() -> desiredSeen(batches, 3));
            watch.close();
        }
    }

    private static boolean desiredSeen(List<WorkloadBatch> batches, int desired) {
        return batches.stream().flatMap(b -> b.changed().stream()).anyMatch(w -> w.ref().name().equals("web") && w.desired() == desired);
    }
}
