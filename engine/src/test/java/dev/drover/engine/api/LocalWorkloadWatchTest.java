package dev.drover.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.workloads.Workload;
import dev.drover.engine.workloads.WorkloadKind;
import dev.drover.engine.workloads.WorkloadsReadModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Coalescing and filtering of the local workload watch, driven directly as the read model's listener. */
class LocalWorkloadWatchTest {

    private final WorkloadsReadModel model = new WorkloadsReadModel(id -> {
        throw new ClusterUnreachableException("not needed");
    });

    private static Workload pod(String cluster, String namespace, String name, int ready) {
        return new Workload(cluster, WorkloadKind.POD, namespace, name, "", 1, ready, "Running", List.of("app:1"), "node-1",
                "Deployment/web", Map.of(), "1");
    }

    @Test
    void manyUpdatesOfOnePodInAWindowArriveOnceInTheirLatestState() {
        // given
        List<WorkloadBatch> batches = new CopyOnWriteArrayList<>();
        LocalWorkloadWatch watch = new LocalWorkloadWatch(model, new WorkloadQuery("c-1", "", "shop", true), batches::add);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
            // when: 1,000 updates of one pod, plus a pod of another namespace and of another cluster
            for (int i = 0; i < 1_000; i++) {
                watch.changed(pod("c-1", "shop", "web-1", i % 2));
            }
            watch.changed(pod("c-1", "other", "elsewhere", 1));
            watch.changed(pod("c-2", "shop", "web-1", 1));
            watch.changed(pod("c-1", "shop", "web-2", 1));
            watch.deleted(pod("c-1", "shop", "web-2", 1));
            // then
            await().atMost(Duration.ofSeconds(5)).until(() -> batches.size() >= 2);
            assertThat(batches.getFirst().snapshot()).isTrue();
            List<WorkloadBatch> changes = batches.subList(1, batches.size());
            assertThat(changes).flatExtracting(WorkloadBatch::changed).extracting(w -> w.ref().name()).containsOnly("web-1");
            assertThat(changes).flatExtracting(WorkloadBatch::changed).hasSizeLessThanOrEqualTo(2);
            assertThat(changes.getLast().changed()).singleElement().satisfies(w -> assertThat(w.ready()).isEqualTo(1));
            assertThat(changes).flatExtracting(WorkloadBatch::deleted).extracting(WorkloadRef::name).containsExactly("web-2");
        } finally {
            watch.close();
        }
    }

    @Test
    void aClosedWatchDeliversNothingMore() {
        // given
        List<WorkloadBatch> batches = new CopyOnWriteArrayList<>();
        LocalWorkloadWatch watch = new LocalWorkloadWatch(model, new WorkloadQuery("c-1", "", "", true), batches::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
        // when
        watch.close();
        watch.changed(pod("c-1", "shop", "web-1", 1));
        // then
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> batches.size() == 1);
    }
}
