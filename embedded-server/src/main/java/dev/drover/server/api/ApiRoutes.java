package dev.drover.server.api;

import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.NewCluster;
import dev.drover.engine.api.wire.ApiPaths;
import dev.drover.engine.api.wire.ClusterList;
import dev.drover.engine.api.wire.ServerInfo;
import dev.drover.engine.auth.Logins;
import dev.drover.engine.auth.TokenIdentity;
import dev.drover.engine.auth.TokenService;
import dev.drover.server.Routes;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management API's routes: each authenticates the caller on a virtual thread (the token store
 * blocks), then calls the engine's {@link LocalManagementApi} — the very implementation lab mode uses,
 * so remote and local behave alike — and answers JSON or a Status.
 */
public final class ApiRoutes implements AutoCloseable {

    private static final String ID = "/([^/]{1,253})";
    private static final Pattern WATCH = Pattern.compile(Pattern.quote(ApiPaths.WATCH_CLUSTERS));

    private final LocalManagementApi api;
    private final Caller caller;
    private final ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-request-", 0).factory());
    private final LoginRoute login;
    private final WatchRoute watch;

    private ApiRoutes(Vertx vertx, LocalManagementApi api, TokenService tokens, Logins logins, Duration heartbeat) {
        this.api = api;
        this.caller = new Caller(tokens);
        this.login = new LoginRoute(logins, blocking);
        this.watch = new WatchRoute(vertx, api, caller, blocking, heartbeat);
    }

    /**
     * Adds the API's rows to {@code routes}.
     *
     * @param heartbeat how often an idle watch gets a bookmark, so consoles can tell a dead connection
     */
    public static ApiRoutes register(Routes routes, Vertx vertx, LocalManagementApi api, TokenService tokens, Logins logins,
                                     Duration heartbeat) {
        ApiRoutes handlers = new ApiRoutes(vertx, api, tokens, logins, heartbeat);
        routes.add(HttpMethod.GET, Pattern.quote(ApiPaths.HEALTHZ), (request, m) -> request.response()
                        .putHeader("Content-Type", "text/plain").end("ok\n"))
                .add(HttpMethod.POST, Pattern.quote(ApiPaths.LOGIN), (request, m) -> handlers.login.handle(request))
                .add(HttpMethod.GET, WATCH.pattern(), (request, m) -> handlers.watch.handle(request))
                .add(HttpMethod.GET, Pattern.quote(ApiPaths.INFO), (request, m) -> handlers.read(request, identity ->
                        CompletableFuture.completedFuture(new ServerInfo(api.info().version(), identity.username(), identity.admin()))))
                .add(HttpMethod.GET, Pattern.quote(ApiPaths.CLUSTERS), (request, m) -> handlers.read(request, identity ->
                        api.listClusters().thenApply(ClusterList::new)))
                .add(HttpMethod.POST, Pattern.quote(ApiPaths.CLUSTERS), handlers::create)
                .add(HttpMethod.GET, Pattern.quote(ApiPaths.CLUSTERS) + ID + Pattern.quote(ApiPaths.PROJECTS),
                        (request, m) -> handlers.read(request, identity -> api.listProjects(id(m))))
                .add(HttpMethod.GET, Pattern.quote(ApiPaths.CLUSTERS) + ID + Pattern.quote(ApiPaths.NODE_POOLS),
                        (request, m) -> handlers.read(request, identity -> api.listNodePools(id(m))))
                .add(HttpMethod.GET, Pattern.quote(ApiPaths.USERS), (request, m) -> handlers.read(request, identity -> api.listUsers()))
                .add(HttpMethod.GET, Pattern.quote(ApiPaths.ROLE_TEMPLATES), (request, m) -> handlers.read(request, identity ->
                        api.listRoleTemplates()))
                .add(HttpMethod.POST, Pattern.quote(ApiPaths.CLUSTERS) + ID + Pattern.quote(ApiPaths.IMPORT_ACTION),
                        (request, m) -> handlers.change(request, 200, identity -> api.importCluster(id(m))))
                .add(HttpMethod.DELETE, Pattern.quote(ApiPaths.CLUSTERS) + ID,
                        (request, m) -> handlers.change(request, 204, identity -> api.deleteCluster(id(m))));
        WorkloadRoutes.register(routes, vertx, api.workloads(), handlers.caller, handlers.blocking, heartbeat); // workloads
        return handlers;
    }

    private static String id(Matcher path) {
        return URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
    }

    /** Any authenticated user may read. */
    private void read(HttpServerRequest request, Function<TokenIdentity, CompletableFuture<?>> call) {
        respond(request, 200, headers -> call.apply(caller.authenticate(headers)));
    }

    /** Only administrators change things. */
    private void change(HttpServerRequest request, int code, Function<TokenIdentity, CompletableFuture<?>> call) {
        respond(request, code, headers -> call.apply(caller.administrator(headers)));
    }

    private void create(HttpServerRequest request, Matcher path) {
        Context context = Vertx.currentContext();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        Bodies.json(request, NewCluster.class).onComplete(body -> blocking.execute(() -> {
            try {
                caller.administrator(headers); // before the body's validity: strangers learn nothing
                if (body.failed()) {
                    Replies.failure(context, request.response(), body.cause());
                    return;
                }
                CompletableFuture<ClusterSummary> created = api.createCluster(body.result());
                created.whenComplete((summary, failure) -> reply(context, request, 201, summary, failure));
            } catch (RuntimeException e) {
                Replies.failure(context, request.response(), e);
            }
        }));
    }

    private void respond(HttpServerRequest request, int code, Function<MultiMap, CompletableFuture<?>> call) {
        Context context = Vertx.currentContext();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        blocking.execute(() -> {
            try {
                call.apply(headers).whenComplete((result, failure) -> reply(context, request, code, result, failure));
            } catch (RuntimeException e) {
                Replies.failure(context, request.response(), e);
            }
        });
    }

    private static void reply(Context context, HttpServerRequest request, int code, Object result, Throwable failure) {
        if (failure != null) {
            Replies.failure(context, request.response(), failure);
        } else {
            Replies.json(context, request.response(), code, code == 204 ? null : result);
        }
    }

    /** Stops the open watches; the API itself belongs to the server. */
    @Override
    public void close() {
        watch.close();
        blocking.shutdownNow();
    }
}
