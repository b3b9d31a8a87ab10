package dev.drover.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workloads part of {@link ManagementApiContract} (run from it as a nested class): read model lists and
 * batched watches, actions that reach the cluster (a {@link WorkloadDownstreamDouble}) impersonating the acting
 * user, YAML edits guarded by resourceVersion, pod logs, and one-sentence failures.
 */
public abstract class WorkloadsContract {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private WorkloadDownstreamDouble downstream;
    private String clusterId;
    private WorkloadRef web;

    protected abstract ManagementApi api();

    /** Who the API acts as downstream (the Impersonate-User the cluster sees). */
    protected abstract String actingUser();

    @BeforeEach
    void registerTheDownstreamCluster() throws Exception {
        downstream = new WorkloadDownstreamDouble();
        clusterId = result(api().createCluster(downstream.asDirectCluster("shop-cluster"))).id();
        web = new WorkloadRef(clusterId, WorkloadType.DEPLOYMENT, "shop", "web");
        await().atMost(WAIT).until(() -> result(api().listWorkloads(new WorkloadQuery(clusterId, "", "", true))).size() == 4);
    }

    @AfterEach
    void closeTheDownstreamCluster() throws Exception {
        // the engine lets go of the cluster before the double stops (see WorkloadDownstreamDouble.close)
        result(api().deleteCluster(clusterId));
        downstream.close();
    }

