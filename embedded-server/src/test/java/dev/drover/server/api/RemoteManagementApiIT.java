package dev.drover.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.EngineMode;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.ManagementApiContract;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WireJson;
import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.server.DroverServer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management API contract against a real server over real TLS, plus what only a remote engine has. */
class RemoteManagementApiIT extends ManagementApiContract {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path data;
    private static DroverServer server;
    private static String adminPassword;
    private RemoteManagementApi api;

    @BeforeAll
    static void startServer() {
        // the console's kubeconfig vault (client side) goes under drover.dataDir, not the tester's home
        System.setProperty(dev.drover.engine.store.DataDirectories.PROPERTY, data.resolve("console").toString());
        server = ServerHarness.start(data, 0);
        adminPassword = ServerHarness.password(server);
    }

    @AfterAll
    static void stopServer() {
        System.clearProperty(dev.drover.engine.store.DataDirectories.PROPERTY);
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        api = ServerHarness.connect(server, "admin", adminPassword);
        for (ClusterSummary cluster : result(api.listClusters())) {
            result(api.deleteCluster(cluster.id()));
        }
    }

    @AfterEach
    void disconnect() {
        api.close();
    }

    @Override
    protected ManagementApi api() {
        return api;
    }

    @Override
    protected void seedNodePool(String clusterId, String poolId, int quantity) {
        AdministrationIT.seedNodePool(server, clusterId, poolId, quantity);
    }

    @Test
    void describesItselfAsRemoteWithTheServerUrlAndVersion() {
        assertThat(api.info().mode()).isEqualTo(EngineMode.REMOTE);
        assertThat(api.info().location()).isEqualTo(server.url() + "/");
        assertThat(api.info().version()).isEqualTo(server.api().info().version());
        assertThat(api.username()).isEqualTo("admin");
    }

