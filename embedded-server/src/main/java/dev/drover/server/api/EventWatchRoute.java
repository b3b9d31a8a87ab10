package dev.drover.server.api;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterEvent;
import dev.drover.engine.api.LocalAdministration;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.wire.EventWatchMessage;
import dev.drover.engine.api.wire.WireJson;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v3/watch/clusters/<id>/events} (WebSocket upgrade): authenticates and checks the cluster on a
 * virtual thread while the request waits (401/403/404 as a Status before any upgrade), then streams every
 * existing event as ADDED followed by changes, with a heartbeat so consoles can tell a dead connection. A
 * console that reads too slowly is disconnected (it reconnects and gets the list again) rather than buffered
 * without end. The socket closing ends the engine watch.
 */
final class EventWatchRoute {

    private final Vertx vertx;
    private final LocalAdministration admin;
    private final Caller caller;
    private final Executor blocking;
    private final Duration heartbeat;

    EventWatchRoute(Vertx vertx, LocalAdministration admin, Caller caller, Executor blocking, Duration heartbeat) {
        this.vertx = vertx;
        this.admin = admin;
        this.caller = caller;
        this.blocking = blocking;
        this.heartbeat = heartbeat;
    }

    void handle(HttpServerRequest request, String clusterId) {
        Context context = Vertx.currentContext();
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        blocking.execute(() -> {
            try {
                caller.authenticate(headers);
                admin.listClusterEvents(clusterId).get(30, TimeUnit.SECONDS); // NOT_FOUND before the upgrade
                context.runOnContext(v -> request.toWebSocket().onSuccess(socket -> stream(context, socket, clusterId)));
            } catch (java.util.concurrent.ExecutionException e) {
                Replies.failure(context, request.response(), e.getCause());
            } catch (Exception e) {
                Replies.failure(context, request.response(), e);
            }
        });
    }

    private void stream(Context context, ServerWebSocket socket, String clusterId) {
        long timer = vertx.setPeriodic(heartbeat.toMillis(), id -> send(context, socket, WireJson.encode(EventWatchMessage.heartbeat())));
        Subscription subscription;
        try {
            subscription = admin.watchClusterEvents(clusterId, (ApiEvent<ClusterEvent> event) ->
                    send(context, socket, WireJson.encode(EventWatchMessage.change(event.type().name(), event.object()))));
        } catch (RuntimeException e) { // the cluster was deleted since the check
            vertx.cancelTimer(timer);
            send(context, socket, WireJson.encode(EventWatchMessage.error(Replies.statusOf(e))));
            context.runOnContext(v -> socket.close());
            return;
        }
        socket.closeHandler(v -> {
            vertx.cancelTimer(timer);
            subscription.close();
        });
        socket.exceptionHandler(e -> socket.close());
    }

    /** Writes on the socket's context, in call order. */
    private static void send(Context context, ServerWebSocket socket, String json) {
        context.runOnContext(v -> {
            if (socket.isClosed()) {
                return;
            }
            if (socket.writeQueueFull()) {
                socket.close((short) 1013, "event watch consumer too slow; reconnect");
                return;
            }
            socket.writeTextMessage(json);
        });
    }
}
