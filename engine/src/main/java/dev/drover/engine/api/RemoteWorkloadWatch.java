package dev.drover.engine.api;

import dev.drover.engine.api.wire.WorkloadWatchMessage;
import dev.drover.engine.api.wire.WireJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote workload watch over a WebSocket of {@link WorkloadWatchMessage}s. The read model it mirrors has
 * no revisions, so a dropped connection resumes the way a relisting reflector does: the new connection's
 * snapshot is compared with what this watch last delivered and only the difference goes to the listener, as an
 * ordinary (non-snapshot) batch — the listener sees one consistent stream, never a duplicate. A connection
 * silent for {@link ResumingSocket#IDLE_LIMIT} (the server sends a bookmark every few seconds) is replaced.
 * The listener runs on this client's threads, one batch at a time.
 */
final class RemoteWorkloadWatch implements Subscription, ResumingSocket.Peer {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWorkloadWatch.class);

    private final RemoteHttp http;
    private final String path;
    private final Consumer<WorkloadBatch> listener;
    private final ResumingSocket socket;
    // The fields below are guarded by the socket's lock, held whenever it calls this peer.
    /** What the listener has been given, by ref. */
    private final Map<WorkloadRef, WorkloadSummary> known = new HashMap<>();
    private boolean delivered;

    private RemoteWorkloadWatch(RemoteHttp http, String path, Consumer<WorkloadBatch> listener, ScheduledExecutorService timers) {
        this.http = http;
        this.path = path;
        this.listener = listener;
        this.socket = new ResumingSocket(http, timers, this);
    }

    /** Opens the watch; the first connection's refusal (unknown cluster, bad query, login expired) is thrown here. */
    static RemoteWorkloadWatch open(RemoteHttp http, String path, Consumer<WorkloadBatch> listener, ScheduledExecutorService timers) {
        RemoteWorkloadWatch watch = new RemoteWorkloadWatch(http, path, listener, timers);
        try {
            RemoteWorkloads.await(watch.socket.open());
        } catch (ApiException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    @Override
    public String path() {
        return path;
    }

    /** Until the first batch, a refusal is the caller's to see (thrown by {@link #open}), not to retry. */
    @Override
    public boolean retries(Throwable failure) {
        if (delivered) {
            LOG.debug("Workload watch of {} could not connect: {}", http.server(), failure.getMessage());
        }
        return delivered;
    }

    @Override
    public void lost(String why) {
        LOG.info("Workload watch of {} lost ({}); reconnecting", http.server(), why);
    }

    @Override
    public void frame(String text) {
        WorkloadWatchMessage message;
        try {
            message = WireJson.decode(text, WorkloadWatchMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a workload watch message from {} this console cannot read: {}", http.server(), e.getMessage());
            return;
        }
        switch (message.type()) {
            case WorkloadWatchMessage.BATCH -> {
                if (message.batch() != null) {
                    socket.resetBackoff();
                    apply(message.batch());
                }
            }
            case WorkloadWatchMessage.ERROR -> {
                LOG.info("Workload watch of {} ended by the server: {}", http.server(),
                        message.status() == null ? "no reason" : message.status().message());
                socket.reconnect();
            }
            default -> { } // BOOKMARK: the socket's watchdog has already seen the connection is alive
        }
    }

    private void apply(WorkloadBatch batch) {
        List<WorkloadSummary> changed = new ArrayList<>();
        List<WorkloadRef> deleted = new ArrayList<>();
        if (batch.snapshot()) {
            Set<WorkloadRef> present = new HashSet<>();
            for (WorkloadSummary w : batch.changed()) {
                present.add(w.ref());
                if (!Objects.equals(known.put(w.ref(), w), w)) {
                    changed.add(w);
                }
            }
            for (WorkloadRef gone : List.copyOf(known.keySet())) {
                if (!present.contains(gone)) {
                    known.remove(gone);
                    deleted.add(gone);
                }
            }
        } else {
            for (WorkloadSummary w : batch.changed()) {
                known.put(w.ref(), w);
                changed.add(w);
            }
            for (WorkloadRef gone : batch.deleted()) {
                if (known.remove(gone) != null) {
                    deleted.add(gone);
                }
            }
        }
        boolean first = !delivered;
        delivered = true;
        if (first) {
            deliver(new WorkloadBatch(true, changed, List.of()));
        } else if (!changed.isEmpty() || !deleted.isEmpty()) {
            deliver(new WorkloadBatch(false, changed, deleted));
        }
    }

    private void deliver(WorkloadBatch batch) {
        try {
            listener.accept(batch);
        } catch (RuntimeException e) {
            LOG.warn("A workload watch listener failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
