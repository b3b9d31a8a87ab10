package dev.drover.app.workloads;

import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxEventBatcher;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.LogListener;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.PodLogRequest;
import dev.drover.engine.api.Subscription;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live log of one pod. Lines arrive on an engine thread and reach the FX thread in batches (a chatty
 * pod costs one list change per 100 ms); the list keeps the last {@link #MAX_LINES}. Paused, lines are
 * held back (still bounded) and shown on resume. {@link #close} ends the follow: the view calls it when
 * its window closes, so no stream outlives what shows it.
 */
public final class PodLogViewModel implements AutoCloseable {

    static final int MAX_LINES = 5_000;
    static final int TAIL_LINES = 500;

    private final ManagementApi api;
    private final FxThreads threads;
    private final PodLogRequest request;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final List<String> held = new ArrayList<>();
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Connecting…");
    private final FxEventBatcher<Line> batcher;
    private volatile Subscription follow;
    private volatile boolean closed;

    /** A line, or the end of the stream ({@code end} true, {@code failure} null when normal). */
    private record Line(String text, boolean end, ApiException failure) {
    }

    PodLogViewModel(ManagementApi api, FxThreads threads, String clusterId, String namespace, String pod) {
        this.api = api;
        this.threads = threads;
        this.request = new PodLogRequest(clusterId, namespace, pod, "", TAIL_LINES, true);
        this.batcher = threads.batcher(this::apply);
        paused.addListener((observable, was, now) -> {
            if (!now) {
                append(held);
                held.clear();
            }
            showStatus();
        });
    }

    /** "shop/web-7d9f-abcde". */
    public String title() {
        return request.namespace() + "/" + request.pod();
    }

    void start() {
        // Opening the stream may wait on the network, so not on the FX thread.
        threads.background().execute(() -> {
            try {
                Subscription opened = api.followPodLog(request, new LogListener() {
                    @Override
                    public void onLine(String line) {
                        batcher.post(new Line(line, false, null));
                    }

                    @Override
                    public void onEnd(ApiException failure) {
                        batcher.post(new Line("", true, failure));
                    }
                });
                follow = opened;
                if (closed) {
                    opened.close();
                }
                threads.fx().execute(this::showStatus);
            } catch (RuntimeException e) {
                threads.fx().execute(() -> status.set(Failures.describe(e, "Cannot follow the log")));
            }
        });
    }

    private void apply(List<Line> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (Line line : batch) {
            if (line.end()) {
                status.set(line.failure() == null ? "The log ended." : line.failure().getMessage());
                follow = null;
            } else {
                texts.add(line.text());
            }
        }
        if (paused.get()) {
            held.addAll(texts);
            if (held.size() > MAX_LINES) {
                held.subList(0, held.size() - MAX_LINES).clear();
            }
            showStatus();
        } else {
            append(texts);
        }
    }

    private void append(List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        int overflow = lines.size() + texts.size() - MAX_LINES;
        if (overflow > 0) {
            lines.remove(0, Math.min(overflow, lines.size()));
        }
        lines.addAll(texts.size() > MAX_LINES ? texts.subList(texts.size() - MAX_LINES, texts.size()) : texts);
    }

    private void showStatus() {
        if (follow == null && !status.get().startsWith("Connecting")) {
            return;
        }
        status.set(paused.get() ? "Paused · " + held.size() + " new " + (held.size() == 1 ? "line" : "lines") + " held" : "Following");
    }

    public ObservableList<String> lines() {
        return FXCollections.unmodifiableObservableList(lines);
    }

    /** Paused: new lines wait until resumed. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** "Following", "Paused · 12 new lines held", or why the log ended. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void clear() {
        lines.clear();
    }

    /** Ends the follow (closes its Subscription). Idempotent; any thread. */
    @Override
    public void close() {
        closed = true;
        batcher.close();
        Subscription open = follow;
        follow = null;
        if (open != null) {
            open.close();
        }
    }
}
