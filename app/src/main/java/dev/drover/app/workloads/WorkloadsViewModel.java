package dev.drover.app.workloads;

import dev.drover.app.fx.FxEventBatcher;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.LiveRows;
import dev.drover.engine.api.ManagementApi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workloads page's state: every workload and pod of the followed clusters in two {@link LiveRows},
 * fed by batches of changes on the FX thread, narrowed by a scope (cluster, then project), an owner (the pods of one
 * workload) and the filter text.
 *
 * <p>Threads: {@link #post} is called on engine threads and returns at once; everything else on the FX
 * thread. A batch of 100 changes costs one in-place list change per table.
 */
public final class WorkloadsViewModel implements AutoCloseable {

    /** A choice of the scope box: one cluster, or every cluster ({@code clusterId} empty). */
    public record Scope(String clusterId, String label) {
        public static final Scope ALL = new Scope("", "All clusters");
    }

    /** A choice of the project box: one project of the chosen cluster, or all of them ({@code projectId} empty). */
    public record ProjectScope(String projectId, String label) {
        public static final ProjectScope ALL = new ProjectScope("", "All projects");
    }

    /** One change from the engine: a new state of a row, or its removal. */
    public record Change(WorkloadRow row, boolean deleted) {
    }

    private static final Comparator<WorkloadRow> BY_NAME = Comparator.comparing(WorkloadRow::name);

    private final WorkloadFeedViewModel feed;
    private final FxEventBatcher<Change> changes;
    private final LiveRows<WorkloadRow> workloads = new LiveRows<>(WorkloadRow::key, BY_NAME);
    private final LiveRows<WorkloadRow> pods = new LiveRows<>(WorkloadRow::key, BY_NAME);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final StringProperty scope = new SimpleStringProperty(this, "scope", "");
    private final ReadOnlyStringWrapper owner = new ReadOnlyStringWrapper(this, "owner", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringBinding countText;
    private final ObservableList<Scope> scopes = FXCollections.observableArrayList(Scope.ALL);
    private final StringProperty project = new SimpleStringProperty(this, "project", "");
    private final ObservableList<ProjectScope> projects = FXCollections.observableArrayList(ProjectScope.ALL);

    /** Fed by {@link #post} only (tests, benchmarks). */
    public WorkloadsViewModel(FxThreads threads) {
        this(threads, null);
    }

    /**
     * Fed by the engine: every cluster offered by {@link #setClusters} is watched ({@code watchWorkloads},
     * workloads only: pods are listed per workload when asked, so 100k pods are not streamed by default).
     */
    public WorkloadsViewModel(FxThreads threads, ManagementApi api) {
        this.feed = api == null ? null : new WorkloadFeedViewModel(api, threads, this::post, this::setError);
        this.changes = threads.batcher(this::apply);
        filterText.addListener((observable, old, text) -> refilter(narrows(old, text)));
        scope.addListener((observable, old, text) -> {
            loadProjects(text);
            refilter(false);
        });
        project.addListener((observable, old, text) -> refilter(false));
        owner.addListener((observable, old, text) -> refilter(false));
        countText = Bindings.createStringBinding(() -> count(workloads.size(), "workload") + " · " + count(pods.size(), "pod"),
                workloads, pods);
    }

    private static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** Queues one change for the next batch. Any thread; returns at once. */
    public void post(Change change) {
        changes.post(change);
    }

    /** Applies a batch on the FX thread, keeping each key's last change only. */
    public void apply(List<Change> batch) {
        Map<String, WorkloadRow> workloadBatch = new LinkedHashMap<>();
        Map<String, WorkloadRow> podBatch = new LinkedHashMap<>();
        for (Change change : batch) {
            WorkloadRow row = change.row();
            (row.isPod() ? podBatch : workloadBatch).put(row.key(), change.deleted() ? null : row);
        }
        workloads.apply(workloadBatch);
        pods.apply(podBatch);
    }

    /** "de" after "d" only narrows: test only the rows shown now. */
    private static boolean narrows(String old, String text) {
        return old != null && text != null && text.strip().toLowerCase(Locale.ROOT).contains(old.strip().toLowerCase(Locale.ROOT));
    }

    private void refilter(boolean narrowing) {
        String needle = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        String cluster = scope.get();
        String ownerRef = owner.get();
        String projectId = project.get();
        Predicate<WorkloadRow> inCluster = cluster.isEmpty() ? row -> true : row -> row.clusterId().equals(cluster);
        Predicate<WorkloadRow> inScope = projectId.isEmpty() ? inCluster : inCluster.and(row -> row.project().equals(projectId));
        Predicate<WorkloadRow> matches = needle.isEmpty() ? inScope : inScope.and(row -> row.contains(needle));
        workloads.setFilter(matches, narrowing);
        pods.setFilter(ownerRef.isEmpty() ? matches : matches.and(row -> row.owner().equals(ownerRef)), narrowing);
    }

    public LiveRows<WorkloadRow> workloads() {
        return workloads;
    }

    public LiveRows<WorkloadRow> pods() {
        return pods;
    }

    /** Sorts the workloads table; {@code null} restores the default (by name). */
    public void sortWorkloads(Comparator<WorkloadRow> order) {
        workloads.setOrder(order == null ? BY_NAME : order);
    }

    public void sortPods(Comparator<WorkloadRow> order) {
        pods.setOrder(order == null ? BY_NAME : order);
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** The scope box's choices: all clusters, then each cluster by name. */
    public ObservableList<Scope> scopes() {
        return scopes;
    }

    /** Replaces the clusters offered (the clusters page's list changed); keeps the chosen one if it is still there. */
    public void setClusters(List<Scope> clusters) {
        List<Scope> next = new ArrayList<>();
        next.add(Scope.ALL);
        next.addAll(clusters);
        if (!next.equals(scopes)) {
            scopes.setAll(next);
        }
        if (next.stream().noneMatch(choice -> choice.clusterId().equals(scope.get()))) {
            scope.set("");
        }
        if (feed != null) {
            feed.follow(clusters);
        }
    }

    /** The cluster id shown, or empty for all. */
    public StringProperty scopeProperty() {
        return scope;
    }

    /** A project belongs to one cluster: choosing a cluster offers its projects, and "all clusters" none. */
    private void loadProjects(String clusterId) {
        project.set("");
        projects.setAll(ProjectScope.ALL);
        if (feed != null && !clusterId.isEmpty()) {
            feed.listProjects(clusterId, list -> {
                if (clusterId.equals(scope.get())) {
                    List<ProjectScope> next = new ArrayList<>();
                    next.add(ProjectScope.ALL);
                    list.forEach(p -> next.add(new ProjectScope(p.id(), p.displayName())));
                    projects.setAll(next);
                }
            });
        }
    }

    /** The project box's choices: all projects, then those of the chosen cluster. */
    public ObservableList<ProjectScope> projects() {
        return projects;
    }

    /** The project id shown (of the chosen cluster), or empty for all. */
    public StringProperty projectProperty() {
        return project;
    }

    /** Shows only the pods of {@code workload}; {@code null} shows all pods again. */
    public void showPodsOf(WorkloadRow workload) {
        owner.set(workload == null ? "" : workload.ownerRef());
        if (workload != null && feed != null) {
            feed.listPods(workload);
        }
    }

    /** {@code Kind/name} of the workload whose pods are shown, or empty. */
    public ReadOnlyStringProperty ownerProperty() {
        return owner.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setError(String message) {
        error.set(message);
    }

    /** "1,204 workloads · 100,000 pods". */
    public StringBinding countText() {
        return countText;
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        changes.close();
    }
}
