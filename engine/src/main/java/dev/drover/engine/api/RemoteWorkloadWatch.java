package dev.drover.engine.api;

import dev.drover.engine.api.wire.WorkloadWatchMessage;
import dev.drover.engine.api.wire.WireJson;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote workload watch over a WebSocket of {@link WorkloadWatchMessage}s. The read model it mirrors has
 * no revisions, so a dropped connection resumes the way a relisting reflector does: the new connection's
 * snapshot is compared with what this watch last delivered and only the difference goes to the listener, as an
 * ordinary (non-snapshot) batch — the listener sees one consistent stream, never a duplicate. A connection
 * silent for {@link RemoteClusterWatch#IDLE_LIMIT} (the server sends a bookmark every few seconds) is replaced.
 * The listener runs on this client's threads, one batch at a time.
 */
final class RemoteWorkloadWatch implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWorkloadWatch.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final RemoteHttp http;
    private final String path;
    private final Consumer<WorkloadBatch> listener;
    private final ScheduledExecutorService timers;
    private final ScheduledFuture<?> watchdog;
    /** What the listener has been given, by ref. */
    private final Map<WorkloadRef, WorkloadSummary> known = new HashMap<>();
    private boolean delivered;
    private int generation;
    private WebSocket socket;
    private long lastMessageNanos = System.nanoTime();
    private long retryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean closed;

    private RemoteWorkloadWatch(RemoteHttp http, String path, Consumer<WorkloadBatch> listener, ScheduledExecutorService timers) {
        this.http = http;
        this.path = path;
        this.listener = listener;
        this.timers = timers;
        this.watchdog = timers.scheduleWithFixedDelay(this::checkAlive, 1, 1, TimeUnit.SECONDS);
    }

    /** Opens the watch; the first connection's refusal (unknown cluster, bad query, login expired) is thrown here. */
    static RemoteWorkloadWatch open(RemoteHttp http, String path, Consumer<WorkloadBatch> listener, ScheduledExecutorService timers) {
        RemoteWorkloadWatch watch = new RemoteWorkloadWatch(http, path, listener, timers);
        try {
            RemoteWorkloads.await(watch.connect());
        } catch (ApiException e) {
            watch.close();
            throw e;
        }
        return watch;
    }

    private synchronized CompletableFuture<WebSocket> connect() {
        if (closed) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.UNAVAILABLE, "The watch is closed."));
        }
        int attempt = ++generation;
        lastMessageNanos = System.nanoTime();
        return http.webSocket(path, new Frames(attempt)).whenComplete((opened, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    if (attempt == generation && delivered) {
                        LOG.debug("Workload watch of {} could not connect: {}", http.server(), failure.getMessage());
                        retryLater(attempt);
                    }
                } else if (closed || attempt != generation) {
                    opened.abort();
                } else {
                    socket = opened;
                }
            }
        });
    }

    private final class Frames implements WebSocket.Listener {
        private final int attempt;
        private final StringBuilder text = new StringBuilder();

        Frames(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                handle(attempt, frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(attempt, "closed by the server (" + statusCode + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(attempt, PinnedTls.describe(error));
        }
    }

    private synchronized void handle(int attempt, String frame) {
        if (closed || attempt != generation) {
            return;
        }
        lastMessageNanos = System.nanoTime();
        WorkloadWatchMessage message;
        try {
            message = WireJson.decode(frame, WorkloadWatchMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a workload watch message from {} this console cannot read: {}", http.server(), e.getMessage());
            return;
        }
        switch (message.type()) {
            case WorkloadWatchMessage.BATCH -> {
                if (message.batch() != null) {
                    retryMillis = FIRST_RETRY_MILLIS;
                    apply(message.batch());
                }
            }
            case WorkloadWatchMessage.ERROR -> {
                LOG.info("Workload watch of {} ended by the server: {}", http.server(),
                        message.status() == null ? "no reason" : message.status().message());
                drop(attempt);
                retryLater(attempt);
            }
            default -> { } // BOOKMARK: the connection is alive, which lastMessageNanos now says
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

    private synchronized void lost(int attempt, String why) {
        if (closed || attempt != generation) {
            return;
        }
        LOG.info("Workload watch of {} lost ({}); reconnecting", http.server(), why);
        retryLater(attempt);
    }

    private synchronized void checkAlive() {
        if (!closed && socket != null && System.nanoTime() - lastMessageNanos > RemoteClusterWatch.IDLE_LIMIT.toNanos()) {
            int attempt = generation;
            drop(attempt);
            retryLater(attempt);
        }
    }

    private void drop(int attempt) {
        if (attempt == generation && socket != null) {
            socket.abort();
            socket = null;
        }
    }

    private void retryLater(int attempt) {
        if (closed || attempt != generation) {
            return;
        }
        generation++;
        socket = null;
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        try {
            timers.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            closed = true;
        }
    }

    @Override
    public void close() {
        WebSocket open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            open = socket;
            socket = null;
        }
        watchdog.cancel(false);
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, e) -> open.abort());
        }
    }
}
