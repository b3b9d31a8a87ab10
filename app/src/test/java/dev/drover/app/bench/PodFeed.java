package dev.drover.app.bench;

import dev.drover.app.workloads.WorkloadRow;
import dev.drover.app.workloads.WorkloadsViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic pods spread over clusters, namespaces, nodes and deployments, as a large fleet would have. */
final class PodFeed {

    private static final String[] STATUSES = {"Running", "Pending", "Running", "Running", "Failed", "ContainerCreating"};

    private PodFeed() {
    }

    static List<WorkloadsViewModel.Change> pods(int clusters, int pods) {
        List<WorkloadsViewModel.Change> changes = new ArrayList<>(pods);
        for (int i = 0; i < pods; i++) {
            changes.add(new WorkloadsViewModel.Change(pod(clusters, i, "Running", 1), false));
        }
        return changes;
    }

    static List<WorkloadsViewModel.Change> workloads(int clusters, int pods) {
        List<WorkloadsViewModel.Change> changes = new ArrayList<>();
        for (int d = 0; d < pods / 10; d++) {
            int cluster = d % clusters;
            String namespace = "team-" + (d % 200);
            String name = "app-" + d;
            changes.add(new WorkloadsViewModel.Change(WorkloadRow.of("c-" + cluster, "Deployment", namespace, name, 10, 10,
                    "Available", "", ""), false));
        }
        return changes;
    }

    /** Pod {@code i}: 10 pods per deployment, 200 namespaces, 500 nodes. */
    static WorkloadRow pod(int clusters, int i, String status, int ready) {
        int deployment = i / 10;
        int cluster = deployment % clusters;
        String namespace = "team-" + (deployment % 200);
        String name = String.format("app-%d-%08x-%05d", deployment, deployment * 2654435761L & 0xffffffffL, i % 100_000);
        return WorkloadRow.of("c-" + cluster, "Pod", namespace, name, 1, ready, status, "node-" + cluster + "-" + (i % 50),
                "Deployment/app-" + deployment);
    }

    static WorkloadsViewModel.Change randomUpdate(Random random, int clusters, int pods, int visibleRows) {
        // One update in ten hits a row on screen, so the table has cells to repaint in every batch.
        int i = random.nextInt(10) == 0 ? random.nextInt(visibleRows) : random.nextInt(pods);
        String status = STATUSES[random.nextInt(STATUSES.length)];
        return new WorkloadsViewModel.Change(pod(clusters, i, status, "Running".equals(status) ? 1 : 0), false);
    }
}
