package dev.drover.tunnel.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Lets the flushes of a tunnel's sockets wait for the end of the event loop's current turn, so that the frames
 * or payloads written during one turn leave in one gathering write instead of one system call (and, on
 * loopback, one wake-up of the reader) each.
 *
 * <p>Why it matters: a bulk stream's bytes are written to a socket whose own read is not in progress — the
 * server writes the payloads of the frames it has just read off the WebSocket to the client's socket, the agent
 * writes the frames it has just made from the target's bytes to the WebSocket — so Vert.x flushed after every
 * single 64 KiB write. On two cores the kernel's side of those writes was the largest share of both loops' CPU
 * (BENCHMARKS.md, Tunnel, "Sixth round"). Netty's {@link FlushConsolidationHandler} defers a flush made outside
 * a read to a task that runs once the loop has handled its ready sockets, and one made during a read to the
 * read's end; a flush is never held longer than that, and at once when the channel stops being writable.
 *
 * <p>{@code -Ddrover.tunnel.batchFlushes=false} turns it off (for measuring).
 */
final class FlushBatching {

    static final String NAME = "drover-flush-batching";
    private static final boolean ENABLED = !"false".equals(System.getProperty("drover.tunnel.batchFlushes"));

    private FlushBatching() {
    }

    /**
     * Puts the batching in front of Vert.x's handler on its channel, once. Netty's pipeline can be changed
     * from any thread; the handler's own state is touched only on the channel's loop.
     */
    static void install(ChannelHandlerContext vertxHandler) {
        if (!ENABLED || vertxHandler == null || vertxHandler.isRemoved()) {
            return;
        }
        if (vertxHandler.pipeline().get(NAME) == null) {
            vertxHandler.pipeline().addBefore(vertxHandler.name(), NAME, newHandler());
        }
    }

    /** Consolidates also when no read is in progress: the bulk writes come from another channel's read. */
    static FlushConsolidationHandler newHandler() {
        return new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
    }
}
