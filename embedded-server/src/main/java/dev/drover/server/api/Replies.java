package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WireJson;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes JSON answers and Status errors. Callable from any thread: the write is moved onto the
 * request's context, where Vert.x wants it.
 */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    static void json(Context context, HttpServerResponse response, int code, Object body) {
        String json = body == null ? "" : WireJson.encode(body);
        context.runOnContext(v -> {
            response.setStatusCode(code);
            if (body != null) {
                response.putHeader("Content-Type", "application/json");
            }
            response.end(json);
        });
    }

    static void failure(Context context, HttpServerResponse response, Throwable failure) {
        Status status = statusOf(failure);
        context.runOnContext(v -> {
            response.setStatusCode(status.code()).putHeader("Content-Type", "application/json");
            if (status.code() == 401) {
                response.putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
            }
            response.end(WireJson.encode(status));
        });
    }

    static Status statusOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return Status.of(api);
        }
        if (cause instanceof Bodies.TooLarge) {
            return Bodies.TooLarge.status();
        }
        LOG.warn("Request failed unexpectedly", cause);
        return Status.failure(500, "InternalError", "The server failed unexpectedly: " + cause.getClass().getSimpleName() + ".");
    }
}
