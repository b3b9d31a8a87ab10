package dev.drover.engine.authproxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import java.util.Map;

/**
 * Passes a protocol upgrade (WebSocket, or SPDY/3.1 as kubectl exec, attach and port-forward use) to the
 * API server and, once it answers 101, splices the two raw connections: from then on bytes flow both
 * ways untouched, with back-pressure, until either side closes. Only the upgrade request itself is
 * authenticated and rewritten; what follows belongs to the user's session. A refusal (any status but
 * 101) is relayed as an ordinary response.
 */
final class UpgradeSplicer {

    private final long connectTimeoutMillis;

    UpgradeSplicer(ProxySettings settings) {
        this.connectTimeoutMillis = settings.connectTimeout().toMillis();
    }

    void forward(HttpServerRequest request, Upstream upstream, String uri, MultiMap headers) {
        upstream.options(request.method(), uri, connectTimeoutMillis)
                .compose(options -> upstream.client().request(options.setHeaders(headers)))
                .compose(out -> out.connect())
                .onSuccess(in -> answer(request, in))
                .onFailure(e -> AuthProxy.fail(request, upstream.clusterId(), e));
    }

    private static void answer(HttpServerRequest request, HttpClientResponse in) {
        HttpServerResponse response = request.response();
        if (in.statusCode() != 101) {
            relayRefusal(in, response);
            return;
        }
        NetSocket upstream = in.netSocket();
        upstream.pause();
        for (Map.Entry<String, String> header : in.headers()) {
            String name = header.getKey();
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                response.headers().add(name, header.getValue());
            }
        }
        request.toNetSocket().onSuccess(client -> splice(client, upstream)).onFailure(e -> upstream.close());
    }

    private static void relayRefusal(HttpClientResponse in, HttpServerResponse response) {
        response.setStatusCode(in.statusCode()).setStatusMessage(in.statusMessage());
        for (Map.Entry<String, String> header : in.headers()) {
            if (!ImpersonationHeaders.isHopByHop(header.getKey())) {
                response.headers().add(header.getKey(), header.getValue());
            }
        }
        if (!response.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        in.pipeTo(response);
    }

    /** Both directions with back-pressure; either side closing closes the other once its writes are out. */
    static void splice(NetSocket a, NetSocket b) {
        a.pipeTo(b).onComplete(done -> b.close());
        b.pipeTo(a).onComplete(done -> a.close());
    }
}
