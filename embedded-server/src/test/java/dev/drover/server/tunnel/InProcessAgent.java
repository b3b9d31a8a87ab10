package dev.drover.server.tunnel;

import dev.drover.server.DroverServer;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamAcceptor;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.TunnelStream;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;

/** A protocol-level agent inside the test JVM (over real TLS), for load and fault tests. */
final class InProcessAgent {

    private InProcessAgent() {
    }

    static WebSocketClient client(Vertx vertx, DroverServer server) {
        return vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(server.caPem())))
                .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                .setTcpNoDelay(true));
    }

    static Future<WebSocket> connectRaw(WebSocketClient client, DroverServer server, String token, String node) {
        URI url = URI.create(server.url());
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
                .setSsl(true).setURI(TunnelEndpoints.CONNECT_PATH);
        if (token != null) {
            options.addHeader(TunnelEndpoints.TOKEN_HEADER, token);
        }
        if (node != null) {
            options.addHeader(TunnelEndpoints.NODE_HEADER, node);
        }
        return client.connect(options);
    }

    /** Connects and runs an agent session with {@code acceptor}; completes once the session runs. */
    static Future<Session> connect(Vertx vertx, DroverServer server, String token, String node, StreamAcceptor acceptor) {
        Promise<Session> session = Promise.promise();
        WebSocketClient client = client(vertx, server);
        vertx.getOrCreateContext().runOnContext(v -> connectRaw(client, server, token, node)
                .onSuccess(socket -> {
                    Session s = WebSocketTransport.attach(socket, Session.Role.AGENT, SessionOptions.DEFAULTS, acceptor);
                    // Vert.x 5 closes clients that become unreachable: the session keeps its client alive.
                    s.closeFuture().onComplete(closed -> client.close());
                    session.complete(s);
                })
                .onFailure(session::fail));
        return session.future();
    }

    /** Accepts everything and echoes it back; "stall:*" targets are accepted and never read. */
    static void echoOrStall(dev.drover.tunnel.protocol.StreamRequest request) {
        TunnelStream stream = request.accept();
        if (request.target().startsWith("stall:")) {
            stream.pause();
        } else {
            stream.pipeTo(stream);
        }
    }
}
