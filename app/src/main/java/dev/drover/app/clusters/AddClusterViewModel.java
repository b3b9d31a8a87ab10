package dev.drover.app.clusters;

import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ClusterImport;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.NewCluster;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Adding a cluster: name, kind, API endpoint for a direct one. An imported cluster ends with the
 * {@code kubectl apply -f <url>} command that installs its agents; the same command can be shown
 * again for an existing imported cluster (each time with a new registration token). The engine's
 * futures complete on its threads; results are moved to the FX thread.
 */
public final class AddClusterViewModel {

    /** The kinds offered, in the words the form shows. */
    public enum Kind { IMPORTED, DIRECT, RKE }

    private final ManagementApi api;
    private final FxThreads threads;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.IMPORTED);
    private final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper(this, "command", "");
    private final ReadOnlyStringWrapper manifestUrl = new ReadOnlyStringWrapper(this, "manifestUrl", "");
    private final BooleanProperty done = new SimpleBooleanProperty(this, "done");

    public AddClusterViewModel(ManagementApi api, FxThreads threads) {
        this.api = api;
        this.threads = threads;
    }

    /** Clears the form for a new cluster. FX thread. */
    public void reset() {
        name.set("");
        kind.set(Kind.IMPORTED);
        endpoint.set("");
        error.set("");
        command.set("");
        manifestUrl.set("");
        done.set(false);
    }

    /** Registers the cluster; for an imported one, then fetches its import command. Returns at once. */
    public void create() {
        error.set("");
        if (name.get().isBlank()) {
            error.set("Name: enter a name for the cluster.");
            return;
        }
        ClusterKind engineKind = switch (kind.get()) {
            case IMPORTED -> ClusterKind.IMPORTED;
            case DIRECT -> ClusterKind.DIRECT;
            case RKE -> ClusterKind.RKE;
        };
        busy.set(true);
        CompletableFuture<ClusterImport> result = api.createCluster(new NewCluster(name.get().strip(), engineKind, endpoint.get()))
                .thenCompose(created -> engineKind == ClusterKind.IMPORTED
                        ? api.importCluster(created.id())
                        : CompletableFuture.completedFuture(null));
        show(result);
    }

    /** Shows the import command of an existing imported cluster. */
    public void showImport(String clusterId) {
        reset();
        busy.set(true);
        show(api.importCluster(clusterId));
    }

    private void show(CompletableFuture<ClusterImport> result) {
        result.whenComplete((instructions, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                error.set(cause instanceof ApiException ? cause.getMessage() : "The engine failed: " + cause.getMessage());
                return;
            }
            // The command first: whoever watches "done" decides by it whether there is more to show.
            if (instructions != null) {
                command.set(instructions.kubectlCommand());
                manifestUrl.set(instructions.manifestUrl());
            }
            done.set(true);
        }));
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** {@code kubectl apply -f <url>}, once known; the URL carries a registration token. */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty manifestUrlProperty() {
        return manifestUrl.getReadOnlyProperty();
    }

    /** True once the cluster was registered (and its command fetched). */
    public BooleanProperty doneProperty() {
        return done;
    }
}
