package dev.drover.app.clusters;

import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ManagementApi;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;

/**
 * The detail pane of the selected cluster: what the engine reports about it, kept current by the
 * clusters watch, and removing it from management. FX thread; the engine's futures complete on its
 * threads and are moved back.
 */
public final class ClusterDetailViewModel {

    private final ManagementApi api;
    private final FxThreads threads;
    private final ClustersViewModel clusters;
    private final ReadOnlyObjectWrapper<ClusterRow> cluster = new ReadOnlyObjectWrapper<>(this, "cluster");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public ClusterDetailViewModel(ManagementApi api, FxThreads threads, ClustersViewModel clusters) {
        this.api = api;
        this.threads = threads;
        this.clusters = clusters;
        clusters.selectedProperty().addListener((observable, old, id) -> refresh());
        clusters.clusters().addListener((ListChangeListener<ClusterRow>) change -> refresh());
    }

    private void refresh() {
        String id = clusters.selectedProperty().get();
        ClusterRow current = clusters.clusters().stream().filter(row -> row.id().equals(id)).findFirst().orElse(null);
        if (current == null || !current.equals(cluster.get())) {
            if (current == null || cluster.get() == null || !current.id().equals(cluster.get().id())) {
                error.set("");
            }
            cluster.set(current);
        }
    }

    /** The selected cluster's latest row, or {@code null} when none is selected (or it is gone). */
    public ReadOnlyObjectProperty<ClusterRow> clusterProperty() {
        return cluster.getReadOnlyProperty();
    }

    /** Removes the shown cluster from management (the view has asked the user). Returns at once. */
    public void delete() {
        ClusterRow shown = cluster.get();
        if (shown == null) {
            return;
        }
        busy.set(true);
        error.set("");
        api.deleteCluster(shown.id()).whenComplete((done, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                error.set(cause instanceof ApiException ? cause.getMessage() : "Cannot remove " + shown.name() + ": " + cause.getMessage());
            }
        }));
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
