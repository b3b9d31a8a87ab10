package dev.drover.server;

import dev.drover.engine.tunnel.Dialer;
import dev.drover.tunnel.protocol.StreamPipes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * A loopback TCP port whose every connection is a tunnel stream to one target inside a cluster — how a
 * plain client (kubectl, fabric8, a benchmark) reaches a cluster behind a firewall. Binding a port is
 * this module's job, so this lives here rather than in the engine.
 */
public final class TunnelPortForwarder implements AutoCloseable {

    private final NetServer server;

    private TunnelPortForwarder(NetServer server) {
        this.server = server;
    }

    /**
     * Listens on 127.0.0.1 (a free port) and forwards to {@code target} through {@code clusterId}'s agent.
     * When the agent is connected, the port listens from its tunnel's event loop, so its connections are
     * served on that loop too: every byte then passes between socket and stream without a thread hop
     * (two hops fewer per round trip). After the agent reconnects elsewhere it still works, with hops.
     */
    public static Future<TunnelPortForwarder> start(Vertx vertx, Dialer dialer, String clusterId, String target) {
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true));
        server.connectHandler(socket -> forward(socket, dialer, clusterId, target));
        Promise<NetServer> listening = Promise.promise();
        dialer.homeContext(clusterId).ifPresentOrElse(
                loop -> loop.runOnContext(v -> server.listen().onComplete(listening)),
                () -> server.listen().onComplete(listening));
        return listening.future().map(s -> new TunnelPortForwarder(server));
    }

    private static void forward(NetSocket socket, Dialer dialer, String clusterId, String target) {
        socket.pause();
        dialer.dial(clusterId, target)
                .onSuccess(stream -> StreamPipes.splice(socket, stream))
                .onFailure(e -> socket.close());
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close().await();
    }
}
