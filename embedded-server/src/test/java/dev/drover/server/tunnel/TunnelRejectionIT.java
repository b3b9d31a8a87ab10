package dev.drover.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.server.DroverServer;
import dev.drover.tunnel.protocol.Frame;
import dev.drover.tunnel.protocol.Session;
import dev.drover.tunnel.protocol.TunnelStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad tokens and garbage frames over the real TLS WebSocket. */
class TunnelRejectionIT {

    @TempDir
    Path directory;
    private DroverServer server;
    private Vertx agents;

    @BeforeEach
    void start() {
        server = ServerFixture.start(directory, 0);
        agents = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        agents.close().await();
        server.close();
    }

    @Test
    void wrongTokenIsRejectedAndNothingIsRegistered() {
        // given
        String cluster = ServerFixture.createImportedCluster(server, "c-reject");
        String token = server.imports().start(cluster).token();
        WebSocketClient client = InProcessAgent.client(agents, server);
        String wrongSecret = token.substring(0, token.length() - 4) + "zzzz";
        for (String presented : new String[] {wrongSecret, "garbage", "", null}) {
            // when
            Future<WebSocket> attempt = InProcessAgent.connectRaw(client, server, presented, null);
            // then
            assertThatThrownBy(attempt::await).isInstanceOf(UpgradeRejectedException.class)
                    .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401));
        }
        assertThatThrownBy(() -> InProcessAgent.connectRaw(client, server, token, "Not A Node!").await())
                .isInstanceOf(UpgradeRejectedException.class);
        assertThat(server.sessions().sessionCount()).isZero();
        assertThat(ServerFixture.connected(server, cluster)).isEmpty();
    }

    @Test
    void garbageFramesCloseOnlyTheSessionThatSentThem() {
        // given: a healthy agent and a rogue one holding a valid token
        String cluster = ServerFixture.createImportedCluster(server, "c-fuzz");
        String token = server.imports().start(cluster).token();
        Session healthy = InProcessAgent.connect(agents, server, token, null, InProcessAgent::echoOrStall).await();
        await().until(() -> server.sessions().state(cluster).clusterAgent());
        WebSocketClient client = InProcessAgent.client(agents, server);
        Random random = new Random(7);
        AtomicInteger closedWithProtocolError = new AtomicInteger();
        int sent = 0;
        // when: 10,000 random frames over 200 rogue connections, each as a node agent
        for (int connection = 0; connection < 200; connection++) {
            WebSocket rogue = InProcessAgent.connectRaw(client, server, token, "rogue-" + connection).await();
            Future<Void> closed = Future.future(p -> rogue.closeHandler(v -> p.complete()));
            for (int i = 0; i < 50; i++) {
                rogue.writeBinaryMessage(randomFrame(random));
                sent++;
            }
            rogue.writeBinaryMessage(Buffer.buffer(new byte[] {9, 9, 9, 9, 9, 9, 9}));
            closed.timeout(5, java.util.concurrent.TimeUnit.SECONDS).await();
            if (Short.valueOf((short) 1002).equals(rogue.closeStatusCode())) {
                closedWithProtocolError.incrementAndGet();
            }
            // then: the healthy session still carries streams
            if (connection % 40 == 0) {
                assertEcho(cluster, "after rogue " + connection);
            }
        }
        assertThat(sent).isEqualTo(10_000);
        assertThat(closedWithProtocolError.get()).isEqualTo(200);
        assertThat(healthy.isOpen()).isTrue();
        assertEcho(cluster, "at the end");
        await().until(() -> server.sessions().sessionCount() == 1);
    }

    private void assertEcho(String cluster, String text) {
        TunnelStream stream = server.dialer().dial(cluster, "echo:1").await();
        Buffer received = Buffer.buffer();
        stream.handler(received::appendBuffer);
        Future<Void> ended = Future.future(p -> stream.endHandler(v -> p.complete()));
        stream.end(Buffer.buffer(text)).await();
        ended.await();
        assertThat(received.toString()).isEqualTo(text);
    }

    /** Mostly broken frames; some valid-looking ones too, which the server may well accept. */
    static Buffer randomFrame(Random random) {
        byte[] noise = new byte[random.nextInt(3) == 0 ? random.nextInt(Frame.MAX_FRAME_SIZE / 2) : random.nextInt(32)];
        random.nextBytes(noise);
        return switch (random.nextInt(4)) {
            case 0 -> Buffer.buffer(noise);
            case 1 -> Buffer.buffer().appendByte(Frame.VERSION).appendByte((byte) random.nextInt(12))
                    .appendInt(random.nextInt(10)).appendBytes(noise);
            case 2 -> new Frame.Ping(random.nextLong()).encode();
            default -> Buffer.buffer().appendByte(Frame.VERSION).appendByte((byte) (20 + random.nextInt(200)))
                    .appendInt(0).appendBytes(noise);
        };
    }
}
