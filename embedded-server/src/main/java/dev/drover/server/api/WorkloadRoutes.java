package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.LocalWorkloads;
import dev.drover.engine.api.WorkloadQuery;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadType;
import dev.drover.engine.api.wire.ApiPaths;
import dev.drover.engine.api.wire.ScaleRequest;
import dev.drover.engine.api.wire.WorkloadPaths;
import dev.drover.engine.api.wire.YamlDocument;
import dev.drover.engine.authproxy.Impersonation;
import dev.drover.server.Routes;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workloads routes ({@link WorkloadPaths}). Any authenticated user may call them: reads come from the
 * engine's read model, and actions run downstream as that user ({@link Impersonation#of} the caller), so the
 * cluster's own RBAC allows or refuses them. The two WebSockets are {@link WorkloadSockets}'.
 */
final class WorkloadRoutes {

    private static final String SEGMENT = "/([^/]{1,253})";
    private static final String WORKLOADS = Pattern.quote(ApiPaths.CLUSTERS) + SEGMENT + Pattern.quote(WorkloadPaths.WORKLOADS);
    private static final String ONE = WORKLOADS + "/([a-z]{1,20})" + SEGMENT + SEGMENT;

    private final LocalWorkloads workloads;
    private final Caller caller;
    private final ExecutorService blocking;

    private WorkloadRoutes(LocalWorkloads workloads, Caller caller, ExecutorService blocking) {
        this.workloads = workloads;
        this.caller = caller;
        this.blocking = blocking;
    }

    /** Adds the workloads rows (REST and the two WebSockets) to {@code routes}. */
    static void register(Routes routes, Vertx vertx, LocalWorkloads workloads, Caller caller, ExecutorService blocking, Duration heartbeat) {
        WorkloadRoutes r = new WorkloadRoutes(workloads, caller, blocking);
        WorkloadSockets sockets = new WorkloadSockets(vertx, workloads, caller, blocking, heartbeat);
        routes.add(HttpMethod.GET, Pattern.quote(WorkloadPaths.WATCH_WORKLOADS), (request, m) -> sockets.watch(request))
                .add(HttpMethod.GET, Pattern.quote(WorkloadPaths.POD_LOG), (request, m) -> sockets.podLog(request))
                .add(HttpMethod.GET, WORKLOADS, (request, m) -> r.respond(request, 200, (actor, body) -> workloads.list(query(request, m))))
                .add(HttpMethod.GET, ONE + Pattern.quote(WorkloadPaths.PODS), (request, m) -> r.respond(request, 200,
                        (actor, body) -> workloads.pods(ref(m))))
                .add(HttpMethod.POST, ONE + Pattern.quote(WorkloadPaths.SCALE), (request, m) -> r.withBody(request, ScaleRequest.class, 204,
                        (actor, body) -> workloads.scale(actor, ref(m), body.replicas())))
                .add(HttpMethod.POST, ONE + Pattern.quote(WorkloadPaths.REDEPLOY), (request, m) -> r.respond(request, 204,
                        (actor, body) -> workloads.redeploy(actor, ref(m))))
                .add(HttpMethod.DELETE, ONE, (request, m) -> r.respond(request, 204, (actor, body) -> workloads.delete(actor, ref(m))))
                .add(HttpMethod.GET, ONE + Pattern.quote(WorkloadPaths.YAML), (request, m) -> r.respond(request, 200,
                        (actor, body) -> workloads.yaml(actor, ref(m)).thenApply(YamlDocument::new)))
                .add(HttpMethod.PUT, ONE + Pattern.quote(WorkloadPaths.YAML), (request, m) -> r.withBody(request, YamlDocument.class, 200,
                        (actor, body) -> workloads.applyYaml(actor, ref(m), body.yaml()).thenApply(YamlDocument::new)));
    }

    private void respond(HttpServerRequest request, int code, BiFunction<Impersonation, Object, CompletableFuture<?>> call) {
        Context context = Vertx.currentContext();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        blocking.execute(() -> run(context, request, code, () -> call.apply(Impersonation.of(caller.authenticate(headers)), null)));
    }

    private <B> void withBody(HttpServerRequest request, Class<B> type, int code, BiFunction<Impersonation, B, CompletableFuture<?>> call) {
        Context context = Vertx.currentContext();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        Bodies.json(request, type).onComplete(body -> blocking.execute(() -> run(context, request, code, () -> {
            Impersonation actor = Impersonation.of(caller.authenticate(headers)); // before the body: strangers learn nothing
            if (body.failed()) {
                throw body.cause() instanceof RuntimeException e ? e : new IllegalStateException(body.cause());
            }
            return call.apply(actor, body.result());
        })));
    }

    private static void run(Context context, HttpServerRequest request, int code, java.util.function.Supplier<CompletableFuture<?>> call) {
        try {
            call.get().whenComplete((result, failure) -> {
                if (failure != null) {
                    Replies.failure(context, request.response(), failure);
                } else {
                    Replies.json(context, request.response(), code, code == 204 ? null : result);
                }
            });
        } catch (RuntimeException e) {
            Replies.failure(context, request.response(), e);
        }
    }

    static WorkloadQuery query(HttpServerRequest request, Matcher path) {
        return new WorkloadQuery(decode(path.group(1)), orEmpty(request.getParam("project")), orEmpty(request.getParam("namespace")),
                "true".equalsIgnoreCase(request.getParam("pods")));
    }

    private static WorkloadRef ref(Matcher path) {
        return new WorkloadRef(decode(path.group(1)), type(path.group(2)), decode(path.group(3)), decode(path.group(4)));
    }

    static WorkloadType type(String value) {
        try {
            return WorkloadType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Reason.INVALID, "type: one of " + String.join(", ", Arrays.stream(WorkloadType.values())
                    .map(t -> t.name().toLowerCase(Locale.ROOT)).toList()) + ", got \"" + value + "\".");
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
