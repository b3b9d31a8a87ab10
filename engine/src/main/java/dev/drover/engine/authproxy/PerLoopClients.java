package dev.drover.engine.authproxy;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One upstream's pooled HTTP clients, one per Vert.x event loop that forwards to it, so that a request
 * always rides a connection owned by its own loop.
 *
 * <p>Why: Vert.x's HTTP client pool hands out whichever idle connection it last used, whatever loop owns
 * it. With the server listening on every core, a request served on loop A was often given a connection of
 * loop B: its head was written from B and every part of the answer was handed back to A — two thread hops
 * and two cross-core wake-ups per proxied request (BENCHMARKS.md, "Auth proxy"). A client only ever used
 * from one loop creates its connections on that loop (pool event-loop size 0) and so only owns such
 * connections. The number of clients is bounded by the event loops of the Vert.x instance. Thread-safe.
 */
final class PerLoopClients implements AutoCloseable {

    private final Supplier<HttpClient> factory;
    private final Map<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param factory creates one client; called at most once per event loop */
    PerLoopClients(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    /**
     * The client of {@code context}'s event loop (created on first use). Call on that context: the client
     * opens its connections on the calling context's loop.
     */
    HttpClient on(Context context) {
        EventLoop loop = ((ContextInternal) context).nettyEventLoop();
        HttpClient client = byLoop.get(loop);
        if (client != null) {
            return client;
        }
        if (closed) {
            throw new IllegalStateException("The upstream's clients are closed.");
        }
        return byLoop.computeIfAbsent(loop, l -> factory.get());
    }

    /** Clients created so far (tests). */
    int size() {
        return byLoop.size();
    }

    /** Closes every client; requests in flight on them fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        byLoop.values().forEach(HttpClient::close);
        byLoop.clear();
    }
}
