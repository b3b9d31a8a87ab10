package dev.drover.app.clusters;

import dev.drover.app.clusters.DetailRows.ConditionRow;
import dev.drover.app.clusters.DetailRows.EventRow;
import dev.drover.app.clusters.DetailRows.NodeRow;
import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxEventBatcher;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterDetail;
import dev.drover.engine.api.ClusterEvent;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The detail pane of the selected cluster: its row (kept current by the clusters watch), its conditions
 * and nodes ({@code getCluster}, asked again when the row changes), its events (live through
 * {@code watchClusterEvents}, batched onto the FX thread), and removing it from management.
 *
 * <p>FX thread. Selecting another cluster closes the previous event watch; a late answer about a cluster
 * no longer selected is dropped.
 */
public final class ClusterDetailViewModel implements AutoCloseable {

    /** Events kept per cluster: enough to read back an incident, bounded so a chatty cluster costs little. */
    static final int MAX_EVENTS = 200;

    private final ManagementApi api;
    private final FxThreads threads;
    private final ClustersViewModel clusters;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<ClusterRow> cluster = new ReadOnlyObjectWrapper<>(this, "cluster");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper nodesMessage = new ReadOnlyStringWrapper(this, "nodesMessage", "");
    private final ReadOnlyStringWrapper eventsMessage = new ReadOnlyStringWrapper(this, "eventsMessage", "");
    private final ObservableList<ConditionRow> conditions = FXCollections.observableArrayList();
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final Map<String, EventRow> eventsById = new LinkedHashMap<>();
    private String watchedId;
    private Subscription eventWatch;
    private FxEventBatcher<ApiEvent<ClusterEvent>> eventBatcher;

    public ClusterDetailViewModel(ManagementApi api, FxThreads threads, ClustersViewModel clusters) {
        this(api, threads, clusters, Clock.systemUTC());
    }

    ClusterDetailViewModel(ManagementApi api, FxThreads threads, ClustersViewModel clusters, Clock clock) {
        this.api = api;
        this.threads = threads;
        this.clusters = clusters;
        this.clock = clock;
        clusters.selectedProperty().addListener((observable, old, id) -> refresh());
        clusters.clusters().addListener((ListChangeListener<ClusterRow>) change -> refresh());
    }

    private void refresh() {
        String id = clusters.selectedProperty().get();
        ClusterRow current = clusters.clusters().stream().filter(row -> row.id().equals(id)).findFirst().orElse(null);
        if (current == null || !current.equals(cluster.get())) {
            boolean another = current == null || cluster.get() == null || !current.id().equals(cluster.get().id());
            if (another) {
                error.set("");
            }
            cluster.set(current);
            if (another) {
                follow(current == null ? null : current.id());
            } else {
                loadDetail(current.id());
            }
        }
    }

    /** Stops watching the previous cluster's events and starts on {@code id} ({@code null}: none). */
    private void follow(String id) {
        stopWatch();
        watchedId = id;
        conditions.clear();
        nodes.clear();
        events.clear();
        eventsById.clear();
        nodesMessage.set("");
        eventsMessage.set("");
        if (id == null) {
            return;
        }
        loadDetail(id);
        FxEventBatcher<ApiEvent<ClusterEvent>> batcher = threads.batcher(this::applyEvents);
        eventBatcher = batcher;
        // Subscribing may wait on the network (remote engine), so not on the FX thread.
        threads.background().execute(() -> {
            try {
                Subscription watch = api.watchClusterEvents(id, batcher::post);
                threads.fx().execute(() -> {
                    if (eventBatcher == batcher) {
                        eventWatch = watch;
                    } else {
                        watch.close();
                    }
                });
            } catch (RuntimeException e) {
                threads.fx().execute(() -> {
                    if (eventBatcher == batcher) {
                        eventsMessage.set(Failures.describe(e, "Cannot follow the events"));
                    }
                });
            }
        });
    }

    private void loadDetail(String id) {
        api.getCluster(id).whenComplete((detail, failure) -> threads.fx().execute(() -> {
            if (!id.equals(watchedId)) {
                return;
            }
            if (failure != null) {
                nodesMessage.set(Failures.describe(failure, "Cannot read the cluster's details"));
                return;
            }
            show(detail);
        }));
    }

    private void show(ClusterDetail detail) {
        Instant now = clock.instant();
        conditions.setAll(detail.conditions().stream().map(c -> ConditionRow.of(c, now)).toList());
        nodes.setAll(detail.nodes().stream().map(NodeRow::of).toList());
        nodesMessage.set(detail.nodesMessage() == null ? "" : detail.nodesMessage());
        if (eventsById.isEmpty()) {
            detail.recentEvents().forEach(event -> eventsById.put(event.id(), EventRow.of(event)));
            publishEvents();
        }
    }

    private void applyEvents(List<ApiEvent<ClusterEvent>> batch) {
        for (ApiEvent<ClusterEvent> event : batch) {
            if (!Objects.equals(event.object().clusterId(), watchedId)) {
                continue;
            }
            if (event.type() == ApiEvent.Type.DELETED) {
                eventsById.remove(event.object().id());
            } else {
                eventsById.put(event.object().id(), EventRow.of(event.object()));
            }
        }
        publishEvents();
    }

    /** Newest first, at most {@link #MAX_EVENTS}; one list change per batch. */
    private void publishEvents() {
        List<EventRow> sorted = eventsById.values().stream()
                .sorted(Comparator.comparing(EventRow::lastSeen).reversed()).limit(MAX_EVENTS).toList();
        if (eventsById.size() > MAX_EVENTS) {
            eventsById.keySet().retainAll(sorted.stream().map(EventRow::id).toList());
        }
        events.setAll(sorted);
    }

    private void stopWatch() {
        if (eventBatcher != null) {
            eventBatcher.close();
            eventBatcher = null;
        }
        if (eventWatch != null) {
            eventWatch.close();
            eventWatch = null;
        }
    }

    /** The selected cluster's latest row, or {@code null} when none is selected (or it is gone). */
    public ReadOnlyObjectProperty<ClusterRow> clusterProperty() {
        return cluster.getReadOnlyProperty();
    }

    public ObservableList<ConditionRow> conditions() {
        return FXCollections.unmodifiableObservableList(conditions);
    }

    public ObservableList<NodeRow> nodes() {
        return FXCollections.unmodifiableObservableList(nodes);
    }

    /** Newest first. */
    public ObservableList<EventRow> events() {
        return FXCollections.unmodifiableObservableList(events);
    }

    /** Why the node list is missing (cluster unreachable), or empty. */
    public ReadOnlyStringProperty nodesMessageProperty() {
        return nodesMessage.getReadOnlyProperty();
    }

    /** Why events cannot be followed, or empty. */
    public ReadOnlyStringProperty eventsMessageProperty() {
        return eventsMessage.getReadOnlyProperty();
    }

    /** Now, for "5m ago". */
    public Instant now() {
        return clock.instant();
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
                error.set(Failures.describe(failure, "Cannot remove " + shown.name()));
            }
        }));
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Stops the event watch. FX thread; idempotent. */
    @Override
    public void close() {
        stopWatch();
        watchedId = null;
    }
}
