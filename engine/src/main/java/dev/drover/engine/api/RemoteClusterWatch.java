package dev.drover.engine.api;

import dev.drover.engine.api.wire.ApiPaths;
import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WatchMessage;
import dev.drover.engine.api.wire.WireJson;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote cluster watch, kept alive across dropped connections the way a client-go reflector is:
 * it remembers the last revision it saw and reconnects from there; when the server no longer has that
 * revision it lists again and turns the difference into events (ADDED for new, MODIFIED for changed,
 * DELETED for vanished clusters), so the listener sees one consistent stream and never a duplicate.
 * A connection silent for longer than {@link #IDLE_LIMIT} (the server sends a bookmark every few
 * seconds) is given up as dead and replaced.
 *
 * <p>The listener is called on this client's threads, one event at a time, in order.
 */
final class RemoteClusterWatch implements Subscription {

    /** Three missed server heartbeats. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RemoteClusterWatch.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final RemoteHttp http;
    private final Consumer<ApiEvent<ClusterSummary>> listener;
    private final ScheduledExecutorService timers;
    private final ScheduledFuture<?> watchdog;
    private final Map<String, ClusterSummary> known = new HashMap<>();
    /** Ids seen during a (re)list, to find what vanished meanwhile; null when not listing. */
    private Set<String> listed;
    private long resumeAfter;
    private int generation;
    private WebSocket socket;
    private long lastMessageNanos = System.nanoTime();
    private long retryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean closed;

    RemoteClusterWatch(RemoteHttp http, Consumer<ApiEvent<ClusterSummary>> listener, ScheduledExecutorService timers) {
        this.http = http;
        this.listener = listener;
        this.timers = timers;
        this.watchdog = timers.scheduleWithFixedDelay(this::checkAlive, 1, 1, TimeUnit.SECONDS);
        connect();
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        int attempt = ++generation;
        lastMessageNanos = System.nanoTime();
        listed = resumeAfter > 0 ? null : new HashSet<>();
        String path = ApiPaths.WATCH_CLUSTERS + (resumeAfter > 0 ? "?" + ApiPaths.RESOURCE_VERSION + "=" + resumeAfter : "");
        http.webSocket(path, new Frames(attempt)).whenComplete((opened, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    if (attempt == generation) {
                        LOG.debug("Watch of {} could not connect: {}", http.server(), failure.getMessage());
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

    /** One connection's frames; stale connections' frames are ignored by generation. */
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
            lost(attempt, "closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
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
        WatchMessage message;
        try {
            message = WireJson.decode(frame, WatchMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring a watch message from {} this console cannot read: {}", http.server(), e.getMessage());
            return;
        }
        switch (message.type()) {
            case WatchMessage.SYNCED -> synced(message.resourceVersion());
            case WatchMessage.BOOKMARK -> resumeAfter = listed == null ? Math.max(resumeAfter, message.resourceVersion()) : resumeAfter;
            case WatchMessage.ERROR -> failed(attempt, message.status());
            default -> {
                if (message.object() != null) {
                    apply(ApiEvent.Type.valueOf(message.type()), message.object());
                }
            }
        }
    }

    private void apply(ApiEvent.Type type, ClusterSummary cluster) {
        retryMillis = FIRST_RETRY_MILLIS;
        if (listed != null) {
            listed.add(cluster.id());
        } else {
            resumeAfter = Math.max(resumeAfter, cluster.resourceVersion());
        }
        ClusterSummary previous = known.get(cluster.id());
        if (type == ApiEvent.Type.DELETED) {
            if (previous != null && previous.resourceVersion() <= cluster.resourceVersion()) {
                known.remove(cluster.id());
                deliver(ApiEvent.Type.DELETED, cluster);
            }
            return;
        }
        if (previous != null && previous.resourceVersion() >= cluster.resourceVersion()) {
            return; // seen before the connection dropped
        }
        known.put(cluster.id(), cluster);
        deliver(previous == null ? ApiEvent.Type.ADDED : ApiEvent.Type.MODIFIED, cluster);
    }

    private void deliver(ApiEvent.Type type, ClusterSummary cluster) {
        try {
            listener.accept(new ApiEvent<>(type, cluster));
        } catch (RuntimeException e) {
            LOG.warn("A cluster watch listener failed on {} {}: {}", type, cluster.id(), e.toString());
        }
    }

    /** The (re)list is complete: what was known but not listed is gone. */
    private void synced(long revision) {
        retryMillis = FIRST_RETRY_MILLIS;
        if (listed != null) {
            for (ClusterSummary gone : List.copyOf(known.values())) {
                if (!listed.contains(gone.id())) {
                    known.remove(gone.id());
                    deliver(ApiEvent.Type.DELETED, gone);
                }
            }
            listed = null;
        }
        resumeAfter = Math.max(resumeAfter, revision);
    }

    private void failed(int attempt, Status status) {
        if (status != null && Status.EXPIRED.equals(status.reason())) {
            resumeAfter = 0; // that revision is gone: list again
        }
        LOG.info("Watch of {} ended by the server: {}", http.server(), status == null ? "no reason" : status.message());
        drop(attempt);
        retryLater(attempt);
    }

    private synchronized void lost(int attempt, String why) {
        if (closed || attempt != generation) {
            return;
        }
        LOG.info("Watch of {} lost ({}); resuming from revision {}", http.server(), why, resumeAfter);
        retryLater(attempt);
    }

    private synchronized void checkAlive() {
        if (!closed && socket != null && System.nanoTime() - lastMessageNanos > IDLE_LIMIT.toNanos()) {
            LOG.info("Watch of {} silent for {} s; reconnecting", http.server(), IDLE_LIMIT.toSeconds());
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
        generation++; // whatever the old connection still says is stale from now on
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
