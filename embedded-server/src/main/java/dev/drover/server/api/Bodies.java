package dev.drover.server.api;

import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WireJson;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;

/** Reads JSON request bodies, refusing anything larger than {@link #MAX_BYTES} before it is all in memory. */
final class Bodies {

    static final int MAX_BYTES = 1024 * 1024;

    private Bodies() {
    }

    /** The body decoded as {@code type}; fails with INVALID for malformed JSON, 413 for an oversized body. */
    static <T> Future<T> json(HttpServerRequest request, Class<T> type) {
        Promise<T> decoded = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_BYTES) {
                request.handler(null);
                decoded.tryFail(new TooLarge());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(decoded::tryFail);
        request.endHandler(v -> {
            try {
                decoded.tryComplete(WireJson.decode(body.toString(StandardCharsets.UTF_8), type));
            } catch (IllegalArgumentException e) {
                decoded.tryFail(new ApiException(ApiException.Reason.INVALID, "The request body is " + e.getMessage() + "."));
            }
        });
        return decoded.future();
    }

    /** A body over the limit: answered 413 at once, and the rest of it is dropped as it arrives, never kept. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body over " + MAX_BYTES + " bytes", null, false, false);
        }

        static Status status() {
            return Status.failure(413, "RequestEntityTooLarge", "The request body is larger than " + MAX_BYTES / 1024 + " KiB.");
        }
    }
}
