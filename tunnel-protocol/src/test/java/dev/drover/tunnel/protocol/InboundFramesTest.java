package dev.drover.tunnel.protocol;

import static dev.drover.tunnel.protocol.SessionTest.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DATA frames taken off the Netty pipeline ({@link InboundFrames}): the payload reaches the stream's reader
 * byte for byte as a slice of the decoded frame, and every frame buffer goes back to refCnt 0 whichever way
 * the payload leaves (copied for a {@code Buffer} reader, taken over by a socket-like reader, dropped when the
 * stream fails, refused by the session). The frames come from an {@link EmbeddedChannel} standing in for the
 * WebSocket decoder, run on the agent session's event loop.
 */
class InboundFramesTest {

    private static final SessionOptions OPTIONS = SessionOptions.DEFAULTS.withStreamWindow(64 * 1024);
    @RegisterExtension
    static final SharedVertx VERTX = new SharedVertx();
    private final Random random = new Random(5);
    private final List<ByteBuf> frames = new ArrayList<>();
    private SessionPair pair;
    private TunnelStream agentStream;
    private EmbeddedChannel channel;

    @BeforeEach
    void openStream() throws Exception {
        CompletableFuture<TunnelStream> accepted = new CompletableFuture<>();
        pair = SessionPair.start(VERTX.get(), OPTIONS, request -> accepted.complete(request.accept()));
        join(pair.server().open("target:1"));
        agentStream = accepted.get(5, TimeUnit.SECONDS);
        Session agent = pair.agent();
        channel = onAgentLoop(() -> new EmbeddedChannel(new InboundFrames(agent,
                new MessageAssembler(Frame.MAX_FRAME_SIZE, agent::receive, agent::fail))));
    }

    @Test
    void aBufferReaderGetsCopiesAndEveryFrameIsReleased() throws Exception {
        // given
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        CompletableFuture<Buffer> received = new CompletableFuture<>();
        Buffer collected = Buffer.buffer();
        agentStream.handler(data -> {
            collected.appendBuffer(data);
            if (collected.length() == 4 * 16 * 1024) {
                received.complete(collected);
            }
        });
        long takenBefore = InboundFrames.dataFramesTaken();
        // when
        for (int i = 0; i < 4; i++) {
            sent.writeBytes(feedData(agentStream.id(), 16 * 1024));
        }
        // then
        assertThat(received.get(5, TimeUnit.SECONDS).getBytes()).isEqualTo(sent.toByteArray());
        assertThat(InboundFrames.dataFramesTaken() - takenBefore).isEqualTo(4);
        assertThat(frames).allMatch(frame -> frame.refCnt() == 0);
        assertThat(Inbox.ownedBuffersHeld()).isZero();
    }

    @Test
    void anOwnedReaderTakesTheSlicesOverAndReleasesThemWhenWritten() throws Exception {
        // given: a reader standing in for a socket, which keeps what it is given until "written"
        List<ByteBuf> taken = new CopyOnWriteArrayList<>();
        agentStream.ownedHandler(taken::add);
        agentStream.handler(data -> { });
        // when
        byte[] first = feedData(agentStream.id(), 30_000);
        byte[] second = feedData(agentStream.id(), 20_000);
        // then: the very bytes of the frames, no copy: each frame lives until its slice is released
        await().atMost(Duration.ofSeconds(5)).until(() -> taken.size() == 2);
        assertThat(ByteBufUtil.getBytes(taken.get(0))).isEqualTo(first);
        assertThat(ByteBufUtil.getBytes(taken.get(1))).isEqualTo(second);
        assertThat(frames).allMatch(frame -> frame.refCnt() == 1);
        taken.forEach(ByteBuf::release);
        assertThat(frames).allMatch(frame -> frame.refCnt() == 0);
        assertThat(Inbox.ownedBuffersHeld()).isZero();
    }

    @Test
    void payloadsWaitingForAPausedReaderAreReleasedWhenTheStreamFails() {
        // given
        agentStream.pause();
        agentStream.handler(data -> { });
        for (int i = 0; i < 3; i++) {
            feedData(agentStream.id(), 10_000);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Inbox.ownedBuffersHeld() == 3);
        assertThat(frames).allMatch(frame -> frame.refCnt() == 1);
        // when
        agentStream.reset("client gave up");
        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().allMatch(frame -> frame.refCnt() == 0));
        assertThat(Inbox.ownedBuffersHeld()).isZero();
    }

    @Test
    void dataBeyondTheWindowClosesTheSessionAndIsReleased() throws Exception {
        // given: a reader that never reads, so the whole 64 KiB window fills
        agentStream.pause();
        agentStream.handler(data -> { });
        feedData(agentStream.id(), 64 * 1024);
        // when
        feedData(agentStream.id(), 1);
        // then
        assertThat(pair.agent().closeFuture().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasMessageContaining("flow-control violation");
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().allMatch(frame -> frame.refCnt() == 0));
        assertThat(Inbox.ownedBuffersHeld()).isZero();
    }

    @Test
    void dataForAStreamNeverOpenedClosesTheSessionAndIsReleased() throws Exception {
        // when
        feedData(1001, 100);
        // then
        assertThat(pair.agent().closeFuture().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasMessageContaining("never opened");
        assertThat(frames).allMatch(frame -> frame.refCnt() == 0);
    }

    @Test
    void otherFramesStillReachTheSession() throws Exception {
        // given
        TunnelStream serverStream = join(pair.server().open("target:2"));
        CompletableFuture<Void> ended = new CompletableFuture<>();
        serverStream.endHandler(v -> ended.complete(null));
        agentStream.handler(data -> { });
        // when: a FIN for the server's stream, fed to the server session through its own pipeline handler
        Session server = pair.server();
        EmbeddedChannel serverChannel = SessionPair.on(pair.serverTransport().context, () -> new EmbeddedChannel(
                new InboundFrames(server, new MessageAssembler(Frame.MAX_FRAME_SIZE, server::receive, server::fail))));
        ByteBuf fin = Unpooled.directBuffer().writeBytes(new Frame.Fin(serverStream.id()).encode().getBytes());
        SessionPair.on(pair.serverTransport().context, () -> serverChannel.writeInbound(new BinaryWebSocketFrame(fin)));
        // then
        ended.get(5, TimeUnit.SECONDS);
        assertThat(fin.refCnt()).isZero();
    }

    /** Feeds one DATA frame of random bytes, in a direct buffer as Netty's decoder makes them; returns the bytes. */
    private byte[] feedData(int streamId, int length) {
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        ByteBuf frame = Unpooled.directBuffer(Frame.HEADER_SIZE + length)
                .writeByte(Frame.VERSION).writeByte(Frame.Type.DATA.code).writeInt(streamId).writeBytes(payload);
        frames.add(frame);
        onAgentLoop(() -> channel.writeInbound(new BinaryWebSocketFrame(frame)));
        return payload;
    }

    private <T> T onAgentLoop(java.util.function.Supplier<T> work) {
        return SessionPair.on(pair.agentTransport().context, work);
    }
}
