package dev.drover.app.nodepools;

import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ManagementApi;
import java.time.Clock;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The node pools of one cluster and scaling them. A scale shows the quantity the engine stored at once;
 * the nodes follow as the provisioner acts (Refresh reads them again). FX thread.
 */
public final class NodePoolsViewModel {

    private final ManagementApi api;
    private final FxThreads threads;
    private final ObservableList<ClusterRow> clusters;
    private final Clock clock;
    private final StringProperty clusterId = new SimpleStringProperty(this, "clusterId", "");
    private final ObservableList<PoolRow> pools = FXCollections.observableArrayList();
    private final ObjectProperty<PoolRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<PoolRow.NodeRow> nodes = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public NodePoolsViewModel(ManagementApi api, FxThreads threads, ObservableList<ClusterRow> clusters) {
        this(api, threads, clusters, Clock.systemUTC());
    }

    NodePoolsViewModel(ManagementApi api, FxThreads threads, ObservableList<ClusterRow> clusters, Clock clock) {
        this.api = api;
        this.threads = threads;
        this.clusters = clusters;
        this.clock = clock;
        clusterId.addListener((observable, old, id) -> reload());
        selected.addListener((observable, old, pool) -> nodes.setAll(pool == null ? java.util.List.of() : pool.nodes()));
    }

    public ObservableList<ClusterRow> clusters() {
        return clusters;
    }

    public StringProperty clusterIdProperty() {
        return clusterId;
    }

    /** Reads the pools of the chosen cluster again, keeping the selected pool. */
    public void reload() {
        String id = clusterId.get();
        if (id == null || id.isEmpty()) {
            pools.clear();
            return;
        }
        busy.set(true);
        api.listNodePools(id).whenComplete((list, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (!id.equals(clusterId.get())) {
                return;
            }
            if (failure != null) {
                pools.clear();
                error.set(Failures.describe(failure, "Cannot read the node pools"));
                return;
            }
            error.set("");
            String keep = selected.get() == null ? "" : selected.get().id();
            pools.setAll(list.stream().map(pool -> PoolRow.of(pool, clock.instant())).toList());
            selected.set(pools.stream().filter(p -> p.id().equals(keep)).findFirst().orElse(pools.isEmpty() ? null : pools.getFirst()));
        }));
    }

    /** Asks for {@code delta} more (or fewer) nodes in {@code pool}; never below zero. */
    public void scale(PoolRow pool, int delta) {
        int quantity = pool.quantity() + delta;
        if (quantity < 0) {
            error.set(pool.name() + " has no nodes left to remove.");
            return;
        }
        String id = clusterId.get();
        busy.set(true);
        error.set("");
        api.scaleNodePool(id, pool.id(), quantity).whenComplete((scaled, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure, "Cannot scale " + pool.name()));
                return;
            }
            PoolRow row = PoolRow.of(scaled, clock.instant());
            int index = pools.indexOf(pools.stream().filter(p -> p.id().equals(row.id())).findFirst().orElse(null));
            if (index >= 0) {
                pools.set(index, row);
            }
            selected.set(row);
            notice.set(row.name() + ": " + row.quantity() + (row.quantity() == 1 ? " node" : " nodes") + " wanted; the provisioner is on it.");
        }));
    }

    public ObservableList<PoolRow> pools() {
        return pools;
    }

    public ObjectProperty<PoolRow> selectedProperty() {
        return selected;
    }

    /** Nodes of the selected pool. */
    public ObservableList<PoolRow.NodeRow> nodes() {
        return nodes;
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
