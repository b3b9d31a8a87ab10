package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions over a real WebSocket (loopback, no TLS: the TLS paths are covered by the server's ITs). */
class WebSocketTransportTest {

    private Vertx vertx;
    private HttpServer server;
    private final CompletableFuture<Session> serverSession = new CompletableFuture<>();
    private final CompletableFuture<List<String>> serverWebSocketPipeline = new CompletableFuture<>();
    /** Held: Vert.x closes a client, and its sockets, once it is garbage. */
    private WebSocketClient client;

    @BeforeEach
    void listen() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setAcceptUnmaskedFrames(true)
                        .setMaxWebSocketFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxWebSocketMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME))
                .webSocketHandler(socket -> {
                    serverSession.complete(WebSocketTransport.attach(socket, Session.Role.SERVER, SessionOptions.DEFAULTS, StreamAcceptor.REFUSE_ALL));
                    serverWebSocketPipeline.complete(((WebSocketInternal) socket).channelHandlerContext().pipeline().names());
                })
                .listen(0, "127.0.0.1").await();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void bulkDataCrossesIntactAndEveryPooledFrameGoesBackToThePool() throws Exception {
        // given
        connectAgent();
        Session session = serverSession.get(5, TimeUnit.SECONDS);
        byte[] payload = new byte[8 * 1024 * 1024 + 17];
        new Random(7).nextBytes(payload);
        // when
        TunnelStream stream = session.open("echo:1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        CompletableFuture<Buffer> echoed = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        stream.handler(received::appendBuffer).endHandler(v -> echoed.complete(received));
        for (int offset = 0; offset < payload.length; offset += 100_000) {
            stream.write(Buffer.buffer(payload).slice(offset, Math.min(payload.length, offset + 100_000)));
        }
        stream.end();
        // then
                assertThat(echoed.get(30, TimeUnit.SECONDS).getBytes()).isEqualTo(payload);
        await().atMost(Duration.ofSeconds(5)).until(() -> DataFramePool.framesInFlight() == 0);
    }

    @Test
    void splicedSocketsCarryBulkBothWaysIntactAndGiveBackEveryBuffer() throws Exception {
        // given: client socket -> spliced stream -> WebSocket -> agent -> spliced socket -> echo server
        NetServer echo = vertx.createNetServer().connectHandler(socket -> socket.pipeTo(socket)).listen(0, "127.0.0.1").await();
        NetClient targets = vertx.createNetClient();
        connectAgent(request -> targets.connect(echo.actualPort(), "127.0.0.1")
                .onSuccess(socket -> StreamPipes.splice(socket, request.accept()))
                .onFailure(e -> request.reject(e.getMessage())));
        Session session = serverSession.get(5, TimeUnit.SECONDS);
        CompletableFuture<List<String>> clientPipeline = new CompletableFuture<>();
        NetServer forwarder = vertx.createNetServer().connectHandler(socket -> {
            socket.pause();
            session.open("echo:1").onSuccess(stream -> {
                StreamPipes.splice(socket, stream);
                clientPipeline.complete(((NetSocketInternal) socket).channelHandlerContext().pipeline().names());
            }).onFailure(e -> socket.close());
        }).listen(0, "127.0.0.1").await();
        byte[] payload = new byte[8 * 1024 * 1024 + 17];
        new Random(11).nextBytes(payload);
        long takenBefore = InboundFrames.dataFramesTaken();
        // when
        byte[] echoed;
        try (Socket client = new Socket("127.0.0.1", forwarder.actualPort())) {
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    client.getOutputStream().write(payload);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            client.setSoTimeout(30_000);
            // (no half-close: a Vert.x NetSocket closes as a whole when its input ends)
            echoed = client.getInputStream().readNBytes(payload.length);
            written.get(30, TimeUnit.SECONDS);
        }
        // then
        assertThat(echoed).isEqualTo(payload);
        // the client's socket and the WebSocket batch their flushes (once each)
        assertThat(clientPipeline.get(5, TimeUnit.SECONDS)).containsOnlyOnce(FlushBatching.NAME);
        assertThat(serverWebSocketPipeline.get(5, TimeUnit.SECONDS)).containsOnlyOnce(FlushBatching.NAME, InboundFrames.NAME);
        // both ways the DATA frames were taken off the pipeline (no Vert.x copy), at least 128 of 64 KiB each way
        assertThat(InboundFrames.dataFramesTaken() - takenBefore).isGreaterThanOrEqualTo(2 * payload.length / Frame.MAX_DATA);
        await().atMost(Duration.ofSeconds(5)).until(() -> DataFramePool.framesInFlight() == 0 && Outbox.ownedBuffersHeld() == 0
                && Inbox.ownedBuffersHeld() == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> session.liveStreams() == 0);
    }

    @Test
    void aTextMessageClosesTheSessionAsUnsupportedData() throws Exception {
        // given
        WebSocket agentSocket = connect();
        Session session = serverSession.get(5, TimeUnit.SECONDS);
        // when
        agentSocket.writeFrame(WebSocketFrame.textFrame("hello", true));
        // then
        assertThat(session.closeFuture().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasMessageContaining("text message on the tunnel");
        await().atMost(Duration.ofSeconds(5)).until(() -> agentSocket.closeStatusCode() != null);
        assertThat(agentSocket.closeStatusCode()).isEqualTo((short) 1003);
    }

    @Test
    void aFrameSplitIntoContinuationFramesStillArrives() throws Exception {
        // given
        WebSocket agentSocket = connect();
        Session session = serverSession.get(5, TimeUnit.SECONDS);
        Buffer ping = new Frame.Ping(42).encode();
        CompletableFuture<Buffer> pong = new CompletableFuture<>();
        agentSocket.frameHandler(frame -> pong.complete(frame.binaryData()));
        // when: a PING sent in two fragments, as a peer that fragments its messages would
        agentSocket.writeFrame(WebSocketFrame.binaryFrame(ping.getBuffer(0, 4), false));
        agentSocket.writeFrame(WebSocketFrame.continuationFrame(ping.getBuffer(4, ping.length()), true));
        // then
        assertThat(Frame.decode(pong.get(5, TimeUnit.SECONDS))).isEqualTo(new Frame.Pong(42));
        assertThat(session.isOpen()).isTrue();
    }

    private WebSocket connect() {
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setSendUnmaskedFrames(false));
        return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
                .await();
    }

    /** An agent session attached on its socket's event loop, before any message can arrive. */
    private void connectAgent() throws Exception {
        connectAgent(SessionPair::echo);
    }

    private void connectAgent(StreamAcceptor acceptor) throws Exception {
        CompletableFuture<Session> agent = new CompletableFuture<>();
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setSendUnmaskedFrames(true)
                .setMaxFrameSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME).setMaxMessageSize(TunnelEndpoints.MAX_WEBSOCKET_FRAME));
        client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/"))
                .onSuccess(socket -> agent.complete(WebSocketTransport.attach(socket, Session.Role.AGENT,
                        SessionOptions.DEFAULTS, acceptor)))
                .onFailure(agent::completeExceptionally);
        agent.get(5, TimeUnit.SECONDS);
    }
}
