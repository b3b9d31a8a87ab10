package dev.drover.app.clusters;

import dev.drover.app.fx.FxEventBatcher;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Keeps the list of clusters in step with the engine's watch. Events arrive on engine threads and
 * reach {@link #clusters()} in batches on the FX thread; subscribing runs on the background
 * executor because a remote engine may block there.
 */
public final class ClustersViewModel implements AutoCloseable {

    private final ManagementApi api;
    private final FxThreads threads;
    private final FxEventBatcher<ApiEvent<ClusterSummary>> events;
    private final ObservableList<ClusterRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ClusterRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final StringBinding countText = Bindings.createStringBinding(
            () -> rows.size() == 1 ? "1 cluster" : rows.size() + " clusters", rows);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringProperty selected = new SimpleStringProperty(this, "selected", "");
    private Subscription subscription;
    private boolean closed;

    public ClustersViewModel(ManagementApi api, FxThreads threads) {
        this.api = api;
        this.threads = threads;
        this.events = threads.batcher(this::apply);
    }

    /** Starts watching. Call once, on the FX thread; returns at once. */
    public void start() {
        threads.background().execute(() -> {
            try {
                attach(api.watchClusters(events::post));
            } catch (RuntimeException e) {
                threads.fx().execute(() -> error.set("Cannot watch clusters: " + e.getMessage()));
            }
        });
    }

    private synchronized void attach(Subscription started) {
        if (closed) {
            started.close();
        } else {
            subscription = started;
        }
    }

    /** Rows in arrival order; the view sorts them. Changes only on the FX thread. */
    public ObservableList<ClusterRow> clusters() {
        return readOnlyRows;
    }

    /** The id of the cluster the user picked (table or palette); empty for none. FX thread. */
    public StringProperty selectedProperty() {
        return selected;
    }

    /** Selects a cluster by id, e.g. from the command palette. */
    public void select(String clusterId) {
        selected.set(clusterId == null ? "" : clusterId);
    }

    /** "3 clusters". */
    public StringBinding countText() {
        return countText;
    }

    /** Why the list may be stale; empty when all is well. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Applies one batch on the FX thread with as few list changes as it can: one for all removals,
     * one for all additions, one per changed row, so the table re-sorts and lays out a few times per
     * batch rather than once per event.
     */
    private void apply(List<ApiEvent<ClusterSummary>> batch) {
        // Each cluster's events arrive in order, so only the last one of a batch matters.
        Map<String, ApiEvent<ClusterSummary>> latest = new LinkedHashMap<>();
        batch.forEach(event -> latest.put(event.object().id(), event));

        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            positions.put(rows.get(i).id(), i);
        }
        Set<ClusterRow> removed = new HashSet<>();
        List<ClusterRow> added = new ArrayList<>();
        for (ApiEvent<ClusterSummary> event : latest.values()) {
            ClusterRow row = ClusterRow.of(event.object());
            Integer position = positions.get(row.id());
            if (event.type() == ApiEvent.Type.DELETED) {
                if (position != null) {
                    removed.add(rows.get(position));
                }
            } else if (position == null) {
                added.add(row);
            } else if (rows.get(position).resourceVersion() <= row.resourceVersion()) {
                // A watch that resumes may replay a state the table has already shown; newer wins.
                rows.set(position, row);
            }
        }
        if (!removed.isEmpty()) {
            rows.removeAll(removed);
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
    }

    /** Stops the watch. Idempotent. */
    @Override
    public void close() {
        Subscription running;
        synchronized (this) {
            closed = true;
            running = subscription;
            subscription = null;
        }
        events.close();
        if (running != null) {
            running.close();
        }
    }
}
