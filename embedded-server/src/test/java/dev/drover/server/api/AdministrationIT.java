package dev.drover.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.ClusterEvent;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.ClusterDetail;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.NewMember;
import dev.drover.engine.api.NewProject;
import dev.drover.engine.api.NewUser;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.api.UserSummary;
import dev.drover.engine.model.NodePool;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.server.DroverServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a server has for the administration calls: who may change what (administrators everything,
 * cluster owners their cluster, members nothing) and event watches that survive a dropped connection.
 */
class AdministrationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path data;
    private static DroverServer server;
    private static String adminPassword;

    @BeforeAll
    static void startServer() {
        System.setProperty(dev.drover.engine.store.DataDirectories.PROPERTY, data.resolve("console").toString());
        server = ServerHarness.start(data, 0);
        adminPassword = ServerHarness.password(server);
    }

    @AfterAll
    static void stopServer() {
        System.clearProperty(dev.drover.engine.store.DataDirectories.PROPERTY);
        server.close();
    }

    /** A node pool straight into the server's store (no API creates pools yet); its template does not exist. */
    static void seedNodePool(DroverServer server, String clusterId, String poolId, int quantity) {
        NodePool pool = new NodePool(clusterId, poolId, "no-such-template", quantity, List.of("worker"), null, null, null);
        server.store().create(new ObjectKey(NodePool.KIND, clusterId, poolId), Map.of(), new JsonCodec<>(NodePool.class).encode(pool));
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static ApiException refused(CompletableFuture<?> future) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (ApiException) e.getCause();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void membersGet403OnChangesAndChangeNothing() throws Exception {
        // given
        try (RemoteManagementApi admin = ServerHarness.connect(server, "admin", adminPassword)) {
            ClusterSummary cluster = done(admin.createCluster(new NewCluster("shared-" + System.nanoTime(), ClusterKind.RKE, "")));
            seedNodePool(server, cluster.id(), "workers", 1);
            done(admin.createUser(new NewUser("viewer", "Viewer", "viewer-password-1".toCharArray(), false)));
            done(admin.addMember(new NewMember(cluster.id(), "", "viewer", false, "cluster-member")));
            // when
            try (RemoteManagementApi viewer = ServerHarness.connect(server, "viewer", "viewer-password-1")) {
                // then: reading is fine
                ClusterDetail detail = done(viewer.getCluster(cluster.id()));
                assertThat(detail.summary().id()).isEqualTo(cluster.id());
                assertThat(done(viewer.listClusterEvents(cluster.id()))).isNotEmpty();
                // and every change is refused with a sentence naming the user
                for (CompletableFuture<?> change : List.<CompletableFuture<?>>of(
                        viewer.createUser(new NewUser("sneaky", null, "sneaky-password-1".toCharArray(), true)),
                        viewer.setUserEnabled("admin", false),
                        viewer.deleteUser("admin"),
                        viewer.createProject(cluster.id(), new NewProject("mine", null)),
                        viewer.addMember(new NewMember(cluster.id(), "", "viewer", false, "cluster-owner")),
                        viewer.scaleNodePool(cluster.id(), "workers", 5))) {
                    ApiException e = refused(change);
                    assertThat(e.reason()).isEqualTo(ApiException.Reason.FORBIDDEN);
                    assertThat(e).hasMessageContaining("viewer");
                }
            }
            assertThat(done(admin.listUsers())).extracting(UserSummary::username).doesNotContain("sneaky");
            assertThat(done(admin.listUsers())).filteredOn(u -> u.username().equals("admin")).singleElement()
                    .extracting(UserSummary::enabled).isEqualTo(true);
            assertThat(done(admin.listProjects(cluster.id()))).isEmpty();
            assertThat(done(admin.listMembers(cluster.id(), ""))).extracting(m -> m.roleTemplateId()).containsExactly("cluster-member");
            assertThat(done(admin.listNodePools(cluster.id()))).singleElement().extracting(p -> p.quantity()).isEqualTo(1);
        }
    }

    @Test
    void clusterOwnersManageTheirClusterOnly() throws Exception {
        // given
        try (RemoteManagementApi admin = ServerHarness.connect(server, "admin", adminPassword)) {
            ClusterSummary theirs = done(admin.createCluster(new NewCluster("theirs-" + System.nanoTime(), ClusterKind.IMPORTED, "")));
            ClusterSummary other = done(admin.createCluster(new NewCluster("other-" + System.nanoTime(), ClusterKind.IMPORTED, "")));
            done(admin.createUser(new NewUser("owner", "Owner", "owner-password-1".toCharArray(), false)));
            done(admin.createUser(new NewUser("helper", "Helper", "helper-password-1".toCharArray(), false)));
            done(admin.addMember(new NewMember(theirs.id(), "", "owner", false, "cluster-owner")));
            // when
            try (RemoteManagementApi owner = ServerHarness.connect(server, "owner", "owner-password-1")) {
                // then
                var project = done(owner.createProject(theirs.id(), new NewProject("team", null)));
                var helper = done(owner.addMember(new NewMember(theirs.id(), project.id(), "helper", false, "project-member")));
                assertThat(helper.subject()).isEqualTo("helper");
                assertThat(refused(owner.createProject(other.id(), new NewProject("team", null))).reason())
                        .isEqualTo(ApiException.Reason.FORBIDDEN);
                assertThat(refused(owner.createUser(new NewUser("another", null, "another-password-1".toCharArray(), false))).reason())
                        .isEqualTo(ApiException.Reason.FORBIDDEN);
                assertThat(done(owner.listClusterEvents(theirs.id()))).anySatisfy(e -> {
                    assertThat(e.reason()).isEqualTo("MemberAdded");
                    assertThat(e.source()).isEqualTo("owner");
                });
            }
        }
    }

    @Test
    void theLastAdministratorCanBeNeitherDisabledNorDeleted() throws Exception {
        try (RemoteManagementApi admin = ServerHarness.connect(server, "admin", adminPassword)) {
            assertThat(refused(admin.setUserEnabled("admin", false))).hasMessageContaining("last enabled administrator")
                    .extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
            assertThat(refused(admin.deleteUser("admin")).reason()).isEqualTo(ApiException.Reason.INVALID);
            assertThat(done(admin.listUsers())).filteredOn(u -> u.username().equals("admin")).singleElement()
                    .extracting(UserSummary::enabled).isEqualTo(true);
        }
    }

    @Test
    void anEventWatchReconnectsAfterADroppedLinkWithoutRepeatingEvents() throws Exception {
        // given: a console behind a link that fails, watching one cluster's events
        try (RemoteManagementApi admin = ServerHarness.connect(server, "admin", adminPassword);
             CuttingProxy link = new CuttingProxy(server.port());
             RemoteManagementApi console = RemoteManagementApi.connect(URI.create("https://127.0.0.1:" + link.port()),
                     CaPin.fingerprint(server.caChecksum()), Credentials.password("admin", adminPassword.toCharArray()))) {
            ClusterSummary cluster = done(admin.createCluster(new NewCluster("watched-" + System.nanoTime(), ClusterKind.IMPORTED, "")));
            done(admin.createProject(cluster.id(), new NewProject("before", null)));
            List<ApiEvent<ClusterEvent>> seen = new CopyOnWriteArrayList<>();
            try (Subscription watch = console.watchClusterEvents(cluster.id(), seen::add)) {
                await().atMost(WAIT).until(() -> seen.stream().anyMatch(e -> e.object().reason().equals("ProjectCreated")));
                // when: the link goes down, something happens meanwhile, and the link comes back
                link.cut();
                done(admin.createProject(cluster.id(), new NewProject("during", null)));
                link.heal();
                // then: the missed event arrives, and what the console had is not delivered again
                await().atMost(WAIT).untilAsserted(() -> assertThat(seen).anySatisfy(e -> {
                    assertThat(e.type()).isEqualTo(ApiEvent.Type.ADDED);
                    assertThat(e.object().message()).contains("during");
                }));
                assertThat(seen).filteredOn(e -> e.object().message().contains("before")).hasSize(1);
            }
        }
    }

    @Test
    void anExportedKubeconfigCarriesANewTokenOfTheCallerScopedToItsCluster() throws Exception {
        // given
        String clusterCa = dev.drover.engine.pki.CertificateAuthority.generate("direct-ca", Duration.ofDays(1)).certificatePem();
        try (RemoteManagementApi admin = ServerHarness.connect(server, "admin", adminPassword)) {
            ClusterSummary cluster = done(admin.createCluster(new NewCluster("exported-" + System.nanoTime(), ClusterKind.DIRECT,
                    "https://127.0.0.1:1", new dev.drover.engine.api.DirectCredential("drover-own-token", clusterCa))));
            ClusterSummary other = done(admin.createCluster(new NewCluster("other-" + System.nanoTime(), ClusterKind.IMPORTED, "")));
            // when
            var exported = done(admin.exportKubeconfig(new dev.drover.engine.api.KubeconfigExport(List.of(cluster.id()), true, true)));
            // then
            var contexts = dev.drover.engine.kubeconfig.Kubeconfig.parse(exported.yaml()).contexts();
            assertThat(contexts).extracting(c -> c.name() + " " + c.server()).containsExactly(
                    cluster.displayName() + " " + server.url() + "/k8s/clusters/" + cluster.id(),
                    cluster.displayName() + "-fqdn https://127.0.0.1:1");
            assertThat(contexts.get(0).caPem()).isEqualTo(server.caPem());
            assertThat(contexts.get(1).caPem().strip()).isEqualTo(clusterCa.strip());
            String token = contexts.get(0).token();
            assertThat(token).startsWith("token-").isEqualTo(contexts.get(1).token()).doesNotContain("drover-own-token");
            assertThat(exported.yaml()).doesNotContain("drover-own-token");
            assertThat(server.engine().tokens().authenticate(token, cluster.id()).username()).isEqualTo("admin");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.engine().tokens().authenticate(token, other.id()))
                    .isInstanceOf(dev.drover.engine.auth.ForbiddenException.class);
            assertThat(Path.of(exported.vaultFile())).startsWith(data.resolve("console"));
        }
    }
}
