package dev.drover.app.workloads;

import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.ProjectSummary;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.WorkloadBatch;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadSummary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The part of {@link WorkloadsViewModel} that talks to the engine (hence a ViewModel by name): one {@code watchWorkloads} per followed cluster, turned into
 * {@link WorkloadsViewModel.Change}s (posted from the engine thread, batched by the ViewModel), and the
 * pods of one workload listed on demand. Watches open on the background executor (remotely they wait on
 * the network). FX thread, except the listeners.
 */
final class WorkloadFeedViewModel implements AutoCloseable {

    private final ManagementApi api;
    private final FxThreads threads;
    private final Consumer<WorkloadsViewModel.Change> post;
    private final Consumer<String> error;
    private final Map<String, Subscription> watches = new HashMap<>();
    private final Set<String> opening = new HashSet<>();
    private boolean closed;

    WorkloadFeedViewModel(ManagementApi api, FxThreads threads, Consumer<WorkloadsViewModel.Change> post, Consumer<String> error) {
        this.api = api;
        this.threads = threads;
        this.post = post;
        this.error = error;
    }

    /** Watches exactly these clusters: new ones are subscribed, gone ones closed. */
    void follow(List<WorkloadsViewModel.Scope> clusters) {
        Set<String> wanted = new HashSet<>();
        clusters.forEach(scope -> wanted.add(scope.clusterId()));
        watches.entrySet().removeIf(entry -> {
            if (!wanted.contains(entry.getKey())) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
        opening.retainAll(wanted);
        for (WorkloadsViewModel.Scope scope : clusters) {
            if (!watches.containsKey(scope.clusterId()) && opening.add(scope.clusterId())) {
                open(scope);
            }
        }
    }

    private void open(WorkloadsViewModel.Scope scope) {
        String id = scope.clusterId();
        threads.background().execute(() -> {
            try {
                Subscription watch = api.watchWorkloads(new WorkloadQuery(id, "", "", false), this::onBatch);
                threads.fx().execute(() -> {
                    if (closed || !opening.remove(id)) {
                        watch.close();
                    } else {
                        watches.put(id, watch);
                    }
                });
            } catch (RuntimeException e) {
                threads.fx().execute(() -> {
                    opening.remove(id);
                    error.accept("Workloads of " + scope.label() + " cannot be shown: " + Failures.describe(e, "the watch failed"));
                });
            }
        });
    }

    /** Engine thread: returns at once. */
    private void onBatch(WorkloadBatch batch) {
        for (WorkloadSummary summary : batch.changed()) {
            post.accept(new WorkloadsViewModel.Change(WorkloadRefs.row(summary), false));
        }
        for (WorkloadRef ref : batch.deleted()) {
            post.accept(new WorkloadsViewModel.Change(WorkloadRefs.deleted(ref), true));
        }
    }

    /** Lists the projects of {@code clusterId}, handed to {@code onProjects} on the FX thread; a failure is shown as the error. */
    void listProjects(String clusterId, Consumer<List<ProjectSummary>> onProjects) {
        api.listProjects(clusterId).whenComplete((projects, failure) -> threads.fx().execute(() -> {
            if (failure != null) {
                error.accept(Failures.describe(failure, "Cannot list the projects of the cluster"));
            } else {
                onProjects.accept(projects);
            }
        }));
    }

    /** Lists the pods of {@code workload} into the pods table (the watch leaves pods out). */
    void listPods(WorkloadRow workload) {
        api.listPods(WorkloadRefs.of(workload)).whenComplete((pods, failure) -> {
            if (failure != null) {
                threads.fx().execute(() -> error.accept(Failures.describe(failure, "Cannot list the pods of " + workload.name())));
                return;
            }
            pods.forEach(pod -> post.accept(new WorkloadsViewModel.Change(WorkloadRefs.row(pod), false)));
        });
    }

    @Override
    public void close() {
        closed = true;
        watches.values().forEach(Subscription::close);
        watches.clear();
    }
}
