package dev.drover.server.api;

import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.NodeAccess;
import dev.drover.engine.api.ProvisioningEvent;
import dev.drover.engine.api.ProvisioningRun;
import dev.drover.engine.api.RkeClusterSpec;
import dev.drover.engine.api.wire.ProvisioningWire;
import dev.drover.engine.api.wire.WireJson;
import dev.drover.engine.auth.TokenIdentity;
import dev.drover.server.Routes;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The cluster wizard's routes (issue #7, wire format in {@link ProvisioningWire}): validate and render for any
 * user, Test SSH and provisioning for administrators, all through the server's {@link LocalManagementApi}, so a
 * remote console provisions exactly as lab mode does, from the server's machine.
 */
final class ProvisioningRoute {

    private final LocalManagementApi api;
    private final Caller caller;
    private final Executor blocking;

    private ProvisioningRoute(LocalManagementApi api, Caller caller, Executor blocking) {
        this.api = api;
        this.caller = caller;
        this.blocking = blocking;
    }

    static void register(Routes routes, LocalManagementApi api, Caller caller, Executor blocking) {
        ProvisioningRoute route = new ProvisioningRoute(api, caller, blocking);
        routes.add(HttpMethod.POST, Pattern.quote(ProvisioningWire.VALIDATE), (request, m) -> route.post(request,
                        ProvisioningWire.ClusterYaml.class, false, (identity, body) -> api.validateClusterYaml(body.yaml())))
                .add(HttpMethod.POST, Pattern.quote(ProvisioningWire.RENDER), (request, m) -> route.post(request, RkeClusterSpec.class, false,
                        (identity, spec) -> api.renderClusterYaml(spec).thenApply(ProvisioningWire.ClusterYaml::new)))
                .add(HttpMethod.POST, Pattern.quote(ProvisioningWire.TEST_SSH), (request, m) -> route.post(request, NodeAccess.class, true,
                        (identity, access) -> api.testSshNode(access)))
                .add(HttpMethod.GET, Pattern.quote(ProvisioningWire.PROVISION), (request, m) -> route.provision(request));
    }

    private <T> void post(HttpServerRequest request, Class<T> type, boolean administrator,
                          BiFunction<TokenIdentity, T, CompletableFuture<?>> call) {
        Context context = Vertx.currentContext();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        Bodies.json(request, type).onComplete(body -> blocking.execute(() -> {
            try {
                TokenIdentity identity = administrator ? caller.administrator(headers) : caller.authenticate(headers);
                if (body.failed()) {
                    Replies.failure(context, request.response(), body.cause());
                    return;
                }
                call.apply(identity, body.result()).whenComplete((result, failure) -> {
                    if (failure != null) {
                        Replies.failure(context, request.response(), failure);
                    } else {
                        Replies.json(context, request.response(), 200, result);
                    }
                });
            } catch (RuntimeException e) {
                Replies.failure(context, request.response(), e);
            }
        }));
    }

    /** Administrators only, checked before the upgrade; then one {@link ProvisioningWire.ProvisionRequest} starts the run. */
    private void provision(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        request.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        blocking.execute(() -> {
            try {
                caller.administrator(headers);
                context.runOnContext(v -> request.toWebSocket().onSuccess(socket -> follow(context, socket)));
            } catch (RuntimeException e) {
                Replies.failure(context, request.response(), e);
            }
        });
    }

    private void follow(Context context, ServerWebSocket socket) {
        AtomicReference<ProvisioningRun> run = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Function<ProvisioningEvent, Void> send = event -> {
            context.runOnContext(v -> {
                if (!socket.isClosed()) {
                    socket.writeTextMessage(WireJson.encode(ProvisioningWire.Message.of(event)));
                    if (event instanceof ProvisioningEvent.Succeeded || event instanceof ProvisioningEvent.Failed) {
                        socket.close();
                    }
                }
            });
            return null;
        };
        socket.textMessageHandler(text -> {
            if (ProvisioningWire.CANCEL.equals(text)) {
                cancelled.set(true);
                ProvisioningRun started = run.get();
                if (started != null) {
                    started.cancel();
                }
            } else if (run.get() == null && !cancelled.get()) {
                ProvisioningWire.ProvisionRequest start;
                try {
                    start = WireJson.decode(text, ProvisioningWire.ProvisionRequest.class);
                } catch (IllegalArgumentException e) {
                    send.apply(new ProvisioningEvent.Failed("The request is " + e.getMessage() + ".",
                            "Update the console to this server's version.", java.util.Map.of(), false));
                    return;
                }
                // a console that goes away does not stop the run: the cluster appears in the list when it is done
                blocking.execute(() -> {
                    ProvisioningRun started = api.provisionRkeCluster(start.name(), start.yaml(), send::apply);
                    run.set(started);
                    if (cancelled.get()) {
                        started.cancel(); // the cancel came while the run was starting
                    }
                });
            }
        });
    }
}