    @Test
    void listsWorkloadsAndPodsFromTheReadModel() throws Exception {
        // when
        List<WorkloadSummary> workloads = result(api().listWorkloads(new WorkloadQuery(clusterId, "", "shop", false)));
        List<WorkloadSummary> pods = result(api().listPods(web));
        // then
        assertThat(workloads).extracting(w -> w.ref().name()).containsExactly("guarded", "web");
        assertThat(workloads.get(1)).satisfies(w -> {
            assertThat(w.desired()).isEqualTo(2);
            assertThat(w.images()).containsExactly("nginx:1.27");
        });
        assertThat(pods).extracting(p -> p.ref().name()).containsExactly("web-5d8f9-aaaaa", "web-5d8f9-bbbbb");
        assertThat(pods).allSatisfy(p -> assertThat(p.owner()).isEqualTo("Deployment/web"));
        assertThat(failureOf(api().listWorkloads(new WorkloadQuery("c-nope0", "", "", false))))
                .hasMessageContaining("c-nope0").extracting(ApiException::reason).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    @Test
    void watchSendsASnapshotThenBatchedChanges() throws Exception {
        // given
        List<WorkloadBatch> batches = new CopyOnWriteArrayList<>();
        try (Subscription watch = api().watchWorkloads(new WorkloadQuery(clusterId, "", "", false), batches::add)) {
            await().atMost(WAIT).until(() -> !batches.isEmpty());
            // when
            downstream.client().apps().deployments().inNamespace("shop").withName("guarded").delete();
            for (int replicas = 3; replicas <= 12; replicas++) {
                int n = replicas;
                downstream.client().apps().deployments().inNamespace("shop").withName("web").edit(d -> {
                    d.getSpec().setReplicas(n);
                    return d;
                });
            }
            // then
            assertThat(batches.getFirst().snapshot()).isTrue();
            assertThat(batches.getFirst().changed()).extracting(w -> w.ref().name()).containsExactlyInAnyOrder("guarded", "web");
            await().atMost(WAIT).untilAsserted(() -> {
                List<WorkloadBatch> changes = batches.subList(1, batches.size());
                assertThat(changes).flatExtracting(WorkloadBatch::deleted).extracting(WorkloadRef::name).containsExactly("guarded");
                assertThat(changes.getLast().changed()).last().extracting(WorkloadSummary::desired).isEqualTo(12);
            });
            // ten updates of one workload arrive coalesced, never as ten separate calls of one change each
            assertThat(batches.size()).isLessThan(11);
            assertThat(batches).allSatisfy(b -> assertThat(b.changed()).extracting(w -> w.ref().type()).doesNotContain(WorkloadType.POD));
        }
        assertThatThrownBy(() -> api().watchWorkloads(new WorkloadQuery("c-nope0", "", "", false), b -> { }))
                .isInstanceOf(ApiException.class).hasMessageContaining("c-nope0").extracting(e -> ((ApiException) e).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    @Test
    void actionsReachTheClusterImpersonatingTheActingUser() throws Exception {
        // when
        result(api().scaleWorkload(web, 5));
        result(api().redeployWorkload(web));
        result(api().deleteWorkload(new WorkloadRef(clusterId, WorkloadType.POD, "shop", "web-5d8f9-aaaaa")));
        // then
        Deployment deployment = downstream.client().apps().deployments().inNamespace("shop").withName("web").get();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(5);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
        assertThat(downstream.client().pods().inNamespace("shop").withName("web-5d8f9-aaaaa").get()).isNull();
        List<RecordedRequest> actions = downstream.changes().stream()
                .filter(r -> r.getPath().startsWith("/apis/apps/v1/namespaces/shop/deployments/web")
                        || r.getPath().startsWith("/api/v1/namespaces/shop/pods/web-5d8f9-aaaaa")).toList();
        assertThat(actions).extracting(RecordedRequest::getMethod).containsExactly("PATCH", "PATCH", "DELETE");
        assertThat(actions).allSatisfy(r -> {
            assertThat(r.getHeader("Impersonate-User")).isEqualTo(actingUser());
            assertThat(r.getHeaders().headers("Impersonate-Group")).contains("system:authenticated");
            assertThat(r.getHeader("Impersonate-Extra-drover.dev%2Fusername")).isEqualTo(actingUser());
        });
        await().atMost(WAIT).until(() -> result(api().listPods(web)).size() == 1);
        assertThat(result(api().listClusterEvents(clusterId)))
                .filteredOn(e -> e.involvedObject().equals("Deployment/shop/web"))
                .extracting(ClusterEvent::reason, ClusterEvent::source, ClusterEvent::message)
                .contains(org.assertj.core.groups.Tuple.tuple("Scaled", actingUser(), actingUser() + " scaled to 5 Deployment shop/web"),
                        org.assertj.core.groups.Tuple.tuple("Redeployed", actingUser(), actingUser() + " redeployed Deployment shop/web"));
    }

    @Test
    void aDownstreamRefusalAndBadInputAreOneClearSentence() {
        // given
        WorkloadRef guarded = new WorkloadRef(clusterId, WorkloadType.DEPLOYMENT, "shop", "guarded");
        // when / then
        assertThat(failureOf(api().scaleWorkload(guarded, 2))).hasMessageContaining("refused").hasMessageContaining(actingUser())
                .extracting(ApiException::reason).isEqualTo(ApiException.Reason.FORBIDDEN);
        assertThat(failureOf(api().deleteWorkload(guarded)).reason()).isEqualTo(ApiException.Reason.FORBIDDEN);
        assertThat(failureOf(api().scaleWorkload(web, -1))).hasMessageContaining("replicas")
                .extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failureOf(api().scaleWorkload(new WorkloadRef("c-nope0", WorkloadType.DEPLOYMENT, "shop", "web"), 1)))
                .hasMessageContaining("c-nope0").extracting(ApiException::reason).isEqualTo(ApiException.Reason.NOT_FOUND);
        WorkloadRef gone = new WorkloadRef(clusterId, WorkloadType.DEPLOYMENT, "shop", "gone");
        assertThat(failureOf(api().scaleWorkload(gone, 1))).hasMessageContaining("shop/gone")
                .extracting(ApiException::reason).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(failureOf(api().deleteWorkload(gone)).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(failureOf(api().getWorkloadYaml(gone)).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
        assertThat(failureOf(api().redeployWorkload(new WorkloadRef(clusterId, WorkloadType.POD, "shop", "web-5d8f9-aaaaa"))).reason())
                .isEqualTo(ApiException.Reason.INVALID);
        assertThat(downstream.client().apps().deployments().inNamespace("shop").withName("guarded").get().getSpec().getReplicas())
                .isEqualTo(1);
    }

    @Test
    void yamlEditsApplyAndAStaleCopyIsAConflict() throws Exception {
        // given
        String original = result(api().getWorkloadYaml(web));
        assertThat(original).contains("name: \"web\"").doesNotContain("managedFields");
        String edited = original.replace("replicas: 2", "replicas: 4");
        assertThat(edited).isNotEqualTo(original);
        // when
        String stored = result(api().applyWorkloadYaml(web, edited));
        // then
        assertThat(stored).contains("replicas: 4");
        assertThat(downstream.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(4);
        ApiException stale = failureOf(api().applyWorkloadYaml(web, original.replace("replicas: 2", "replicas: 7")));
        assertThat(stale.reason()).isEqualTo(ApiException.Reason.CONFLICT);
        assertThat(stale).hasMessageContaining("Deployment shop/web").hasMessageContaining("load it again");
        assertThat(downstream.client().apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(4);
        assertThat(failureOf(api().applyWorkloadYaml(web, "spec: [unclosed")).reason()).isEqualTo(ApiException.Reason.INVALID);
        assertThat(failureOf(api().applyWorkloadYaml(web, stored.replace("name: \"web\"", "name: \"other\""))))
                .hasMessageContaining("metadata.name").extracting(ApiException::reason).isEqualTo(ApiException.Reason.INVALID);
    }

    @Test
    void podLogsStreamLineByLine() throws Exception {
        // given
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<String> ended = new AtomicReference<>();
        LogListener listener = new LogListener() {
            @Override
            public void onLine(String line) {
                lines.add(line);
            }

            @Override
            public void onEnd(ApiException failure) {
                ended.set(failure == null ? "ok" : failure.getMessage());
            }
        };
        // when
        try (Subscription log = api().followPodLog(new PodLogRequest(clusterId, "shop", "web-5d8f9-aaaaa", "", 10, true), listener)) {
            // then
            await().atMost(WAIT).until(() -> ended.get() != null);
            assertThat(lines).containsExactly("line 1", "line 2", "line 3");
            assertThat(ended.get()).isEqualTo("ok");
        }
        RecordedRequest request = downstream.changes().stream().filter(r -> r.getPath().contains("/log")).findFirst().orElseThrow();
        assertThat(request.getPath()).contains("follow=true").contains("tailLines=10");
        assertThat(request.getHeader("Impersonate-User")).isEqualTo(actingUser());
        assertThatThrownBy(() -> api().followPodLog(new PodLogRequest("c-nope0", "shop", "p", "", 0, true), listener))
                .isInstanceOf(ApiException.class).hasMessageContaining("c-nope0").extracting(e -> ((ApiException) e).reason()).isEqualTo(ApiException.Reason.NOT_FOUND);
    }

    private static <T> T result(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static ApiException failureOf(CompletableFuture<?> future) {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ApiException.class);
            return (ApiException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the command to fail, but: " + e, e);
        }
        throw new AssertionError("expected the command to fail, but it succeeded");
    }
}
