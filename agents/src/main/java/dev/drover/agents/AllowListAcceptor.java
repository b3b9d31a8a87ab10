package dev.drover.agents;

import dev.drover.tunnel.protocol.StreamAcceptor;
import dev.drover.tunnel.protocol.StreamPipes;
import dev.drover.tunnel.protocol.StreamRequest;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SocketAddress;

/** Dials what the server asks for, if it is on the allow-list, and splices it to the stream. */
final class AllowListAcceptor implements StreamAcceptor {

    private final AllowList allowList;
    private final NetClient client;

    AllowListAcceptor(AllowList allowList, NetClient client) {
        this.allowList = allowList;
        this.client = client;
    }

    @Override
    public void onStream(StreamRequest request) {
        String target = request.target();
        if (!allowList.allows(target)) {
            request.reject("refused: " + target + " is not on this agent's allow-list (only the cluster's API server is)");
            return;
        }
        int colon = target.lastIndexOf(':');
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(target.substring(colon + 1));
        client.connect(SocketAddress.inetSocketAddress(port, host))
                .onSuccess(socket -> StreamPipes.splice(socket, request.accept()))
                .onFailure(e -> request.reject("cannot connect to " + target + ": " + e.getMessage()));
    }
}
