package dev.drover.engine.authproxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.http1.Http1ServerConnection;
import io.vertx.core.net.NetSocket;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a protocol upgrade (WebSocket, or SPDY/3.1 as kubectl exec, attach and port-forward use) to the
 * API server and, once it answers 101, splices the two raw connections: from then on bytes flow both
 * ways untouched, with back-pressure, until either side closes. Only the upgrade request itself is
 * authenticated and rewritten; what follows belongs to the user's session.
 *
 * <p>Both ends work below Vert.x's HTTP API, because it upgrades GET requests only and kubectl's SPDY
 * upgrades are POSTs: upstream, the request head is written on a raw (TLS) connection and the answer's
 * head parsed here; towards the client, GETs use {@code toNetSocket} and other methods take the HTTP/1.1
 * connection over and write the 101 as bytes. {@code AuthProxyStreamingIT} guards both.
 */
final class UpgradeSplicer {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeSplicer.class);

    void forward(HttpServerRequest request, Upstream upstream, String uri, MultiMap headers) {
        Buffer head = ResponseHead.requestHead(request.method().name(), upstream.basePath() + uri, upstream.authority().toString(), headers);
        upstream.dialRaw().onSuccess(socket -> {
            Buffer received = Buffer.buffer();
            socket.handler(chunk -> {
                received.appendBuffer(chunk);
                ResponseHead answer;
                try {
                    answer = ResponseHead.parse(received);
                } catch (IllegalStateException e) {
                    socket.close();
                    AuthProxy.fail(request, upstream.clusterId(), e);
                    return;
                }
                if (answer != null) {
                    socket.handler(null);
                    socket.pause();
                    answer(request, answer, socket, upstream.clusterId());
                }
            });
            socket.closeHandler(v -> AuthProxy.fail(request, upstream.clusterId(),
                    new ProxyFailure(503, "Cluster " + upstream.clusterId() + "'s API server closed the connection during the upgrade.")));
            socket.write(head);
        }).onFailure(e -> AuthProxy.fail(request, upstream.clusterId(), e));
    }

    private static void answer(HttpServerRequest request, ResponseHead answer, NetSocket upstream, String clusterId) {
        upstream.closeHandler(null);
        if (answer.status() != 101) {
            // a refusal (401, 403, 400 …): its head is relayed; the body, rarely more than a Status, is not awaited
            upstream.close();
            KubeStatus.send(request, answer.status(), "The API server of cluster " + clusterId + " refused the upgrade (HTTP "
                    + answer.status() + ").", false);
            return;
        }
        clientSocket(request, answer.headers()).onSuccess(client -> {
            if (answer.rest().length() > 0) {
                client.write(answer.rest());
            }
            splice(client, upstream);
        }).onFailure(e -> {
            LOG.info("Upgrade of {} {} could not take over the client connection: {}", request.method(), request.path(), e.toString());
            upstream.close();
            request.connection().close();
        });
    }

    /** The client's raw connection, after the 101 with the API server's headers went out. */
    private static Future<NetSocket> clientSocket(HttpServerRequest request, MultiMap upstreamHeaders) {
        HttpServerResponse response = request.response();
        if (request.method() == HttpMethod.GET) {
            for (Map.Entry<String, String> header : upstreamHeaders) {
                if (!isFraming(header.getKey())) {
                    response.headers().add(header.getKey(), header.getValue());
                }
            }
            return request.toNetSocket();
        }
        if (!(request.connection() instanceof Http1ServerConnection connection)) {
            return Future.failedFuture("a " + request.method() + " upgrade needs an HTTP/1.1 connection");
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n");
        for (Map.Entry<String, String> header : upstreamHeaders) {
            if (!isFraming(header.getKey())) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        head.append("\r\n");
        return connection.netSocket().compose(socket -> socket.write(head.toString()).map(socket));
    }

    private static boolean isFraming(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
    }

    /** Both directions with back-pressure; either side closing closes the other once its writes are out. */
    static void splice(NetSocket a, NetSocket b) {
        a.pipeTo(b).onComplete(done -> b.close());
        b.pipeTo(a).onComplete(done -> a.close());
    }
}
