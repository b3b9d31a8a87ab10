package dev.drover.engine.api;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The connection half of a remote watch: one WebSocket at a time, reopened with backoff after a failed
 * attempt, a drop, or {@link #IDLE_LIMIT} of silence. Each attempt has its own generation number so that
 * whatever an abandoned connection still says is ignored rather than mixed into the new one. What a watch
 * opens, how it reads a frame and what it resumes from stay with the watch, its {@link Peer}.
 *
 * <p>Peer methods are called with this socket's lock held, so a watch's own state needs no lock of its own
 * and its listener sees one call at a time, in order. Frames arrive on the HTTP client's threads, attempts
 * and the watchdog run on the given timers.
 */
final class ResumingSocket implements Subscription {

    /** Three missed server heartbeats. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    /** What differs between watches. */
    interface Peer {
        /** The path and query to open on this attempt; it may name where to resume from. */
        String path();

        /** One whole text frame of the current connection. */
        void frame(String text);

        /** An attempt could not open; true to try again after the backoff. */
        default boolean retries(Throwable failure) {
            return true;
        }

        /** The open connection dropped (why says how); another follows after the backoff. */
        default void lost(String why) {
        }

        /** The open connection said nothing for {@link #IDLE_LIMIT}; it is replaced next. */
        default void silent() {
        }
    }

    private final RemoteHttp http;
    private final ScheduledExecutorService timers;
    private final Peer peer;
    private ScheduledFuture<?> watchdog;
    private int generation;
    private WebSocket socket;
    private long lastMessageNanos = System.nanoTime();
    private long retryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean closed;

    ResumingSocket(RemoteHttp http, ScheduledExecutorService timers, Peer peer) {
        this.http = http;
        this.timers = timers;
        this.peer = peer;
    }

    /**
     * Starts the watchdog and the first attempt; the future says how that attempt went. Kept apart from the
     * constructor because the peer is usually still being constructed when it creates its socket.
     */
    synchronized CompletableFuture<WebSocket> open() {
        watchdog = timers.scheduleWithFixedDelay(this::checkAlive, 1, 1, TimeUnit.SECONDS);
        return connect();
    }

    /** The unwrapped cause of a failed attempt, as {@link Peer#retries} may want to tell NOT_FOUND apart. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The server answered usefully: the next drop retries quickly again. Call from {@link Peer#frame}. */
    void resetBackoff() {
        retryMillis = FIRST_RETRY_MILLIS;
    }

    /** Gives up the current connection (e.g. the server reported an error) and opens another after the backoff. */
    synchronized void reconnect() {
        drop(generation);
        retryLater(generation);
    }

    private synchronized CompletableFuture<WebSocket> connect() {
        if (closed) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.UNAVAILABLE, "The watch is closed."));
        }
        int attempt = ++generation;
        lastMessageNanos = System.nanoTime();
        return http.webSocket(peer.path(), new Frames(attempt)).whenComplete((opened, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    if (attempt == generation && !closed && peer.retries(failure)) {
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

    /** One connection's frames, assembled from their parts; stale connections' frames are ignored by generation. */
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
        peer.frame(frame);
    }

    private synchronized void lost(int attempt, String why) {
        if (closed || attempt != generation) {
            return;
        }
        peer.lost(why);
        retryLater(attempt);
    }

    private synchronized void checkAlive() {
        if (!closed && socket != null && System.nanoTime() - lastMessageNanos > IDLE_LIMIT.toNanos()) {
            peer.silent();
            reconnect();
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
        } catch (RejectedExecutionException shutDown) {
            closed = true;
        }
    }

    /** Closes the connection politely and stops retrying; idempotent, callable from any thread and from a peer. */
    @Override
    public void close() {
        WebSocket open;
        ScheduledFuture<?> checks;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            open = socket;
            socket = null;
            checks = watchdog;
        }
        if (checks != null) {
            checks.cancel(false);
        }
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, e) -> open.abort());
        }
    }
}
