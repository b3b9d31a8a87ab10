package dev.drover.app.offline;

import dev.drover.app.fx.FxThreads;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The read-only workloads of one cluster, read through a direct context of the vault while the server is down:
 * {@link #browse} lists them on the background executor; the last context asked wins (a late answer about
 * another one is dropped). FX thread, except the vault call.
 */
public final class OfflineWorkloadsViewModel {

    private final OfflineVault vault;
    private final FxThreads threads;
    private final Clock clock;
    private final ObservableList<OfflineVault.Workload> workloads = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private OfflineVault.Entry shown;

    public OfflineWorkloadsViewModel(OfflineVault vault, FxThreads threads, Clock clock) {
        this.vault = vault;
        this.threads = threads;
        this.clock = clock;
    }

    /** Lists the workloads through {@code entry}; returns at once. */
    public void browse(OfflineVault.Entry entry) {
        shown = entry;
        workloads.clear();
        error.set("");
        loading.set(true);
        title.set("Workloads through " + entry.name() + " · loading…");
        threads.background().execute(() -> {
            try {
                List<OfflineVault.Workload> rows = vault.workloads(entry);
                threads.fx().execute(() -> {
                    if (entry.equals(shown)) {
                        loading.set(false);
                        workloads.setAll(rows);
                        title.set("Workloads through " + entry.name() + " · " + rows.size() + " (read-only)");
                    }
                });
            } catch (IOException | RuntimeException e) {
                threads.fx().execute(() -> {
                    if (entry.equals(shown)) {
                        loading.set(false);
                        title.set("Workloads through " + entry.name());
                        error.set(e.getMessage() == null ? "Cannot read the workloads through " + entry.name() + "." : e.getMessage());
                    }
                });
            }
        });
    }

    /** Whether a context has been browsed (the panel shows). */
    public boolean isShown() {
        return shown != null;
    }

    /** "45s", "12m", "3h", "5d", as kubectl prints an age; empty when unknown. */
    public String age(Instant created) {
        if (created == null) {
            return "";
        }
        Duration age = Duration.between(created, clock.instant());
        if (age.isNegative() || age.toSeconds() < 60) {
            return Math.max(0, age.toSeconds()) + "s";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + "m";
        }
        return age.toHours() < 48 ? age.toHours() + "h" : age.toDays() + "d";
    }

    public ObservableList<OfflineVault.Workload> workloads() {
        return workloads;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
