package dev.drover.server.api;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.wire.ClusterStream;
import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WatchMessage;
import dev.drover.engine.api.wire.WireJson;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;

/**
 * One console's cluster watch on one WebSocket. Engine events are encoded on the engine's thread and
 * written on the socket's context, in order; the heartbeat bookmark is written there too and names only
 * revisions already written, so a console resuming from it can never skip an event. A console that
 * reads too slowly is disconnected (it resumes from its last revision) rather than buffered without end.
 */
final class WatchSession implements AutoCloseable {

    private final Vertx vertx;
    private final Context context;
    private final ServerWebSocket socket;
    private final Duration heartbeat;
    private Subscription subscription;
    /** Touched on the socket's context only. */
    private long written;
    private boolean resumable;
    private long timer = -1;

    WatchSession(Vertx vertx, Context context, ServerWebSocket socket, Duration heartbeat) {
        this.vertx = vertx;
        this.context = context;
        this.socket = socket;
        this.heartbeat = heartbeat;
    }

    /** Starts the engine watch; called on the socket's context. {@code onClosed} runs when the socket closes. */
    void start(LocalManagementApi api, long after, Runnable onClosed) {
        written = after;
        resumable = after > 0;
        socket.closeHandler(v -> {
            close();
            onClosed.run();
        });
        socket.exceptionHandler(e -> close());
        timer = vertx.setPeriodic(heartbeat.toMillis(), id -> {
            if (resumable) {
                send(WireJson.encode(WatchMessage.bookmark(written)), 0);
            }
        });
        subscription = api.watchClusters(after, new ClusterStream() {
            @Override
            public void onEvent(ApiEvent<ClusterSummary> event) {
                ClusterSummary cluster = event.object();
                send(WireJson.encode(WatchMessage.change(event.type().name(), cluster)), cluster.resourceVersion());
            }

            @Override
            public void onSynced(long resourceVersion) {
                context.runOnContext(v -> resumable = true);
                send(WireJson.encode(WatchMessage.synced(resourceVersion)), resourceVersion);
            }

            @Override
            public void onExpired(String message) {
                send(WireJson.encode(WatchMessage.error(Status.failure(410, Status.EXPIRED, message))), 0);
                context.runOnContext(v -> socket.close((short) 1000, "expired"));
            }
        });
    }

    /** Writes on the context in call order; {@code revision} (0: none) becomes the resume point once written. */
    private void send(String json, long revision) {
        context.runOnContext(v -> {
            if (socket.isClosed()) {
                return;
            }
            if (socket.writeQueueFull()) {
                socket.close((short) 1013, "watch consumer too slow; resume from your last revision");
                return;
            }
            socket.writeTextMessage(json);
            written = Math.max(written, revision);
        });
    }

    @Override
    public void close() {
        Subscription open = subscription;
        if (open != null) {
            open.close();
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
