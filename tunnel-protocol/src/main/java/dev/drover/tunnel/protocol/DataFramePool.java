package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.concurrent.atomic.LongAdder;

/**
 * Encodes outgoing DATA frames into pooled heap buffers, given back to the pool once written.
 *
 * <p>Why: a bulk stream sends a 64 KiB frame every ~150 µs; a fresh buffer per frame made the
 * encoding the largest allocation of both JVMs, and the young collections it caused (an agent runs in a
 * small heap) set the tunnel's throughput more than the copying did. Why a subclass: Vert.x copies a
 * buffer from Netty's own pooled allocators into an unpooled one before writing it (it cannot know who
 * releases it); a buffer of any other allocator is written as is. Vert.x writes it through an
 * unreleasable view, so the writer releases the frame itself when the write completes.
 */
final class DataFramePool extends PooledByteBufAllocator {

    private static final DataFramePool INSTANCE = new DataFramePool();
    private static final LongAdder IN_FLIGHT = new LongAdder();

    private DataFramePool() {
        super(false);
    }

    /** One tunnel DATA frame for {@code data[from, to)}; give it back with {@link #release} once written. */
    static ByteBuf dataFrame(int streamId, Buffer data, int from, int to) {
        int length = to - from;
        ByteBuf frame = INSTANCE.heapBuffer(Frame.HEADER_SIZE + length);
        frame.writeByte(Frame.VERSION).writeByte(Frame.Type.DATA.code).writeInt(streamId);
        frame.writeBytes(((BufferInternal) data).getByteBuf(), from, length);
        IN_FLIGHT.increment();
        return frame;
    }

    static void release(ByteBuf frame) {
        frame.release();
        IN_FLIGHT.decrement();
    }

    /** Frames handed out and not yet given back: zero whenever the tunnels are idle (a leak check). */
    static long framesInFlight() {
        return IN_FLIGHT.sum();
    }
}
