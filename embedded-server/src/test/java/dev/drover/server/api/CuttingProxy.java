package dev.drover.server.api;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the server that can cut every connection and refuse new ones, as a network
 * outage would, while TLS runs end to end through it.
 */
final class CuttingProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final NetServer server;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;

    CuttingProxy(int targetPort) {
        NetClient client = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(inbound -> {
            if (refusing) {
                inbound.close();
                return;
            }
            inbound.pause();
            client.connect(targetPort, "127.0.0.1").onSuccess(outbound -> {
                open.add(inbound);
                open.add(outbound);
                inbound.pipeTo(outbound);
                outbound.pipeTo(inbound);
                inbound.closeHandler(v -> outbound.close());
                outbound.closeHandler(v -> inbound.close());
                inbound.resume();
            }).onFailure(e -> inbound.close());
        });
        server.listen(0, "127.0.0.1").await();
    }

    int port() {
        return server.actualPort();
    }

    /** Drops every connection and refuses new ones until {@link #heal()}. */
    void cut() {
        refusing = true;
        open.forEach(NetSocket::close);
        open.clear();
    }

    void heal() {
        refusing = false;
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
