package dev.drover.app.workloads;

import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ManagementApi;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The actions on one workload or pod: scale, redeploy, delete (the view has asked), and the ViewModels of
 * its YAML editor and of a pod's log. The engine runs them as the acting user; what it refuses is shown
 * as its one sentence. FX thread; the engine's futures complete elsewhere and are moved back.
 */
public final class WorkloadActionsViewModel {

    private final ManagementApi api;
    private final FxThreads threads;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public WorkloadActionsViewModel(ManagementApi api, FxThreads threads) {
        this.api = api;
        this.threads = threads;
    }

    /** Sets the desired replicas; the table follows through the watch. */
    public void scale(WorkloadRow row, int replicas) {
        run(() -> api.scaleWorkload(WorkloadRefs.of(row), replicas), "Cannot scale " + row.name(),
                "Scaling " + row.name() + " to " + replicas + (replicas == 1 ? " replica." : " replicas."));
    }

    /** Rollout restart: new pods replace the old ones. */
    public void redeploy(WorkloadRow row) {
        run(() -> api.redeployWorkload(WorkloadRefs.of(row)), "Cannot redeploy " + row.name(), "Redeploying " + row.name() + ".");
    }

    public void delete(WorkloadRow row) {
        run(() -> api.deleteWorkload(WorkloadRefs.of(row)), "Cannot delete " + row.name(), "Deleted " + WorkloadRefs.title(row) + ".");
    }

    private void run(Supplier<CompletableFuture<Void>> call, String failing, String done) {
        busy.set(true);
        error.set("");
        notice.set("");
        call.get().whenComplete((ok, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure, failing));
            } else {
                notice.set(done);
            }
        }));
    }

    /** A new editor of {@code row}'s YAML; it loads at once. */
    public WorkloadYamlViewModel yaml(WorkloadRow row) {
        WorkloadYamlViewModel editor = new WorkloadYamlViewModel(api, threads, WorkloadRefs.of(row), WorkloadRefs.title(row));
        editor.reload();
        return editor;
    }

    /** A new log of {@code pod}, following from the last 500 lines. Close it to stop. */
    public PodLogViewModel logs(WorkloadRow pod) {
        PodLogViewModel log = new PodLogViewModel(api, threads, pod.clusterId(), pod.namespace(), pod.name());
        log.start();
        return log;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last action failed with, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last action did, or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void dismiss() {
        error.set("");
        notice.set("");
    }
}
