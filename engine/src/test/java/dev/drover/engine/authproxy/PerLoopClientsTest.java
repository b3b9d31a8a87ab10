package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Vert.x HTTP server as the upstream and requests from two event loops: each loop's requests must
 * ride connections that loop owns, even while the other loop's connection sits idle in a pool.
 */
class PerLoopClientsTest {

    private Vertx vertx;
    private HttpServer upstream;
    private ContextInternal first;
    private ContextInternal second;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        upstream = vertx.createHttpServer().requestHandler(request -> request.response().end("ok")).listen(0, "127.0.0.1").await();
        first = ((VertxInternal) vertx).createEventLoopContext();
        second = ((VertxInternal) vertx).createEventLoopContext();
        while (second.nettyEventLoop() == first.nettyEventLoop()) { // contexts take the loops in turn; this ends at the next one
            second = ((VertxInternal) vertx).createEventLoopContext();
        }
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void eachLoopsRequestsRideConnectionsOwnedByThatLoop() throws Exception {
        // given: a connection opened from the first loop, idle in its pool
        try (PerLoopClients clients = new PerLoopClients(this::newClient)) {
            EventLoop firstConnection = connectionLoop(first, clients::on);

            // when: the second loop forwards a request
            EventLoop secondConnection = connectionLoop(second, clients::on);

            // then
            assertThat(firstConnection).isSameAs(first.nettyEventLoop());
            assertThat(secondConnection).isSameAs(second.nettyEventLoop());
            assertThat(clients.size()).isEqualTo(2);
            assertThat(connectionLoop(first, clients::on)).as("a loop keeps its client").isSameAs(first.nettyEventLoop());
            assertThat(clients.size()).isEqualTo(2);
        }
    }

    @Test
    void oneSharedClientHandsTheOtherLoopAnIdleConnectionOfTheFirst() throws Exception {
        // given: why PerLoopClients exists — Vert.x's pool picks an idle connection whatever loop owns it
        HttpClient shared = newClient();
        connectionLoop(first, context -> shared);

        // when
        EventLoop secondConnection = connectionLoop(second, context -> shared);

        // then: the second loop's request crosses to the first loop (a thread hop each way)
        assertThat(secondConnection).isSameAs(first.nettyEventLoop());
    }

    private HttpClient newClient() {
        return vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(4));
    }

    /** The event loop of the connection that served one request sent from {@code context}. */
    private EventLoop connectionLoop(ContextInternal context, Function<ContextInternal, HttpClient> clients) throws Exception {
        CompletableFuture<EventLoop> loop = new CompletableFuture<>();
        context.runOnContext(v -> clients.apply(context).request(HttpMethod.GET, upstream.actualPort(), "127.0.0.1", "/")
                .compose(request -> request.send().compose(response -> response.body()).map(body -> owner(request)))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        loop.complete(result.result());
                    } else {
                        loop.completeExceptionally(result.cause());
                    }
                }));
        // the connection went back to its pool as the response ended, before the body reached us
        return loop.get(10, TimeUnit.SECONDS);
    }

    private static EventLoop owner(HttpClientRequest request) {
        return ((ConnectionBase) request.connection()).channel().eventLoop();
    }
}
