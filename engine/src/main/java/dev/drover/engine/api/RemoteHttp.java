package dev.drover.engine.api;

import dev.drover.engine.api.wire.Status;
import dev.drover.engine.api.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * JSON over HTTPS to one server, with the console's token on every call. Responses are handled on this
 * client's own virtual threads, so futures never complete on the caller's thread (e.g. the FX thread).
 * Failures become {@link ApiException}s: the server's {@link Status}, or UNAVAILABLE when it cannot be
 * reached. Thread-safe.
 */
final class RemoteHttp implements AutoCloseable {

    private final URI server;
    private final Duration timeout;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("drover-remote-", 0).factory());
    private final HttpClient client;
    private volatile String token;
    private volatile boolean closed;

    RemoteHttp(URI server, SSLContext tls, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).executor(threads)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    URI server() {
        return server;
    }

    void useToken(String value) {
        token = value;
    }

    /** {@code method path} with {@code body} as JSON (or none); the answer decoded as {@code type} ({@code Void}: ignored). */
    <T> CompletableFuture<T> call(String method, String path, Object body, Class<T> type) {
        if (closed) {
            return CompletableFuture.failedFuture(new ApiException(ApiException.Reason.UNAVAILABLE, "The connection to " + server + " is closed."));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(WireJson.encode(body), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenCompleteAsync((response, failure) -> {
                        try {
                            result.complete(failure != null ? rethrow(failure) : decode(response, type));
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    }, threads);
        } catch (RuntimeException rejected) {
            result.completeExceptionally(new ApiException(ApiException.Reason.UNAVAILABLE, "The connection to " + server + " is closed.", rejected));
        }
        return result;
    }

    /** A WebSocket to {@code path} (wss), carrying the token; handshake failures become ApiExceptions. */
    CompletableFuture<WebSocket> webSocket(String pathAndQuery, WebSocket.Listener listener) {
        URI https = server.resolve(pathAndQuery);
        URI wss = URI.create("wss" + https.toString().substring("https".length()));
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(wss, listener).exceptionallyCompose(failure -> CompletableFuture.failedFuture(translate(failure)));
    }

    private <T> T rethrow(Throwable failure) {
        throw translate(failure);
    }

    private ApiException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            HttpResponse<?> response = handshake.getResponse();
            return status(response.statusCode(), response.body() instanceof String s ? s : "");
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new ApiException(ApiException.Reason.UNAVAILABLE, "The server at " + server + " did not answer within " + timeout.toSeconds() + " s.", cause);
        }
        if (cause instanceof IOException) {
            return new ApiException(ApiException.Reason.UNAVAILABLE, "Cannot reach the server at " + server + ": " + PinnedTls.describe(cause), cause);
        }
        return new ApiException(ApiException.Reason.UNAVAILABLE, "The call to " + server + " failed: " + PinnedTls.describe(cause), cause);
    }

    private <T> T decode(HttpResponse<String> response, Class<T> type) {
        if (response.statusCode() / 100 != 2) {
            throw status(response.statusCode(), response.body());
        }
        if (type == Void.class) {
            return null;
        }
        try {
            return WireJson.decode(response.body(), type);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "The server sent an answer this console cannot read: " + e.getMessage(), e);
        }
    }

    private static ApiException status(int code, String body) {
        try {
            Status status = WireJson.decode(body, Status.class);
            return (status.code() == code ? status : Status.failure(code, status.reason(), status.message())).toException();
        } catch (IllegalArgumentException notStatus) {
            return Status.failure(code, "", "The server answered " + code + ".").toException();
        }
    }

    @Override
    public void close() {
        closed = true;
        client.shutdownNow();
        threads.shutdownNow();
    }
}
