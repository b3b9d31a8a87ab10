package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.wire.ApiPaths;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * {@code GET /v3/watch/clusters} (WebSocket upgrade): authenticates on a virtual thread while the
 * request waits, answers 401/403 with a Status before any upgrade, then runs a {@link WatchSession}.
 */
final class WatchRoute implements AutoCloseable {

    private final Vertx vertx;
    private final LocalManagementApi api;
    private final Caller caller;
    private final Executor blocking;
    private final Duration heartbeat;
    private final Set<WatchSession> sessions = ConcurrentHashMap.newKeySet();

    WatchRoute(Vertx vertx, LocalManagementApi api, Caller caller, Executor blocking, Duration heartbeat) {
        this.vertx = vertx;
        this.api = api;
        this.caller = caller;
        this.blocking = blocking;
        this.heartbeat = heartbeat;
    }

    void handle(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        String resume = request.getParam(ApiPaths.RESOURCE_VERSION);
        blocking.execute(() -> {
            try {
                caller.authenticate(headers);
                long after = resumePoint(resume);
                context.runOnContext(v -> request.toWebSocket().onSuccess(socket -> {
                    WatchSession session = new WatchSession(vertx, context, socket, heartbeat);
                    sessions.add(session);
                    session.start(api, after, () -> sessions.remove(session));
                }));
            } catch (RuntimeException e) {
                Replies.failure(context, request.response(), e);
            }
        });
    }

    private static long resumePoint(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long revision = Long.parseLong(value.strip());
            if (revision < 0) {
                throw new NumberFormatException();
            }
            return revision;
        } catch (NumberFormatException e) {
            throw new ApiException(ApiException.Reason.INVALID, ApiPaths.RESOURCE_VERSION + ": a revision number, got \"" + value + "\".");
        }
    }

    @Override
    public void close() {
        sessions.forEach(WatchSession::close);
        sessions.clear();
    }
}
