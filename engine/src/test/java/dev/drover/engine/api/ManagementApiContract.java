package dev.drover.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ManagementApi} must do, in-process or remote. Subclasses provide the instance
 * under test through {@link #api()}.
 */
public abstract class ManagementApiContract {

    private static final Duration WAIT = Duration.ofSeconds(10);

    protected abstract ManagementApi api();

    protected static <T> T result(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    protected static ApiException failureOf(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
            return (ApiException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the command to fail, but: " + e, e);
        }
        throw new AssertionError("expected the command to fail, but it succeeded");
    }

    private static List<ApiEvent<ClusterSummary>> withoutModified(List<ApiEvent<ClusterSummary>> events) {
        return events.stream().filter(e -> e.type() != ApiEvent.Type.MODIFIED).toList();
    }

    @Test
    void createdClustersAreListedByName() throws Exception {
        // given
        result(api().createCluster(new NewCluster("zeta", ClusterKind.IMPORTED, null)));
        ClusterSummary alpha = result(api().createCluster(new NewCluster("Alpha", ClusterKind.DIRECT, "https://10.0.0.1:6443")));
        // when
        List<ClusterSummary> listed = result(api().listClusters());
        // then
        assertThat(listed).extracting(ClusterSummary::displayName).containsExactly("Alpha", "zeta");
        assertThat(alpha.id()).matches("c-[a-z0-9]{5}");
        assertThat(alpha.kind()).isEqualTo(ClusterKind.DIRECT);
        assertThat(alpha.state()).isEqualTo("Pending");
        assertThat(alpha.resourceVersion()).isPositive();
    }

    @Test
    void displayNamesAreUniqueIgnoringCase() throws Exception {
        result(api().createCluster(new NewCluster("prod", ClusterKind.IMPORTED, "")));
        ApiException failure = failureOf(api().createCluster(new NewCluster(" PROD ", ClusterKind.RKE, "")));
        assertThat(failure.reason()).isEqualTo(ApiException.Reason.ALREADY_EXISTS);
        assertThat(failure.getMessage()).contains("PROD");
        assertThat(result(api().listClusters())).hasSize(1);
    }

    @Test
    void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
        // given
        List<CompletableFuture<ClusterSummary>> attempts = IntStream.range(0, 8)
                .mapToObj(i -> api().createCluster(new NewCluster("race", ClusterKind.IMPORTED, ""))).toList();
        // when
        long succeeded = attempts.stream().filter(f -> {
            try {
                f.get(10, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        }).count();
        // then
        assertThat(succeeded).isEqualTo(1);
        assertThat(result(api().listClusters())).hasSize(1);
    }

    @Test
    void badRequestsAreRejectedNamingTheField() {
        assertThat(failureOf(api().createCluster(new NewCluster("  ", ClusterKind.IMPORTED, ""))))
                .hasMessageContaining("displayName").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failureOf(api().createCluster(new NewCluster("x".repeat(64), ClusterKind.IMPORTED, ""))))
                .hasMessageContaining("at most 63");
        assertThat(failureOf(api().createCluster(new NewCluster("d", ClusterKind.DIRECT, "http://insecure:6443"))))
                .hasMessageContaining("apiEndpoint");
        assertThat(failureOf(api().createCluster(new NewCluster("d", ClusterKind.DIRECT, "https://a b"))))
                .hasMessageContaining("apiEndpoint");
        assertThat(failureOf(api().createCluster(new NewCluster("d", null, ""))))
                .hasMessageContaining("kind");
        assertThat(failureOf(api().createCluster(null)).reason()).isEqualTo(ApiException.Reason.INVALID);
    }

    @Test
    void deleteRemovesAndFreesTheName() throws Exception {
        // given
        ClusterSummary created = result(api().createCluster(new NewCluster("temp", ClusterKind.IMPORTED, "")));
        // when
        result(api().deleteCluster(created.id()));
        // then
        assertThat(result(api().listClusters())).isEmpty();
        assertThat(failureOf(api().deleteCluster(created.id())).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(result(api().createCluster(new NewCluster("temp", ClusterKind.IMPORTED, ""))).id()).isNotEqualTo(created.id());
    }

    @Test
    void watchReplaysExistingClustersThenStreamsChanges() throws Exception {
        // given
        ClusterSummary existing = result(api().createCluster(new NewCluster("existing", ClusterKind.IMPORTED, "")));
        List<ApiEvent<ClusterSummary>> events = new CopyOnWriteArrayList<>();
        Subscription subscription = api().watchClusters(events::add);
        try {
            await().atMost(WAIT).until(() -> !events.isEmpty());
            // when
            ClusterSummary added = result(api().createCluster(new NewCluster("new", ClusterKind.RKE, "")));
            result(api().deleteCluster(existing.id()));
            // then
            // (status updates by reconcilers may add MODIFIED events in between; they are not what is checked)
            await().atMost(WAIT).untilAsserted(() -> assertThat(withoutModified(events)).extracting(ApiEvent::type)
                    .containsExactly(ApiEvent.Type.ADDED, ApiEvent.Type.ADDED, ApiEvent.Type.DELETED));
            List<ApiEvent<ClusterSummary>> lifecycle = withoutModified(events);
            assertThat(lifecycle.get(0).object().id()).isEqualTo(existing.id());
            assertThat(lifecycle.get(1).object().id()).isEqualTo(added.id());
            assertThat(lifecycle.get(2).object().displayName()).isEqualTo("existing");
            subscription.close();
            int seen = events.size();
            result(api().createCluster(new NewCluster("after-close", ClusterKind.RKE, "")));
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> events.size() == seen);
        } finally {
            subscription.close();
        }
    }

    @Test
    void onlyImportedClustersImportAndEachImportIssuesANewCommand() throws Exception {
        // given
        ClusterSummary imported = result(api().createCluster(new NewCluster("edge", ClusterKind.IMPORTED, "")));
        ClusterSummary direct = result(api().createCluster(new NewCluster("core", ClusterKind.DIRECT, "https://10.0.0.2:6443")));
        // when / then
        assertThat(failureOf(api().importCluster("c-nope0")).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(failureOf(api().importCluster(direct.id()))).hasMessageContaining("not an imported cluster")
                .extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        if (api().info().mode() == EngineMode.LAB) {
            assertThat(failureOf(api().importCluster(imported.id()))).hasMessageContaining("drover server")
                    .extracting(ApiException::reason).isEqualTo(ApiException.Reason.UNAVAILABLE);
        } else {
            ClusterImport first = result(api().importCluster(imported.id()));
            ClusterImport second = result(api().importCluster(imported.id()));
            assertThat(first.clusterId()).isEqualTo(imported.id());
            assertThat(first.manifestUrl()).startsWith("https://").contains("/v3/import/").endsWith(".yaml");
            assertThat(first.kubectlCommand()).isEqualTo("kubectl apply -f " + first.manifestUrl());
            assertThat(second.manifestUrl()).isNotEqualTo(first.manifestUrl());
            assertThat(first.toString()).doesNotContain(first.manifestUrl());
        }
    }

    @Test
    void directClustersAloneTakeACredentialWhichIsChecked() throws Exception {
        // given
        String ca = dev.drover.engine.pki.CertificateAuthority.generate("contract-ca", Duration.ofDays(1)).certificatePem();
        DirectCredential good = new DirectCredential("sa-token-for-drover", ca);
        // when
        // (port 1 of loopback refuses at once: the engine's attempts to reach it cost nothing)
        ClusterSummary created = result(api().createCluster(new NewCluster("with-token", ClusterKind.DIRECT, "https://127.0.0.1:1", good)));
        // then
        assertThat(created.kind()).isEqualTo(ClusterKind.DIRECT);
        assertThat(failureOf(api().createCluster(new NewCluster("imp", ClusterKind.IMPORTED, "", good))))
                .hasMessageContaining("credential").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failureOf(api().createCluster(new NewCluster("bad-ca", ClusterKind.DIRECT, "https://10.0.0.4:6443",
                new DirectCredential("t", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----")))))
                .hasMessageContaining("credential.caCertPem").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failureOf(api().createCluster(new NewCluster("no-token", ClusterKind.DIRECT, "https://10.0.0.5:6443",
                new DirectCredential(" ", "")))))
                .hasMessageContaining("credential.bearerToken");
        assertThat(result(api().listClusters())).extracting(ClusterSummary::displayName).containsExactly("with-token");
        assertThat(good.toString()).doesNotContain("sa-token-for-drover");
    }

    @Test
    void listsTheBuiltinRoleTemplatesFirst() throws Exception {
        // given a fresh lab engine (built-ins are seeded at start)
        // when
        var templates = api().listRoleTemplates().get(30, java.util.concurrent.TimeUnit.SECONDS);
        // then
        assertThat(templates).extracting(RoleTemplateSummary::id)
                .contains("cluster-owner", "cluster-member", "project-owner", "project-member", "read-only");
        assertThat(templates.getFirst().builtin()).isTrue();
    }

    @Test
    void projectsAreListedPerExistingCluster() throws Exception {
        // given
        ClusterSummary cluster = result(api().createCluster(new NewCluster("projects-here", ClusterKind.IMPORTED, null)));
        // when / then
        assertThat(result(api().listProjects(cluster.id()))).isEmpty();
        assertThat(failureOf(api().listProjects("c-nope0")).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    @Test
    void nodePoolsAreListedPerExistingCluster() throws Exception {
        // given
        ClusterSummary cluster = result(api().createCluster(new NewCluster("pools-here", ClusterKind.RKE, null)));
        // when / then
        assertThat(result(api().listNodePools(cluster.id()))).isEmpty();
        assertThat(failureOf(api().listNodePools("c-nope0")).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    // workloads: the WorkloadsContract runs against the same API; the acting user is whoever api() is logged in as
    @org.junit.jupiter.api.Nested
    class Workloads extends WorkloadsContract {
        @Override
        protected ManagementApi api() {
            return ManagementApiContract.this.api();
        }

        @Override
        protected String actingUser() {
            return "admin";
        }
    }
}
