package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.KubeconfigExport;
import dev.drover.engine.api.LocalAdministration;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.NewMember;
import dev.drover.engine.api.NewProject;
import dev.drover.engine.api.NewUser;
import dev.drover.engine.api.wire.AdminPaths;
import dev.drover.engine.api.wire.AdminPaths.NamespaceMove;
import dev.drover.engine.api.wire.AdminPaths.PoolQuantity;
import dev.drover.engine.api.wire.AdminPaths.UserEnabled;
import dev.drover.engine.api.wire.ApiPaths;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes of the cluster detail, events, projects, namespaces, members, users, node pool and kubeconfig
 * calls ({@link AdminPaths}). Each authenticates on a virtual thread (the token store blocks), authorizes,
 * then calls the engine's {@link LocalAdministration} with the caller as the acting user. Anyone logged in
 * may read; cluster changes need an administrator or that cluster's cluster-owner; users are the
 * administrators' alone. A request body is only looked at after the caller was authorized.
 */
public final class AdminRoutes {

    private static final String ID = "/([^/]{1,253})";
    private static final String CLUSTER = Pattern.quote(ApiPaths.CLUSTERS) + ID;

    private final LocalAdministration admin;
    private final Caller caller;
    private final String serverUrl;
    private final String serverCaPem;
    private final ExecutorService blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("admin-request-", 0).factory());

    private AdminRoutes(LocalAdministration admin, TokenService tokens, String serverUrl, String serverCaPem) {
        this.admin = admin;
        this.caller = new Caller(tokens);
        this.serverUrl = serverUrl;
        this.serverCaPem = serverCaPem;
    }

    /**
     * Adds the rows to {@code routes}. {@code serverUrl} and {@code serverCaPem} go into exported kubeconfigs'
     * proxy contexts; {@code heartbeat} paces the event watches' keep-alive frames.
     */
    public static void register(Routes routes, Vertx vertx, LocalManagementApi api, TokenService tokens, String serverUrl,
                                String serverCaPem, Duration heartbeat) {
        AdminRoutes r = new AdminRoutes(api.administration(), tokens, serverUrl, serverCaPem);
        LocalAdministration a = r.admin;
        EventWatchRoute watch = new EventWatchRoute(vertx, a, r.caller, r.blocking, heartbeat);
        routes.add(HttpMethod.GET, Pattern.quote(AdminPaths.WATCH_CLUSTER_PREFIX) + "([^/]{1,253})" + Pattern.quote(AdminPaths.EVENTS),
                        (request, m) -> watch.handle(request, group(m, 1)))
                .add(HttpMethod.GET, CLUSTER, (request, m) -> r.read(request, who -> a.getCluster(group(m, 1))))
                .add(HttpMethod.GET, CLUSTER + Pattern.quote(AdminPaths.EVENTS), (request, m) -> r.read(request, who ->
                        a.listClusterEvents(group(m, 1))))
                .add(HttpMethod.POST, CLUSTER + Pattern.quote(ApiPaths.PROJECTS), (request, m) -> r.clusterChange(request, group(m, 1), 201,
                        NewProject.class, (who, body) -> a.createProject(who.username(), group(m, 1), body)))
                .add(HttpMethod.DELETE, CLUSTER + Pattern.quote(ApiPaths.PROJECTS) + ID, (request, m) -> r.clusterChange(request,
                        group(m, 1), 204, null, (who, body) -> a.deleteProject(who.username(), group(m, 1), group(m, 2))))
                .add(HttpMethod.GET, CLUSTER + Pattern.quote(AdminPaths.NAMESPACES), (request, m) -> r.read(request, who ->
                        a.listNamespaces(group(m, 1))))
                .add(HttpMethod.PUT, CLUSTER + Pattern.quote(AdminPaths.NAMESPACES) + ID + Pattern.quote(AdminPaths.PROJECT),
                        (request, m) -> r.clusterChange(request, group(m, 1), 204, NamespaceMove.class, (who, body) ->
                                a.moveNamespace(who.username(), group(m, 1), group(m, 2), body.projectId())))
                .add(HttpMethod.GET, CLUSTER + Pattern.quote(AdminPaths.MEMBERS), (request, m) -> r.read(request, who ->
                        a.listMembers(group(m, 1), request.getParam(AdminPaths.PROJECT_ID))))
                .add(HttpMethod.POST, CLUSTER + Pattern.quote(AdminPaths.MEMBERS), (request, m) -> r.clusterChange(request, group(m, 1), 201,
                        NewMember.class, (who, body) -> a.addMember(who.username(), new NewMember(group(m, 1), body.projectId(),
                                body.subject(), body.group(), body.roleTemplateId()))))
                .add(HttpMethod.DELETE, CLUSTER + Pattern.quote(AdminPaths.MEMBERS) + ID, (request, m) -> r.clusterChange(request,
                        group(m, 1), 204, null, (who, body) -> a.removeMember(who.username(), group(m, 1), group(m, 2))))
                .add(HttpMethod.PUT, CLUSTER + Pattern.quote(ApiPaths.NODE_POOLS) + ID + Pattern.quote(AdminPaths.QUANTITY),
                        (request, m) -> r.clusterChange(request, group(m, 1), 200, PoolQuantity.class, (who, body) ->
                                a.scaleNodePool(who.username(), group(m, 1), group(m, 2), body.quantity())))
                .add(HttpMethod.POST, Pattern.quote(ApiPaths.USERS), (request, m) -> r.userChange(request, 201, NewUser.class,
                        (who, body) -> a.createUser(body)))
                .add(HttpMethod.PUT, Pattern.quote(ApiPaths.USERS) + ID + Pattern.quote(AdminPaths.ENABLED), (request, m) ->
                        r.userChange(request, 200, UserEnabled.class, (who, body) -> a.setUserEnabled(group(m, 1), body.enabled())))
                .add(HttpMethod.DELETE, Pattern.quote(ApiPaths.USERS) + ID, (request, m) -> r.userChange(request, 204, null,
                        (who, body) -> a.deleteUser(group(m, 1))))
                .add(HttpMethod.POST, Pattern.quote(AdminPaths.KUBECONFIG), (request, m) -> r.change(request, 200, KubeconfigExport.class,
                        r.caller::authenticate, (who, body) -> a.exportKubeconfig(body, who, r.serverUrl, r.serverCaPem)));
    }

    private static String group(Matcher path, int index) {
        return URLDecoder.decode(path.group(index), StandardCharsets.UTF_8);
    }

    /** Anyone logged in may read. */
    private void read(HttpServerRequest request, Function<TokenIdentity, CompletableFuture<?>> call) {
        change(request, 200, null, caller::authenticate, (who, body) -> call.apply(who));
    }

    private <T> void clusterChange(HttpServerRequest request, String clusterId, int code, Class<T> bodyType,
                                   BiFunction<TokenIdentity, T, CompletableFuture<?>> call) {
        change(request, code, bodyType, headers -> {
            TokenIdentity who = caller.authenticate(headers);
            admin.authorizeClusterChange(who, clusterId);
            return who;
        }, call);
    }

    private <T> void userChange(HttpServerRequest request, int code, Class<T> bodyType, BiFunction<TokenIdentity, T, CompletableFuture<?>> call) {
        change(request, code, bodyType, headers -> {
            TokenIdentity who = caller.authenticate(headers);
            if (!who.admin()) {
                throw new ApiException(ApiException.Reason.FORBIDDEN, "User " + who.username()
                        + " may not manage users: only administrators create, disable or delete them.");
            }
            return who;
        }, call);
    }

    /** Authorizes on a virtual thread, then decodes the body (if any) and calls; answers JSON or a Status. */
    private <T> void change(HttpServerRequest request, int code, Class<T> bodyType, Function<MultiMap, TokenIdentity> authorize,
                            BiFunction<TokenIdentity, T, CompletableFuture<?>> call) {
        Context context = Vertx.currentContext();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        if (bodyType == null) {
            blocking.execute(() -> invoke(context, request, code, () -> call.apply(authorize.apply(headers), null)));
            return;
        }
        Bodies.json(request, bodyType).onComplete(body -> blocking.execute(() -> invoke(context, request, code, () -> {
            TokenIdentity who = authorize.apply(headers); // before the body's validity: strangers learn nothing
            if (body.failed()) {
                throw body.cause() instanceof RuntimeException e ? e : new IllegalStateException(body.cause());
            }
            return call.apply(who, body.result());
        })));
    }

    private static void invoke(Context context, HttpServerRequest request, int code, java.util.function.Supplier<CompletableFuture<?>> call) {
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
}
