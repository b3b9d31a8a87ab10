package dev.drover.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.WorkloadBatch;
import dev.drover.engine.api.WorkloadDownstreamDouble;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadSummary;
import dev.drover.engine.api.WorkloadType;
import dev.drover.server.DroverServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a server has: many users, each acting downstream as themselves, and watches over a network that drops. */
class RemoteWorkloadsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path data;
    private static DroverServer server;
    private static String adminPassword;
    private RemoteManagementApi admin;
    private WorkloadDownstreamDouble downstream;
    private String clusterId;

    @BeforeAll
    static void startServer() {
        server = ServerHarness.start(data, 0);
        adminPassword = ServerHarness.password(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void registerTheDownstreamCluster() throws Exception {
        admin = ServerHarness.connect(server, "admin", adminPassword);
        downstream = new WorkloadDownstreamDouble();
        clusterId = admin.createCluster(downstream.asDirectCluster("shared-" + System.nanoTime())).get(20, TimeUnit.SECONDS).id();
        await().atMost(WAIT).until(() -> admin.listWorkloads(new WorkloadQuery(clusterId, "", "", false)).get().size() == 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        admin.deleteCluster(clusterId).get(20, TimeUnit.SECONDS);
        admin.close();
        downstream.close();
    }

    @Test
    void aUserWhoIsNotAnAdministratorActsDownstreamAsThemselves() throws Exception {
        // given: a local user who may not change Drover itself
        server.engine().users().create("dev", "Dev", "dev-password-123".toCharArray(), false);
        try (RemoteManagementApi console = ServerHarness.connect(server, "dev", "dev-password-123")) {
            WorkloadRef web = new WorkloadRef(clusterId, WorkloadType.DEPLOYMENT, "shop", "web");
            // when
            console.scaleWorkload(web, 3).get(20, TimeUnit.SECONDS);
            ApiException refused = failureOf(console, new WorkloadRef(clusterId, WorkloadType.DEPLOYMENT, "shop", "guarded"));
            // then: the cluster saw dev, with dev's groups and Drover's extras, and decided
            RecordedRequest scale = downstream.changes().stream()
                    .filter(r -> r.getMethod().equals("PATCH") && r.getPath().startsWith("/apis/apps/v1/namespaces/shop/deployments/web"))
                    .findFirst().orElseThrow();
            assertThat(scale.getHeader("Impersonate-User")).isEqualTo("dev");
            assertThat(scale.getHeaders().headers("Impersonate-Group")).containsExactly("system:authenticated");
            assertThat(scale.getHeader("Impersonate-Extra-drover.dev%2Fprovider")).isEqualTo("local");
            assertThat(scale.getHeader("Impersonate-Extra-drover.dev%2Ftoken-id")).startsWith("token-");
            assertThat(scale.getHeader("Authorization")).isEqualTo("Bearer drover-downstream-token");
            assertThat(downstream.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(3);
            assertThat(refused.reason()).isEqualTo(ApiException.Reason.FORBIDDEN);
            assertThat(refused).hasMessageContaining("user dev").hasMessageContaining("forbidden");
        }
    }

    @Test
    void aWatchCutOffByTheNetworkResumesWithOnlyWhatChanged() throws Exception {
        // given
        try (CuttingProxy link = new CuttingProxy(server.port());
             RemoteManagementApi console = RemoteManagementApi.connect(URI.create("https://127.0.0.1:" + link.port()),
                     CaPin.fingerprint(server.caChecksum()), Credentials.password("admin", adminPassword.toCharArray()))) {
            List<WorkloadBatch> batches = new CopyOnWriteArrayList<>();
            Subscription watch = console.watchWorkloads(new WorkloadQuery(clusterId, "", "shop", false), batches::add);
            await().atMost(WAIT).until(() -> !batches.isEmpty());
            // when: the link goes down, one deployment goes and another changes meanwhile, and the link comes back
            link.cut();
            downstream.client().apps().deployments().inNamespace("shop").withName("guarded").delete();
            downstream.client().apps().deployments().inNamespace("shop").withName("web").edit(d -> {
                d.getSpec().setReplicas(6);
                return d;
            });
            await().atMost(WAIT).until(() -> admin.listWorkloads(new WorkloadQuery(clusterId, "", "shop", false)).get().size() == 1);
            link.heal();
            // then: one ordinary batch with the difference; nothing unchanged is sent again
            await().atMost(WAIT).until(() -> batches.size() >= 2);
            assertThat(batches).hasSize(2);
            assertThat(batches.get(0).snapshot()).isTrue();
            WorkloadBatch resumed = batches.get(1);
            assertThat(resumed.snapshot()).isFalse();
            assertThat(resumed.deleted()).extracting(WorkloadRef::name).containsExactly("guarded");
            assertThat(resumed.changed()).extracting(WorkloadSummary::desired).containsExactly(6);
            watch.close();
        }
    }

    private static ApiException failureOf(RemoteManagementApi console, WorkloadRef ref) {
        try {
            console.deleteWorkload(ref).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (ApiException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a refusal");
    }
}
