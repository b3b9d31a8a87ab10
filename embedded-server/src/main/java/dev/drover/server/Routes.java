package dev.drover.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's routing table: method + path pattern → handler, first match wins, 404 otherwise.
 * Deliberately tiny; issue #5's API adds rows here. Configure before the server starts.
 */
final class Routes implements Handler<HttpServerRequest> {

    private record Route(HttpMethod method, Pattern path, BiConsumer<HttpServerRequest, Matcher> handler) { }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; a {@code null} method matches every method. */
    Routes add(HttpMethod method, String pathRegex, BiConsumer<HttpServerRequest, Matcher> handler) {
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
        request.response().setStatusCode(404).end("not found\n");
    }
}
