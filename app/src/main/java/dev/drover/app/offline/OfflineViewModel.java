package dev.drover.app.offline;

import dev.drover.app.fx.FxThreads;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Offline recovery: the vault's direct contexts, each tested on the background executor (one slow or
 * unreachable cluster only delays its own row), a read-only workloads view through a reachable one
 * ({@link OfflineWorkloadsViewModel}), and a kubeconfig of them written for kubectl. FX thread;
 * the vault's blocking calls run in the background.
 */
public final class OfflineViewModel {

    /** Where a context's test stands. */
    public enum State { UNTESTED, TESTING, REACHABLE, UNREACHABLE }

    /** One context as the table shows it. */
    public record ContextRow(String name, String server, State state, String detail) {
    }

    private final OfflineVault vault;
    private final FxThreads threads;
    private final ObservableList<ContextRow> contexts = FXCollections.observableArrayList();
    private final StringProperty target = new SimpleStringProperty(this, "target",
            Path.of(System.getProperty("user.home"), ".kube", "drover-offline.yaml").toString());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final OfflineWorkloadsViewModel workloads;

    public OfflineViewModel(OfflineVault vault, FxThreads threads) {
        this.vault = vault;
        this.threads = threads;
        this.workloads = new OfflineWorkloadsViewModel(vault, threads, Clock.systemUTC());
    }

    /** The read-only workloads panel ("Browse workloads" through a usable context). */
    public OfflineWorkloadsViewModel workloads() {
        return workloads;
    }

    /** Lists the workloads through {@code row}'s context, if its test found it usable; returns at once. */
    public void browse(ContextRow row) {
        if (row != null && row.state() == State.REACHABLE) {
            workloads.browse(new OfflineVault.Entry(row.name(), row.server()));
        }
    }

    public String location() {
        return vault.location();
    }

    /** Reads the vault's direct contexts; returns at once. */
    public void load() {
        busy.set(true);
        threads.background().execute(() -> {
            try {
                List<OfflineVault.Entry> entries = vault.directContexts();
                threads.fx().execute(() -> {
                    busy.set(false);
                    contexts.setAll(entries.stream().map(e -> new ContextRow(e.name(), e.server(), State.UNTESTED, "Not tested yet")).toList());
                    if (entries.isEmpty()) {
                        error.set("The vault has no direct contexts: export a kubeconfig with direct (ACE) contexts while the server is up.");
                    }
                });
            } catch (IOException | RuntimeException e) {
                threads.fx().execute(() -> {
                    busy.set(false);
                    error.set("Cannot read the vault at " + vault.location() + ": " + e.getMessage());
                });
            }
        });
    }

    /** Tests every context, each on its own background task. */
    public void testAll() {
        error.set("");
        notice.set("");
        for (ContextRow row : List.copyOf(contexts)) {
            replace(new ContextRow(row.name(), row.server(), State.TESTING, "Testing…"));
            OfflineVault.Entry entry = new OfflineVault.Entry(row.name(), row.server());
            threads.background().execute(() -> {
                OfflineVault.Check check = vault.test(entry);
                threads.fx().execute(() -> replace(new ContextRow(row.name(), row.server(),
                        check.usable() ? State.REACHABLE : State.UNREACHABLE, check.detail())));
            });
        }
    }

    private void replace(ContextRow row) {
        for (int i = 0; i < contexts.size(); i++) {
            if (contexts.get(i).name().equals(row.name())) {
                contexts.set(i, row);
            }
        }
    }

    /** Writes the reachable contexts (all of them if none was tested reachable) to {@link #targetProperty}. */
    public void writeKubeconfig() {
        List<ContextRow> reachable = contexts.stream().filter(r -> r.state() == State.REACHABLE).toList();
        List<ContextRow> chosen = reachable.isEmpty() ? List.copyOf(contexts) : reachable;
        if (chosen.isEmpty()) {
            error.set("There are no direct contexts to write.");
            return;
        }
        Path file;
        try {
            file = Path.of(target.get().strip());
        } catch (InvalidPathException e) {
            error.set("\"" + target.get() + "\" is not a file name this system accepts.");
            return;
        }
        busy.set(true);
        error.set("");
        threads.background().execute(() -> {
            try {
                vault.writeDirectOnly(file, chosen.stream().map(r -> new OfflineVault.Entry(r.name(), r.server())).toList());
                threads.fx().execute(() -> {
                    busy.set(false);
                    notice.set("Wrote " + chosen.size() + (chosen.size() == 1 ? " context" : " contexts") + " to " + file
                            + " (readable by you only): KUBECONFIG=" + file + " kubectl get nodes");
                });
            } catch (IOException | RuntimeException e) {
                threads.fx().execute(() -> {
                    busy.set(false);
                    error.set("Cannot write " + file + ": " + e.getMessage());
                });
            }
        });
    }

    public ObservableList<ContextRow> contexts() {
        return contexts;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
