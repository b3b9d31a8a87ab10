package dev.drover.engine.api;

import dev.drover.engine.api.wire.AdminPaths;
import dev.drover.engine.api.wire.EventWatchMessage;
import dev.drover.engine.api.wire.WatchMessage;
import dev.drover.engine.api.wire.WireJson;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote watch of a cluster's events. The server sends the whole (bounded) event list on every
 * connect, so after a dropped connection this simply reconnects and compares what it is sent with what it
 * delivered: new ids are ADDED, a changed count or time is MODIFIED, the rest is not repeated. Events
 * pruned while disconnected are not reported as DELETED (the list is a log, not a state). A connection
 * silent longer than {@link RemoteClusterWatch#IDLE_LIMIT} is replaced; a cluster the server does not know ends the watch. Listener calls are on this client's
 * threads, one at a time.
 */
final class RemoteEventWatch implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteEventWatch.class);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final RemoteHttp http;
    private final String clusterId;
    private final Consumer<ApiEvent<ClusterEvent>> listener;
    private final ScheduledExecutorService timers;
    private final ScheduledFuture<?> watchdog;
    private final Map<String, ClusterEvent> known = new HashMap<>();
    private int generation;
    private WebSocket socket;
    private long lastMessageNanos = System.nanoTime();
    private long retryMillis = FIRST_RETRY_MILLIS;
    private boolean closed;

    RemoteEventWatch(RemoteHttp http, String clusterId, Consumer<ApiEvent<ClusterEvent>> listener, ScheduledExecutorService timers) {
        this.http = http;
        this.clusterId = clusterId;
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
        String path = AdminPaths.WATCH_CLUSTER_PREFIX + AdminPaths.segment(clusterId).substring(1) + AdminPaths.EVENTS;
        http.webSocket(path, new Frames(attempt)).whenComplete((opened, failure) -> {
            synchronized (this) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof ApiException api && api.reason() == ApiException.Reason.NOT_FOUND) {
                    LOG.info("Event watch of {} ends: {}", clusterId, api.getMessage()); // the cluster is gone: nothing to wait for
                    closed = true;
                    watchdog.cancel(false);
                } else if (failure != null) {
                    LOG.debug("Event watch of {} could not connect: {}", clusterId, failure.getMessage());
                    retryLater(attempt);
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
            lost(attempt);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(attempt);
        }
    }

    private synchronized void handle(int attempt, String frame) {
        if (closed || attempt != generation) {
            return;
        }
        lastMessageNanos = System.nanoTime();
        EventWatchMessage message;
        try {
            message = WireJson.decode(frame, EventWatchMessage.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring an event watch message this console cannot read: {}", e.getMessage());
            return;
        }
        switch (message.type()) {
            case WatchMessage.BOOKMARK -> { }
            case WatchMessage.ERROR -> LOG.info("Event watch of {} ended by the server: {}", clusterId,
                    message.status() == null ? "no reason" : message.status().message());
            default -> {
                if (message.object() != null) {
                    apply(ApiEvent.Type.valueOf(message.type()), message.object());
                }
            }
        }
    }

    private void apply(ApiEvent.Type type, ClusterEvent event) {
        retryMillis = FIRST_RETRY_MILLIS;
        ClusterEvent previous = known.get(event.id());
        if (type == ApiEvent.Type.DELETED) {
            if (known.remove(event.id()) != null) {
                deliver(ApiEvent.Type.DELETED, event);
            }
            return;
        }
        if (event.equals(previous)) {
            return; // replayed after a reconnect
        }
        known.put(event.id(), event);
        deliver(previous == null ? ApiEvent.Type.ADDED : ApiEvent.Type.MODIFIED, event);
    }

    private void deliver(ApiEvent.Type type, ClusterEvent event) {
        try {
            listener.accept(new ApiEvent<>(type, event));
        } catch (RuntimeException e) {
            LOG.warn("An event watch listener failed on {} {}: {}", type, event.id(), e.toString());
        }
    }

    private synchronized void lost(int attempt) {
        if (!closed && attempt == generation) {
            retryLater(attempt);
        }
    }

    private synchronized void checkAlive() {
        if (!closed && socket != null && System.nanoTime() - lastMessageNanos > RemoteClusterWatch.IDLE_LIMIT.toNanos()) {
            socket.abort();
            retryLater(generation);
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
