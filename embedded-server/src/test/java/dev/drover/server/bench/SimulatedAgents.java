package dev.drover.server.bench;

import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.SessionOptions;
import dev.drover.tunnel.protocol.StreamAcceptor;
import dev.drover.tunnel.protocol.TunnelEndpoints;
import dev.drover.tunnel.protocol.WebSocketTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SimulatedAgents <serverUrl> <token> <count> <caPemFile>}: opens {@code count} tunnel sessions
 * (as node agents {@code sim-N}) from one JVM, prints "connected N", and keeps them until killed.
 */
public final class SimulatedAgents {

    private SimulatedAgents() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        String token = args[1];
        int count = Integer.parseInt(args[2]);
        String ca = Files.readString(Path.of(args[3]));
        Vertx vertx = Vertx.vertx();
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca)))
                .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME)
                .setMaxConnections(count + 10));
        List<Session> sessions = new ArrayList<>();
        for (int batch = 0; batch < count; batch += 50) {
            List<Future<Session>> connecting = new ArrayList<>();
            for (int i = batch; i < Math.min(count, batch + 50); i++) {
                Promise<Session> session = Promise.promise();
                String node = "sim-" + i;
                vertx.getOrCreateContext().runOnContext(v -> client.connect(new WebSocketConnectOptions()
                                .setHost(server.getHost()).setPort(server.getPort()).setSsl(true)
                                .setURI(TunnelEndpoints.CONNECT_PATH)
                                .addHeader(TunnelEndpoints.TOKEN_HEADER, token).addHeader(TunnelEndpoints.NODE_HEADER, node))
                        .onSuccess(ws -> session.complete(WebSocketTransport.attach(ws, Session.Role.AGENT,
                                SessionOptions.DEFAULTS, StreamAcceptor.REFUSE_ALL)))
                        .onFailure(session::fail));
                connecting.add(session.future());
            }
            for (Future<Session> f : connecting) {
                sessions.add(f.await());
            }
        }
        System.out.println("connected " + sessions.size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        client.close();
    }
}
