package dev.drover.engine.authproxy;

import dev.drover.engine.auth.TokenIdentity;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Forwards one ordinary (non-upgrade) request and streams the answer back. Bodies are never buffered:
 * each chunk of a watch is written to the client as it arrives, and back-pressure runs both ways
 * (a slow client pauses the upstream response, a slow upstream pauses the client's body). A request body
 * that grows past the limit is cut off with 413 and the upstream request is reset.
 * Runs on the client connection's event loop.
 */
final class RequestForwarder {

    private final long maxBodyBytes;
    private final long connectTimeoutMillis;

    RequestForwarder(ProxySettings settings) {
        this.maxBodyBytes = settings.maxRequestBodyBytes();
        this.connectTimeoutMillis = settings.connectTimeout().toMillis();
    }

    /** Called on the client connection's event loop ({@code context}); the upstream connection is that loop's too. */
    void forward(HttpServerRequest request, Context context, Upstream upstream, String uri, TokenIdentity identity) {
        HttpClient client = upstream.clients().on(context);
        Future<HttpClientRequest> opened = upstream.dialAt() == null
                ? client.request(upstream.directOptions(request.method(), uri, connectTimeoutMillis))
                : upstream.options(request.method(), uri, connectTimeoutMillis).compose(client::request);
        opened.onComplete(ar -> {
            if (ar.failed()) {
                AuthProxy.fail(request, upstream.clusterId(), ar.cause());
                return;
            }
            HttpClientRequest out = ar.result();
            // straight into the request's own headers: building a map and handing it over copied them twice
            ImpersonationHeaders.copy(request.headers(), identity, upstream.bearer(), false, out.headers());
            send(request, out, upstream.clusterId());
        });
    }

    private void send(HttpServerRequest request, HttpClientRequest out, String clusterId) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            out.putHeader("Content-Length", length);
        } else if (request.headers().contains("Transfer-Encoding", "chunked", true)) {
            out.setChunked(true);
        }
        // failures reach us through out.response() (or the client having gone); unhandled they would be logged as errors
        out.exceptionHandler(e -> { });
        HttpServerResponse response = request.response();
        // a client that goes away (kubectl ^C on a watch) must end the upstream request too
        response.closeHandler(v -> out.reset());
        out.response().onComplete(ar -> {
            if (ar.succeeded()) {
                relay(ar.result(), response);
            } else if (!response.closed()) {
                AuthProxy.fail(request, clusterId, ar.cause());
            } // else: the client left first and its leaving reset this request; nobody to tell
        });
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > maxBodyBytes) {
                request.handler(null);
                // answer first: resetting the upstream request fails its response, which must not answer instead
                KubeStatus.send(request, 413, "Request body is larger than the proxy's limit of " + maxBodyBytes + " bytes.", true);
                out.reset();
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                request.pause();
                out.drainHandler(v -> request.resume());
            }
        });
        request.endHandler(v -> {
            if (received[0] <= maxBodyBytes) {
                out.end();
            }
        });
        request.exceptionHandler(e -> out.reset());
        request.resume();
    }

    private static void relay(HttpClientResponse in, HttpServerResponse response) {
        // a reset after the relay finished (client gone) would otherwise be logged as unhandled
        in.exceptionHandler(e -> { });
        if (response.ended() || response.closed()) {
            in.request().reset();
            return;
        }
        response.setStatusCode(in.statusCode());
        if (!in.statusMessage().equals(HttpResponseStatus.valueOf(in.statusCode()).reasonPhrase())) {
            // only an unusual reason phrase: setting one makes a new status object (and its bytes) per response
            response.setStatusMessage(in.statusMessage());
        }
        MultiMap headers = response.headers();
        boolean bounded = false;
        for (Map.Entry<String, String> header : in.headers()) {
            String name = header.getKey();
            if (!ImpersonationHeaders.isHopByHop(name)) {
                headers.add(name, header.getValue());
                bounded |= name.equalsIgnoreCase("Content-Length");
            }
        }
        boolean bodyless = in.request().getMethod() == HttpMethod.HEAD || in.statusCode() == 204 || in.statusCode() == 304;
        if (!bodyless && !bounded) {
            response.setChunked(true);
        }
        if (bodyless) {
            in.handler(chunk -> { }).endHandler(v -> response.end());
            return;
        }
        if (response.isChunked()) {
            // the head goes out now: a watch's client waits for it before any event exists
            response.writeHead();
        } // else the body is bounded and its head leaves with its first bytes: one TLS record and write, not two
        // by hand rather than in.pipe(): a pipe waits on a future per chunk, and most answers are one chunk
        in.handler(chunk -> {
            if (response.closed()) {
                return; // the client left; its close handler resets the upstream request
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                in.pause();
                response.drainHandler(v -> in.resume());
            }
        });
        in.exceptionHandler(e -> {
            // the API server failed mid-body: a reset, so the client cannot take a cut body for a whole one
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
            in.request().reset();
        });
        in.endHandler(v -> {
            if (!response.closed()) {
                response.end();
            }
        });
    }
}
