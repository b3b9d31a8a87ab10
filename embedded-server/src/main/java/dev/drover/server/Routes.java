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

    /** {@code prefix}: what every path the pattern matches starts with, checked before the regex runs. */
    private record Route(HttpMethod method, String prefix, Pattern path, BiConsumer<HttpServerRequest, Matcher> handler) { }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /**
     * Adds a route; {@code pathRegex} must match the whole (undecoded) path, its groups reach the handler.
     * A {@code null} method matches every method (the auth proxy passes them all on).
     */
    public Routes add(HttpMethod method, String pathRegex, BiConsumer<HttpServerRequest, Matcher> handler) {
        routes.add(new Route(method, literalPrefix(pathRegex), Pattern.compile(pathRegex), handler));
        return this;
    }

    @Override
    public void handle(HttpServerRequest request) {
        // the method and a plain prefix rule out most rows without a Matcher: every proxied request passes them
        String path = request.path();
        HttpMethod method = request.method();
        for (Route route : routes) {
            if (route.method() != null && !route.method().equals(method) || !path.startsWith(route.prefix())) {
                continue;
            }
            Matcher matcher = route.path().matcher(path);
            if (matcher.matches()) {
                route.handler().accept(request, matcher);
                return;
            }
        }
        request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .end(WireJson.encode(Status.failure(404, "NotFound",
                        "Nothing here: " + request.method() + " " + request.path() + ".")));
    }

    /**
     * The literal text every match of {@code regex} starts with: a leading {@code \Q…\E} quote (as
     * {@link Pattern#quote} writes it), else the leading run of letters, digits, {@code /}, {@code _} and
     * {@code -}; a character a quantifier follows is left out, and a top-level alternation leaves nothing.
     * Possibly empty, never too long.
     */
    static String literalPrefix(String regex) {
        String literal;
        int next;
        if (regex.startsWith("\\Q")) {
            int end = regex.indexOf("\\E", 2);
            literal = end < 0 ? regex.substring(2) : regex.substring(2, end);
            next = end < 0 ? regex.length() : end + 2;
        } else {
            next = 0;
            while (next < regex.length() && isPlain(regex.charAt(next))) {
                next++;
            }
            literal = regex.substring(0, next);
        }
        if (hasTopLevelAlternation(regex, next)) {
            return "";
        }
        boolean quantified = next < regex.length() && "?*+{".indexOf(regex.charAt(next)) >= 0;
        return quantified && !literal.isEmpty() ? literal.substring(0, literal.length() - 1) : literal;
    }

    private static boolean isPlain(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-';
    }

    /** Whether {@code regex} has a {@code |} outside any group from {@code from} on (quotes, escapes and classes skipped). */
    private static boolean hasTopLevelAlternation(String regex, int from) {
        int depth = 0;
        for (int i = from; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                int end = regex.indexOf("\\E", i + 2);
                i = end < 0 ? regex.length() : end + 1;
            } else if (c == '\\') {
                i++;
            } else if (c == '[') {
                int end = regex.indexOf(']', i + 2);
                i = end < 0 ? regex.length() : end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
