package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.LocalWorkloads;
import dev.drover.engine.api.LogListener;
import dev.drover.engine.api.PodLogRequest;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.WorkloadBatch;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadSummary;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.wire.PodLogMessage;
import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WireJson;
import dev.drover.engine.api.wire.WorkloadWatchMessage;
import dev.drover.engine.authproxy.Impersonation;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The workload watch and pod log WebSockets. Each authenticates and checks the cluster on a virtual thread
 * while the request waits, so refusals are HTTP Status answers before any upgrade; after it, engine
 * callbacks are written on the socket's context in order. A slow watch console gets merged batches once its
 * queue drains ({@link BatchWriter}); a log reader that falls {@value #MAX_PENDING_LINES} lines behind is
 * disconnected (1013) rather than buffered without end, and may follow again with a tail. Closing the socket closes the engine subscription, which for a log
 * closes the downstream stream.
 */
final class WorkloadSockets {

    /** Lines waiting for a slow console before it is cut off. */
    private static final int MAX_PENDING_LINES = 10_000;

    private final Vertx vertx;
    private final LocalWorkloads workloads;
    private final Caller caller;
    private final Executor blocking;
    private final Duration heartbeat;

    WorkloadSockets(Vertx vertx, LocalWorkloads workloads, Caller caller, Executor blocking, Duration heartbeat) {
        this.vertx = vertx;
        this.workloads = workloads;
        this.caller = caller;
        this.blocking = blocking;
        this.heartbeat = heartbeat;
    }

    void watch(HttpServerRequest request) {
        WorkloadQuery query = new WorkloadQuery(WorkloadRoutes.orEmpty(request.getParam("cluster")),
                WorkloadRoutes.orEmpty(request.getParam("project")), WorkloadRoutes.orEmpty(request.getParam("namespace")),
                "true".equalsIgnoreCase(request.getParam("pods")));
        upgrade(request, query.clusterId(), (socket, actor) -> {
            Context context = Vertx.currentContext();
            BatchWriter writer = new BatchWriter(socket);
            long timer = vertx.setPeriodic(heartbeat.toMillis(), id -> writer.bookmark());
            Subscription subscription = workloads.watch(query, batch -> context.runOnContext(v -> writer.write(batch)));
            return () -> {
                vertx.cancelTimer(timer);
                subscription.close();
            };
        });
    }

    void podLog(HttpServerRequest request) {
        int tail;
        try {
            tail = request.getParam("tailLines") == null ? 0 : Integer.parseInt(request.getParam("tailLines"));
        } catch (NumberFormatException e) {
            Replies.failure(Vertx.currentContext(), request.response(), new ApiException(ApiException.Reason.INVALID,
                    "tailLines: a number, got \"" + request.getParam("tailLines") + "\"."));
            return;
        }
        PodLogRequest log = new PodLogRequest(WorkloadRoutes.orEmpty(request.getParam("cluster")), WorkloadRoutes.orEmpty(request.getParam("namespace")),
                WorkloadRoutes.orEmpty(request.getParam("pod")), WorkloadRoutes.orEmpty(request.getParam("container")), tail,
                "true".equalsIgnoreCase(request.getParam("follow")));
        upgrade(request, log.clusterId(), (socket, actor) -> {
            Context context = Vertx.currentContext();
            LineBatches lines = new LineBatches(context, socket);
            try {
                return workloads.followPodLog(actor, log, lines);
            } catch (ApiException e) {
                lines.onEnd(e);
                return () -> { };
            }
        });
    }

    private interface Session {
        Subscription start(ServerWebSocket socket, Impersonation actor);
    }

    private void upgrade(HttpServerRequest request, String clusterId, Session session) {
        Context context = Vertx.currentContext();
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        blocking.execute(() -> {
            try {
                Impersonation actor = Impersonation.of(caller.authenticate(headers));
                workloads.checkCluster(clusterId);
                context.runOnContext(v -> request.toWebSocket().onSuccess(socket -> {
                    Subscription subscription = session.start(socket, actor);
                    socket.closeHandler(closed -> subscription.close());
                    socket.exceptionHandler(e -> socket.close());
                }));
            } catch (RuntimeException e) {
                Replies.failure(context, request.response(), e);
            }
        });
    }

    /**
     * Writes watch batches on the socket's context. While the socket's write queue is full (a big snapshot still
     * on its way to a slow console) later batches are merged into one held batch — latest state per workload, so
     * it never grows past the number of workloads — and written when the queue drains: back-pressure without
     * cutting the console off, which would only make it fetch the whole snapshot again.
     */
    private static final class BatchWriter {
        private final ServerWebSocket socket;
        private Map<WorkloadRef, Object> held;

        BatchWriter(ServerWebSocket socket) {
            this.socket = socket;
        }

        void write(WorkloadBatch batch) {
            if (socket.isClosed()) {
                return;
            }
            if (held != null || socket.writeQueueFull()) {
                hold(batch);
                return;
            }
            socket.writeTextMessage(WireJson.encode(WorkloadWatchMessage.batch(batch)));
        }

        void bookmark() {
            if (held == null && !socket.isClosed() && !socket.writeQueueFull()) {
                socket.writeTextMessage(WireJson.encode(WorkloadWatchMessage.bookmark()));
            }
        }

        private void hold(WorkloadBatch batch) {
            if (held == null) {
                held = new LinkedHashMap<>();
                socket.drainHandler(v -> release());
            }
            batch.changed().forEach(w -> put(w.ref(), w));
            batch.deleted().forEach(ref -> put(ref, ref));
        }

        private void put(WorkloadRef ref, Object latest) {
            held.remove(ref);
            held.put(ref, latest);
        }

        private void release() {
            Map<WorkloadRef, Object> merged = held;
            held = null;
            socket.drainHandler(null);
            if (merged == null || socket.isClosed()) {
                return;
            }
            List<WorkloadSummary> changed = new ArrayList<>();
            List<WorkloadRef> deleted = new ArrayList<>();
            merged.values().forEach(latest -> {
                if (latest instanceof WorkloadSummary w) {
                    changed.add(w);
                } else {
                    deleted.add((WorkloadRef) latest);
                }
            });
            write(new WorkloadBatch(false, changed, deleted));
        }
    }

    /** Lines gathered while the socket's context is busy go out as one frame. */
    private static final class LineBatches implements LogListener {
        private final Context context;
        private final ServerWebSocket socket;
        private List<String> pending = new ArrayList<>();

        LineBatches(Context context, ServerWebSocket socket) {
            this.context = context;
            this.socket = socket;
        }

        @Override
        public void onLine(String line) {
            boolean first;
            synchronized (this) {
                if (pending.size() >= MAX_PENDING_LINES) {
                    context.runOnContext(v -> socket.close((short) 1013, "log reader too slow"));
                    return;
                }
                first = pending.isEmpty();
                pending.add(line);
            }
            if (first) {
                context.runOnContext(v -> flush());
            }
        }

        private void flush() {
            List<String> batch;
            synchronized (this) {
                batch = pending;
                pending = new ArrayList<>();
            }
            if (!batch.isEmpty() && !socket.isClosed()) {
                socket.writeTextMessage(WireJson.encode(PodLogMessage.lines(batch)));
            }
        }

        @Override
        public void onEnd(ApiException failure) {
            context.runOnContext(v -> {
                flush();
                if (!socket.isClosed()) {
                    socket.writeTextMessage(WireJson.encode(PodLogMessage.end(failure == null ? null : Status.of(failure))));
                    socket.close((short) 1000, "end of log");
                }
            });
        }
    }
}
