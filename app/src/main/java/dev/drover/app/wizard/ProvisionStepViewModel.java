package dev.drover.app.wizard;

import dev.drover.app.fx.FxEventBatcher;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.ProvisioningEvent;
import dev.drover.engine.api.ProvisioningRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 5: one provisioning run, live. The engine's events (several hosts at once) go through an
 * {@link FxEventBatcher}, so a chatty run costs the FX thread at most one update per batch interval.
 * Cancel asks the engine to stop after the steps in flight; the run then ends failed, with a hint.
 */
public final class ProvisionStepViewModel implements AutoCloseable {

    /** The log keeps the last lines only: a long run must not grow the console without bound. */
    static final int MAX_LOG_LINES = 5_000;

    private static final Map<String, String> PLANES = Map.of("PREPARE", "Prepare nodes", "ETCD", "etcd plane",
            "CONTROLPLANE", "Control plane", "WORKER", "Worker plane");
    private static final List<String> PLANE_ORDER = List.of("PREPARE", "ETCD", "CONTROLPLANE", "WORKER");

    private final ManagementApi api;
    private final FxEventBatcher<ProvisioningEvent> events;
    private final ObservableList<ProgressRow> planes = FXCollections.observableArrayList();
    private final ObservableList<ProgressRow> hosts = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper succeeded = new ReadOnlyBooleanWrapper(this, "succeeded");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", "");
    private ProvisioningRun run;

    public ProvisionStepViewModel(ManagementApi api, FxThreads threads) {
        this.api = api;
        this.events = threads.batcher(this::apply);
    }

    /** Starts the run. FX thread; returns at once. */
    void start(String name, String clusterYaml) {
        planes.setAll(PLANE_ORDER.stream().map(p -> new ProgressRow(p, PLANES.get(p))).toList());
        hosts.clear();
        log.clear();
        failure.set("");
        hint.set("");
        succeeded.set(false);
        running.set(true);
        status.set("Provisioning " + name + "…");
        try {
            run = api.provisionRkeCluster(name, clusterYaml, events::post);
        } catch (ApiException e) {
            running.set(false);
            status.set("Provisioning did not start.");
            failure.set(e.getMessage());
            hint.set("Attach the console to an engine that can provision (lab mode).");
        }
    }

    /** Asks the run to stop; nodes finish the step they are on. */
    public void cancel() {
        if (run != null && running.get()) {
            run.cancel();
            status.set("Cancelling: nodes finish the step they are on…");
        }
    }

    private void apply(List<ProvisioningEvent> batch) {
        List<String> lines = new ArrayList<>();
        for (ProvisioningEvent event : batch) {
            switch (event) {
                case ProvisioningEvent.PlaneUpdate plane -> plane(plane);
                case ProvisioningEvent.NodeUpdate node -> {
                    ProgressRow row = host(node.host());
                    row.stateProperty().set(state(node.state()));
                    row.detailProperty().set(node.step() + (node.message().isEmpty() ? "" : " — " + node.message()));
                }
                case ProvisioningEvent.LogLine line -> lines.add(line.host().isEmpty() ? line.text() : line.host() + "  " + line.text());
                case ProvisioningEvent.Succeeded done -> {
                    running.set(false);
                    succeeded.set(true);
                    // a resumed run does not repeat the planes an earlier one completed: all are done now
                    planes.forEach(p -> p.stateProperty().set(ProgressRow.State.DONE));
                    status.set(done.cluster().displayName() + " is ready (" + done.took().toSeconds() + " s): it is listed under Clusters.");
                }
                case ProvisioningEvent.Failed failed -> {
                    running.set(false);
                    status.set(failed.cancelled() ? "Cancelled." : "Provisioning failed.");
                    failure.set(failed.message());
                    hint.set(failed.hint());
                    planes.stream().filter(p -> p.stateProperty().get() == ProgressRow.State.RUNNING)
                            .forEach(p -> p.stateProperty().set(ProgressRow.State.FAILED));
                    failed.failedHosts().forEach((address, why) -> {
                        host(address).stateProperty().set(ProgressRow.State.FAILED);
                        host(address).detailProperty().set(why);
                    });
                }
            }
        }
        log.addAll(lines);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }

    private void plane(ProvisioningEvent.PlaneUpdate update) {
        planes.stream().filter(p -> p.key().equals(update.plane())).findFirst().ifPresent(row -> {
            row.stateProperty().set(state(update.state()));
            if (!update.hosts().isEmpty()) {
                row.detailProperty().set(String.join(", ", update.hosts()));
            }
        });
    }

    private ProgressRow host(String address) {
        for (ProgressRow row : hosts) {
            if (row.key().equals(address)) {
                return row;
            }
        }
        ProgressRow row = new ProgressRow(address, address);
        hosts.add(row);
        return row;
    }

    private static ProgressRow.State state(ProvisioningEvent.State state) {
        return switch (state) {
            case STARTED -> ProgressRow.State.RUNNING;
            case DONE -> ProgressRow.State.DONE;
            case FAILED -> ProgressRow.State.FAILED;
            case SKIPPED -> ProgressRow.State.SKIPPED;
        };
    }

    public ObservableList<ProgressRow> planes() {
        return planes;
    }

    public ObservableList<ProgressRow> hosts() {
        return hosts;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty succeededProperty() {
        return succeeded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What failed, empty while running or after success. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** What to fix before trying again. */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    @Override
    public void close() {
        events.close();
    }
}
