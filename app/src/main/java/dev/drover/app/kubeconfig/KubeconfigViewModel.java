package dev.drover.app.kubeconfig;

import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ExportedKubeconfig;
import dev.drover.engine.api.KubeconfigExport;
import dev.drover.engine.api.ManagementApi;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Kubeconfig export: which clusters, which kinds of context, then build (the engine issues a token and
 * keeps a vault copy), save (written 0600 by the engine) or copy. The built YAML holds a token, so it is
 * kept only in a private field, never in a property a view could show, and dropped when the choice
 * changes. FX thread.
 */
public final class KubeconfigViewModel {

    /** A cluster the user may include. */
    public record Choice(String id, String name, BooleanProperty chosen) {
    }

    private final ManagementApi api;
    private final FxThreads threads;
    private final ObservableList<Choice> choices = FXCollections.observableArrayList(c -> new javafx.beans.Observable[] {c.chosen()});
    private final BooleanProperty proxyContexts = new SimpleBooleanProperty(this, "proxyContexts", true);
    private final BooleanProperty aceContexts = new SimpleBooleanProperty(this, "aceContexts", false);
    private final StringProperty target = new SimpleStringProperty(this, "target",
            Path.of(System.getProperty("user.home"), ".kube", "drover.yaml").toString());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper built = new ReadOnlyBooleanWrapper(this, "built");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final BooleanBinding canBuild;
    private String yaml;

    public KubeconfigViewModel(ManagementApi api, FxThreads threads, ObservableList<ClusterRow> clusters) {
        this.api = api;
        this.threads = threads;
        clusters.addListener((ListChangeListener<ClusterRow>) change -> offer(clusters));
        offer(clusters);
        canBuild = Bindings.createBooleanBinding(() -> !busy.get() && (proxyContexts.get() || aceContexts.get())
                && choices.stream().anyMatch(c -> c.chosen().get()), busy, proxyContexts, aceContexts, choices);
        choices.addListener((ListChangeListener<Choice>) change -> forget());
        proxyContexts.addListener((observable, was, now) -> forget());
        aceContexts.addListener((observable, was, now) -> forget());
    }

    /** Offers the clusters by name, keeping what the user already ticked. */
    private void offer(List<ClusterRow> clusters) {
        Map<String, Boolean> ticked = choices.stream().collect(Collectors.toMap(Choice::id, c -> c.chosen().get()));
        List<Choice> next = clusters.stream().sorted(Comparator.comparing(ClusterRow::name))
                .map(row -> new Choice(row.id(), row.name(), new SimpleBooleanProperty(ticked.getOrDefault(row.id(), false)))).toList();
        if (!next.stream().map(Choice::id).toList().equals(choices.stream().map(Choice::id).toList())
                || !next.stream().map(Choice::name).toList().equals(choices.stream().map(Choice::name).toList())) {
            choices.setAll(next);
        }
    }

    /** The built kubeconfig no longer matches the choice: drop it (and its token) from memory. */
    private void forget() {
        if (yaml != null) {
            yaml = null;
            built.set(false);
            summary.set("");
        }
    }

    /** Builds the kubeconfig for the chosen clusters. Not idempotent: the engine issues a token each time. */
    public void build() {
        List<Choice> chosen = choices.stream().filter(c -> c.chosen().get()).toList();
        if (chosen.isEmpty()) {
            error.set("Pick at least one cluster.");
            return;
        }
        KubeconfigExport request = new KubeconfigExport(chosen.stream().map(Choice::id).toList(), proxyContexts.get(), aceContexts.get());
        run(api.exportKubeconfig(request), "Cannot build the kubeconfig", (ExportedKubeconfig exported) -> {
            yaml = exported.yaml();
            built.set(true);
            summary.set("Kubeconfig for " + names(chosen) + " is ready" + kinds() + ". A copy is kept in the offline vault"
                    + (exported.vaultFile() == null || exported.vaultFile().isBlank() ? "." : " (" + exported.vaultFile() + ")."));
        });
    }

    private String kinds() {
        return proxyContexts.get() && aceContexts.get() ? ", with proxy and direct contexts"
                : aceContexts.get() ? ", with direct contexts" : ", through Drover's proxy";
    }

    private static String names(List<Choice> chosen) {
        return chosen.size() <= 3 ? chosen.stream().map(Choice::name).collect(Collectors.joining(", "))
                : chosen.size() + " clusters";
    }

    /** Saves the built kubeconfig to {@link #targetProperty}, readable by the user only (0600). */
    public void save() {
        if (yaml == null) {
            error.set("Build the kubeconfig first.");
            return;
        }
        Path file;
        try {
            file = Path.of(target.get().strip());
        } catch (InvalidPathException e) {
            error.set("\"" + target.get() + "\" is not a file name this system accepts.");
            return;
        }
        if (target.get().isBlank()) {
            error.set("Name the file to save to.");
            return;
        }
        run(api.saveKubeconfig(yaml, file), "Cannot save to " + file, done ->
                notice.set("Saved to " + file + ", readable by you only. Use it with KUBECONFIG=" + file + "."));
    }

    /** The built YAML for the clipboard (the view copies it), or {@code null} before a build. */
    public String textToCopy() {
        if (yaml != null) {
            notice.set("Copied. It holds a token: paste it only somewhere private.");
        }
        return yaml;
    }

    private <T> void run(java.util.concurrent.CompletableFuture<T> call, String failing, java.util.function.Consumer<T> then) {
        busy.set(true);
        error.set("");
        notice.set("");
        call.whenComplete((result, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure, failing));
            } else {
                then.accept(result);
            }
        }));
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    public BooleanProperty proxyContextsProperty() {
        return proxyContexts;
    }

    public BooleanProperty aceContextsProperty() {
        return aceContexts;
    }

    public StringProperty targetProperty() {
        return target;
    }

    /** Whether Build may be pressed: a cluster and a kind of context chosen, nothing running. */
    public BooleanBinding canBuildBinding() {
        return canBuild;
    }

    /** Whether a kubeconfig is built for the current choice (Save and Copy work). */
    public ReadOnlyBooleanProperty builtProperty() {
        return built.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
