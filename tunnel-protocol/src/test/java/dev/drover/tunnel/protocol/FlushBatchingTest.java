package dev.drover.tunnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        FlushCounter kernel = new FlushCounter();
        vertx.pipeline().addBefore(vertx.name(), "counter", kernel);
        FlushBatching.install(vertx);
        // when: in one turn of the socket's loop, four payloads each written (and flushed, by Vert.x), as the
        // server writes to a client's socket the payloads of four frames it read off the WebSocket in one turn
        vertx.executor().submit(() -> {
            for (int i = 0; i < 4; i++) {
                socket.write(Buffer.buffer(new byte[1024]));
            }
        }).sync();
        // then: all four arrive, after a single flush
        await().atMost(Duration.ofSeconds(5)).until(() -> received.get() == 4096);
        assertThat(kernel.flushes.get()).isEqualTo(1);
        assertThat(vertx.pipeline().names()).containsSubsequence("counter", FlushBatching.NAME, vertx.name());
        socket.close().await();
        server.close().await();
    }

    @Test
    void writesFlushedDuringAReadLeaveTogetherWhenTheReadCompletes() {
        // given
        FlushCounter socket = new FlushCounter();
        ChannelInboundHandlerAdapter writer = new ChannelInboundHandlerAdapter();
        EmbeddedChannel channel = new EmbeddedChannel(socket, FlushBatching.newHandler(), writer);
        ChannelHandlerContext vertx = channel.pipeline().context(writer);
        // when: a read is going on (the WINDOW_UPDATEs a read of DATA frames triggers are written meanwhile)
        channel.pipeline().fireChannelRead("a frame");
        vertx.writeAndFlush(Unpooled.wrappedBuffer(new byte[16]));
        vertx.writeAndFlush(Unpooled.wrappedBuffer(new byte[16]));
        assertThat(socket.flushes).hasValue(0);
        channel.pipeline().fireChannelReadComplete();
        // then
        assertThat(socket.flushes).hasValue(1);
        assertThat(channel.outboundMessages()).hasSize(2);
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