    @Test
    void callsWithoutAValidTokenGet401AsAStatus() {
        // given
        Principal admin = new Principal("admin", "Admin", "local", List.of(), true);
        var expiring = server.engine().tokens().issue(admin, new TokenRequest(Duration.ofMillis(1), null, "", "test"));
        await().atMost(WAIT).until(() -> Instant.now().isAfter(expiring.expiresAt()));
        // when
        RawHttp.Response none = RawHttp.call(server, HttpMethod.GET, "/v3/clusters", null, null);
        RawHttp.Response wrong = RawHttp.call(server, HttpMethod.GET, "/v3/clusters", "token-abcde:" + "0".repeat(64), null);
        RawHttp.Response expired = RawHttp.call(server, HttpMethod.GET, "/v3/clusters", expiring.value(), null);
        // then
        for (RawHttp.Response response : List.of(none, wrong, expired)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.wwwAuthenticate()).startsWith("Bearer");
            Status status = WireJson.decode(response.body(), Status.class);
            assertThat(status.kind()).isEqualTo("Status");
            assertThat(status.reason()).isEqualTo("Unauthorized");
            assertThat(status.code()).isEqualTo(401);
        }
        assertThat(WireJson.decode(expired.body(), Status.class).message()).contains("expired");
        assertThatThrownBy(() -> ServerHarness.connectWithToken(server, expiring.value()))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).reason()).isEqualTo(ApiException.Reason.UNAUTHENTICATED);
        assertThatThrownBy(() -> ServerHarness.connect(server, "admin", "not-the-password"))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).reason()).isEqualTo(ApiException.Reason.UNAUTHENTICATED);
    }

    @Test
    void usersWhoAreNotAdministratorsMayReadButGet403OnChanges() throws Exception {
        // given
        server.engine().users().create("reader", "Reader", "reader-password-1".toCharArray(), false);
        ClusterSummary existing = result(api.createCluster(new NewCluster("shared", ClusterKind.IMPORTED, "")));
        // when
        try (RemoteManagementApi reader = ServerHarness.connect(server, "reader", "reader-password-1")) {
            // then
            assertThat(result(reader.listClusters())).extracting(ClusterSummary::id).containsExactly(existing.id());
            ApiException refused = failureOf(reader.createCluster(new NewCluster("mine", ClusterKind.IMPORTED, "")));
            assertThat(refused.reason()).isEqualTo(ApiException.Reason.FORBIDDEN);
            assertThat(refused).hasMessageContaining("reader");
            assertThat(failureOf(reader.deleteCluster(existing.id())).reason()).isEqualTo(ApiException.Reason.FORBIDDEN);
            assertThat(failureOf(reader.importCluster(existing.id())).reason()).isEqualTo(ApiException.Reason.FORBIDDEN);
        }
    }

    @Test
    void aCaOtherThanThePinnedOneIsRefusedNamingBothFingerprints() {
        // given
        String pinned = "ab".repeat(32);
        // when / then
        assertThatThrownBy(() -> RemoteManagementApi.connect(URI.create(server.url()), CaPin.fingerprint(pinned),
                Credentials.password("admin", adminPassword.toCharArray())))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining(server.caChecksum()).hasMessageContaining(pinned).hasMessageContaining("Refusing to connect")
                .extracting(e -> ((ApiException) e).reason()).isEqualTo(ApiException.Reason.UNTRUSTED);
    }

    @Test
    void askingThePinShowsTheServersFingerprintAndHonoursTheAnswer() {
        // given
        AtomicReference<String> shown = new AtomicReference<>();
        // when
        assertThatThrownBy(() -> RemoteManagementApi.connect(URI.create(server.url()), CaPin.ask(fingerprint -> {
            shown.set(fingerprint);
            return false;
        }), Credentials.password("admin", adminPassword.toCharArray())))
                .isInstanceOf(ApiException.class).hasMessageContaining("not accepted");
        // then
        assertThat(shown.get()).isEqualTo(server.caChecksum());
        try (RemoteManagementApi accepted = RemoteManagementApi.connect(URI.create(server.url()),
                CaPin.ask(server.caChecksum()::equals), Credentials.password("admin", adminPassword.toCharArray()))) {
            assertThat(accepted.username()).isEqualTo("admin");
        }
    }

    @Test
    void aWatchResumesAfterADroppedConnectionWithoutLosingOrRepeatingEvents() throws Exception {
        // given: a console behind a link that fails
        ClusterSummary before = result(api.createCluster(new NewCluster("before", ClusterKind.IMPORTED, "")));
        try (CuttingProxy link = new CuttingProxy(server.port());
             RemoteManagementApi console = RemoteManagementApi.connect(URI.create("https://127.0.0.1:" + link.port()),
                     CaPin.fingerprint(server.caChecksum()), Credentials.password("admin", adminPassword.toCharArray()))) {
            List<ApiEvent<ClusterSummary>> events = new CopyOnWriteArrayList<>();
            Subscription watch = console.watchClusters(events::add);
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.object().id().equals(before.id())));
            // when: the link goes down, a cluster is created meanwhile, and the link comes back
            link.cut();
            ClusterSummary during = result(api.createCluster(new NewCluster("during", ClusterKind.IMPORTED, "")));
            link.heal();
            // then
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.object().id().equals(during.id())));
            assertThat(events).filteredOn(e -> e.type() == ApiEvent.Type.ADDED).extracting(e -> e.object().displayName())
                    .containsExactly("before", "during");
            watch.close();
        }
    }

    @Test
    void aWatchWhoseResumePointWasCompactedListsAgainAndReportsWhatVanished() throws Exception {
        // given
        ClusterSummary doomed = result(api.createCluster(new NewCluster("doomed", ClusterKind.IMPORTED, "")));
        try (CuttingProxy link = new CuttingProxy(server.port());
             RemoteManagementApi console = RemoteManagementApi.connect(URI.create("https://127.0.0.1:" + link.port()),
                     CaPin.fingerprint(server.caChecksum()), Credentials.password("admin", adminPassword.toCharArray()))) {
            List<ApiEvent<ClusterSummary>> events = new CopyOnWriteArrayList<>();
            Subscription watch = console.watchClusters(events::add);
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.object().id().equals(doomed.id())));
            // when: while the link is down a cluster goes, another comes, and the history is compacted away
            link.cut();
            result(api.deleteCluster(doomed.id()));
            ClusterSummary born = result(api.createCluster(new NewCluster("born", ClusterKind.IMPORTED, "")));
            server.store().compact(server.store().currentRevision());
            link.heal();
            // then: the relist turns into the events the console missed
            await().atMost(WAIT).untilAsserted(() -> assertThat(events).extracting(e -> e.type() + " " + e.object().displayName())
                    .contains("DELETED doomed", "ADDED born"));
            assertThat(events).filteredOn(e -> e.object().id().equals(doomed.id()))
                    .extracting(ApiEvent::type).containsOnlyOnce(ApiEvent.Type.DELETED);
            assertThat(events).filteredOn(e -> e.object().id().equals(born.id()))
                    .extracting(ApiEvent::type).containsOnlyOnce(ApiEvent.Type.ADDED);
            watch.close();
        }
    }

    @Test
    void anOversizedBodyGets413AndTheServerKeepsServing() {
        // given
        String admin = ServerHarness.login(server, "admin", adminPassword);
        String oversized = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        // when
        RawHttp.Response refused = RawHttp.call(server, HttpMethod.POST, "/v3/clusters", admin, oversized);

        // then
        assertThat(refused.status()).isEqualTo(413);
        assertThat(WireJson.decode(refused.body(), Status.class).message()).contains("larger than 1024 KiB");
        assertThat(RawHttp.call(server, HttpMethod.GET, "/v3/clusters", admin, null).status()).isEqualTo(200);
    }

    @Test
    void healthAndCaNeedNoTokenAndUnknownPathsAre404Statuses() {
        assertThat(RawHttp.call(server, HttpMethod.GET, "/healthz", null, null).body()).isEqualTo("ok\n");
        assertThat(RawHttp.call(server, HttpMethod.GET, "/cacerts", null, null).body()).isEqualTo(server.caPem());
        RawHttp.Response missing = RawHttp.call(server, HttpMethod.GET, "/v3/nothing", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(WireJson.decode(missing.body(), Status.class).reason()).isEqualTo("NotFound");
        RawHttp.Response malformed = RawHttp.call(server, HttpMethod.POST, "/v3/clusters",
                ServerHarness.login(server, "admin", adminPassword), "{not json");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(WireJson.decode(malformed.body(), Status.class).message()).contains("request body");
    }
}
