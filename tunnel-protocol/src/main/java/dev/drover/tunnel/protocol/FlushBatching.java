package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Lets bulk writes to a tunnel's sockets wait for the end of the event loop's turn before they are flushed, so
 * that the frames or payloads written during one turn leave in one gathering write instead of one system call
 * (and, on loopback, one wake-up of the reader) each; small writes are flushed at once, as before.
 *
 * <p>Why: a bulk stream's bytes are written to a socket whose own read is not in progress — the server writes
 * the payloads of the frames it has just read off the WebSocket to the client's socket, the agent writes the
 * frames it has just made from the target's bytes to the WebSocket — so Vert.x flushed after every 64 KiB
 * write. On two cores the kernel's side of those writes is the largest share of both loops' CPU (BENCHMARKS.md,
 * Tunnel, "Sixth round"). Why not for small writes (as Netty's {@code FlushConsolidationHandler} would): a small
 * response must not wait for the rest of a turn the loop spends on bulk frames, so a flush that follows a write
 * of less than {@link #BULK_BYTES} goes out at once (taking any bulk bytes written before it along, in order).
 *
 * <p>A deferred flush is never held past the turn (a writer that found the channel full waits for the drain
 * that follows it) and goes at once when the channel closes. {@code -Ddrover.tunnel.batchFlushes=false} turns it off
 * (for measuring). Event loop only, like every handler.
 */
final class FlushBatching extends ChannelDuplexHandler {

    static final String NAME = "drover-flush-batching";
    /** A write from which its flush waits for the turn's end: larger than any control frame or small request. */
    static final int BULK_BYTES = 16 * 1024;
    private static final boolean ENABLED = !"false".equals(System.getProperty("drover.tunnel.batchFlushes"));

    private int lastWrite;
    private boolean flushPending;
    private boolean scheduled;

    /**
     * Puts the batching in front of Vert.x's handler on its channel, once. Netty's pipeline can be changed
     * from any thread; the handler itself runs on the channel's loop.
     */
    static void install(ChannelHandlerContext vertxHandler) {
        if (!ENABLED || vertxHandler == null || vertxHandler.isRemoved()) {
            return;
        }
        if (vertxHandler.pipeline().get(NAME) == null) {
            vertxHandler.pipeline().addBefore(vertxHandler.name(), NAME, new FlushBatching());
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastWrite = msg instanceof ByteBuf bytes ? bytes.readableBytes()
                : msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (lastWrite < BULK_BYTES) {
            flushNow(ctx);
            return;
        }
        flushPending = true;
        if (!scheduled) {
            scheduled = true;
            ctx.executor().execute(() -> {
                scheduled = false;
                if (flushPending) {
                    flushNow(ctx);
                }
            });
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (flushPending) {
            flushNow(ctx);
        }
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushNow(ctx);
        }
    }

    private void flushNow(ChannelHandlerContext ctx) {
        flushPending = false;
        ctx.flush();
    }
}
