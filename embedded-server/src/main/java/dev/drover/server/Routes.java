package dev.drover.server;

import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WireJson;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's routing table: method + path pattern → handler, first match wins, 404 otherwise.
 * Deliberately tiny: each feature adds its rows. Configure before requests arrive.
 */
public final class Routes implements Handler<HttpServerRequest> {

    private record Route(HttpMethod method, Pattern path, BiConsumer<HttpServerRequest, Matcher> handler) { }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /**
     * Adds a route; {@code pathRegex} must match the whole (undecoded) path, its groups reach the handler.
     * A {@code null} method matches every method (the auth proxy passes them all on).
     */
    public Routes add(HttpMethod method, String pathRegex, BiConsumer<HttpServerRequest, Matcher> handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    @Override
    public void handle(HttpServerRequest request) {
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(request.path());
            if ((route.method() == null || route.method().equals(request.method())) && matcher.matches()) {
                route.handler().accept(request, matcher);
                return;
            }
        }
        request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .end(WireJson.encode(Status.failure(404, "NotFound",
                        "Nothing here: " + request.method() + " " + request.path() + ".")));
    }
}
