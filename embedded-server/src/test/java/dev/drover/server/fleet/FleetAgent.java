package dev.drover.server.fleet;

import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamPipes;
import dev.drover.tunnel.protocol.StreamRequest;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A cluster agent inside the test JVM, speaking the real protocol over real TLS: it reports its API
 * server (a mock on loopback) like the real agent, splices streams to it, and reconnects every 200 ms
 * while the server is away — what a server restart needs.
 */
final class FleetAgent implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final URI server;
    private final String caPem;
    private final String token;
    private final String apiServer;
    private final String apiToken;
    private final String apiCaPem;
    private final NetClient dialer;
    private WebSocketClient client;
    private volatile Session session;
    private volatile boolean stopped;

    /**
     * @param apiServer the mock's URL, e.g. {@code https://localhost:41233}; also the only target it dials
     * @param apiCaPem  the mock's CA, reported as the real agent reports its cluster's
     */
    FleetAgent(URI server, String caPem, String token, String apiServer, String apiToken, String apiCaPem) {
        this.apiCaPem = apiCaPem;
        this.server = server;
        this.caPem = caPem;
        this.token = token;
        this.apiServer = apiServer;
        this.apiToken = apiToken;
        this.dialer = vertx.createNetClient();
    }

    FleetAgent start() {
        vertx.runOnContext(v -> {
            client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                    .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)))
                    .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME));
            connect();
        });
        return this;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(server.getHost()).setPort(server.getPort())
                .setSsl(true).setURI(TunnelEndpoints.CONNECT_PATH)
                .addHeader(TunnelEndpoints.TOKEN_HEADER, token)
                .addHeader(TunnelEndpoints.API_SERVER_HEADER, apiServer)
                .addHeader(TunnelEndpoints.API_TOKEN_HEADER, apiToken)
                .addHeader(TunnelEndpoints.API_CA_HEADER, Base64.getEncoder().encodeToString(apiCaPem.getBytes(StandardCharsets.US_ASCII)));
        client.connect(options).onSuccess(socket -> {
            Session s = WebSocketTransport.attach(socket, Session.Role.AGENT, SessionOptions.DEFAULTS, this::splice);
            session = s;
            s.closeFuture().onComplete(closed -> vertx.setTimer(200, t -> connect()));
        }).onFailure(e -> vertx.setTimer(200, t -> connect()));
    }

    private void splice(StreamRequest request) {
        URI api = URI.create(apiServer);
        if (!request.target().equals(api.getHost() + ":" + api.getPort())) {
            request.reject("refused: " + request.target() + " is not this agent's API server");
            return;
        }
        // the mocks listen on 127.0.0.1 only, and "localhost" may resolve to ::1 first
        dialer.connect(SocketAddress.inetSocketAddress(api.getPort(), "127.0.0.1"))
                .onSuccess(socket -> StreamPipes.splice(socket, request.accept()))
                .onFailure(e -> request.reject("cannot connect: " + e.getMessage()));
    }

    @Override
    public void close() {
        stopped = true;
        Session s = session;
        if (s != null) {
            s.close("test over");
        }
        vertx.close().await();
    }
}
