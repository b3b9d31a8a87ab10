package dev.drover.engine.authproxy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * Closes the connection of a request answered before its body was read, after reading and dropping the
 * rest of that body for a while. Closing a socket with unread bytes makes the kernel reset the
 * connection, and a client still writing its body (curl, any blocking client, a Vert.x client a moment
 * late) then gets "broken pipe" or "connection reset" instead of the 413 or 401 it was sent. Web servers
 * linger the same way; the limits keep a client that never stops from holding the connection.
 */
final class LingeringClose {

    /** Longest wait for the next part of the body: a client that went quiet has read its answer or never will. */
    static final long IDLE_MILLIS = 2_000;
    /** Longest linger in all, however steadily the client keeps sending. */
    static final long TOTAL_MILLIS = 30_000;

    private final HttpServerRequest request;
    private final HttpConnection connection;
    private final Vertx vertx;
    private final long deadline;
    private long lastRead;
    private boolean closed;

    private LingeringClose(HttpServerRequest request, Vertx vertx) {
        this.request = request;
        this.connection = request.connection();
        this.vertx = vertx;
        this.lastRead = System.nanoTime();
        this.deadline = lastRead + TimeUnit.MILLISECONDS.toNanos(TOTAL_MILLIS);
    }

    /** Call once the answer is written; on the request's event loop. */
    static void after(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        if (request.isEnded() || context == null) {
            request.connection().close();
            return;
        }
        new LingeringClose(request, context.owner()).start();
    }

    private void start() {
        // one timer for the whole linger, moved on when it fires early: no timer per part of the body
        vertx.setTimer(IDLE_MILLIS, this::check);
        request.handler(dropped -> lastRead = System.nanoTime());
        request.endHandler(end -> close());
        request.exceptionHandler(failure -> close());
        request.resume();
    }

    private void check(long timer) {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long idleLeft = lastRead + TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS) - now;
        if (idleLeft <= 0 || now - deadline >= 0) {
            close();
            return;
        }
        vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(idleLeft, deadline - now))), this::check);
    }

    private void close() {
        if (!closed) {
            closed = true;
            connection.close();
        }
    }
}
