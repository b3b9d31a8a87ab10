package dev.drover.tunnel.protocol;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A server session and an agent session on two event loops, joined in memory. */
record SessionPair(Session server, Session agent, InMemoryTransport serverTransport, InMemoryTransport agentTransport) {

    static SessionPair start(Vertx vertx, SessionOptions options, StreamAcceptor agentAcceptor) {
        Context serverContext = vertx.getOrCreateContext();
        Context agentContext = vertx.getOrCreateContext();
        InMemoryTransport toAgent = new InMemoryTransport(serverContext);
        InMemoryTransport toServer = new InMemoryTransport(agentContext);
        toAgent.peer = toServer;
        toServer.peer = toAgent;
        toAgent.session = on(serverContext, () -> new Session(toAgent, Session.Role.SERVER, options, StreamAcceptor.REFUSE_ALL));
        toServer.session = on(agentContext, () -> new Session(toServer, Session.Role.AGENT, options, agentAcceptor));
        return new SessionPair(toAgent.session, toServer.session, toAgent, toServer);
    }

    static <T> T on(Context context, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    /** Accepts every stream and echoes it back, half-close included. */
    /** An agent that accepts {@code stall:1} streams without ever reading them (kept in {@code stalled}) and echoes others. */
    static StreamAcceptor stallingOrEchoing(List<TunnelStream> stalled) {
        return request -> {
            if (request.target().equals("stall:1")) {
                stalled.add(request.accept().pause());
            } else {
                echo(request);
            }
        };
    }

    static void echo(StreamRequest request) {
        TunnelStream stream = request.accept();
        stream.pipeTo(stream);
    }

    /** Bytes the agent's end of {@code stream} holds unread, read on the agent's loop. */
    int bufferedAtAgent(TunnelStream stream) {
        return on(agentTransport.context, stream::bufferedBytes);
    }
}
