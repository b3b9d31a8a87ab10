package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batching {@link FlushBatching} puts on a tunnel's sockets. */
class FlushBatchingTest {

    @RegisterExtension
    static final SharedVertx VERTX = new SharedVertx();
    private final AtomicInteger received = new AtomicInteger();

    @Test
    void writesFlushedOutsideAReadLeaveTogetherOnceTheLoopsTurnEnds() throws Exception {
        // given: a real socket with the batching, and behind it (towards the kernel) a counter of the flushes
        // that get through
        NetServer server = VERTX.get().createNetServer().connectHandler(s -> s.handler(b -> received.addAndGet(b.length())))
                .listen(0, "127.0.0.1").await();
        NetSocketInternal socket = (NetSocketInternal) VERTX.get().createNetClient().connect(server.actualPort(), "127.0.0.1").await();
        ChannelHandlerContext vertx = socket.channelHandlerContext();
        AtomicInteger flushesInTheTurn = new AtomicInteger();
        FlushCounter kernel = new FlushCounter();
        vertx.pipeline().addBefore(vertx.name(), "counter", kernel);
        FlushBatching.install(vertx);
        socket.setWriteQueueMaxSize(1024 * 1024);
        // when: in one turn of the socket's loop, four 64 KiB payloads each written (and flushed, by Vert.x), as
        // the server writes to a client's socket the payloads of four frames it read off the WebSocket in one turn
        vertx.executor().submit(() -> {
            for (int i = 0; i < 4; i++) {
                socket.write(Buffer.buffer(new byte[64 * 1024]));
            }
        }).sync();
        // then: all four arrive, after a single flush
        await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 4 * 64 * 1024);
        assertThat(kernel.flushes.get()).isEqualTo(1);
        // and when: bulk, then a small payload in the same turn (a small response behind bulk data)
        vertx.executor().submit(() -> {
            socket.write(Buffer.buffer(new byte[64 * 1024]));
            socket.write(Buffer.buffer(new byte[64 * 1024]));
            socket.write(Buffer.buffer(new byte[100]));
            flushesInTheTurn.set(kernel.flushes.get());
        }).sync();
        // then: the small write's flush went at once, taking the bulk along, and nothing was left for the turn's end
        // (reports the bytes that did arrive if it times out, as it did once in CI, unexplained and not reproduced since)
        await().atMost(Duration.ofSeconds(5)).alias("bytes the server received").untilAtomic(received, equalTo(6 * 64 * 1024 + 100));
        assertThat(flushesInTheTurn.get()).isEqualTo(2);
        assertThat(kernel.flushes.get()).isEqualTo(2);
        assertThat(vertx.pipeline().names()).containsSubsequence("counter", FlushBatching.NAME, vertx.name());
        socket.close().await();
        server.close().await();
    }

    @Test
    void aSmallWriteIsFlushedAtOnce() {
        // given
        FlushCounter socket = new FlushCounter();
        ChannelInboundHandlerAdapter writer = new ChannelInboundHandlerAdapter();
        EmbeddedChannel channel = new EmbeddedChannel(socket, new FlushBatching(), writer);
        ChannelHandlerContext vertx = channel.pipeline().context(writer);
        // when: a WINDOW_UPDATE-sized write
        vertx.writeAndFlush(Unpooled.wrappedBuffer(new byte[16]));
        // then: flushed without waiting for the turn's end
        assertThat(socket.flushes).hasValue(1);
        assertThat(channel.outboundMessages()).hasSize(1);
        channel.finishAndReleaseAll();
    }

    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes.incrementAndGet();
            ctx.flush();
        }
    }
}
