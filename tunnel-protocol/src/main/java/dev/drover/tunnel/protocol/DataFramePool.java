package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds outgoing DATA frames from pooled buffers, given back to the pool once written: a copy into a
 * pooled heap buffer, or — when the bytes are a socket's read buffer that nothing changes any more — a
 * pooled 6-byte header followed by a retained slice of them, with no copy at all.
 *
 * <p>Why pooled: a bulk stream sends a 64 KiB frame every ~100 µs; a fresh buffer per frame made the
 * encoding the largest allocation of both JVMs, and the young collections it caused (an agent runs in a
 * small heap) set the tunnel's throughput more than the copying did. Why a subclass: Vert.x copies a
 * buffer from Netty's own pooled allocators, and any {@code CompositeByteBuf}, into an unpooled heap
 * buffer before writing it (it cannot know who releases it); a buffer of another allocator is written as
 * is — for the header-plus-slice frame that is the composite's allocator, this one. Vert.x writes the
 * frame through an unreleasable view, so the writer releases it itself when the write completes.
 */
final class DataFramePool extends PooledByteBufAllocator {

    private static final DataFramePool INSTANCE = new DataFramePool();
    private static final LongAdder IN_FLIGHT = new LongAdder();

    private DataFramePool() {
        super(false);
    }

    /** A DATA frame copying {@code length} bytes of {@code data} from {@code offset} past its reader index. */
    static ByteBuf dataFrame(int streamId, ByteBuf data, int offset, int length) {
        ByteBuf frame = INSTANCE.heapBuffer(Frame.HEADER_SIZE + length);
        frame.writeByte(Frame.VERSION).writeByte(Frame.Type.DATA.code).writeInt(streamId);
        frame.writeBytes(data, data.readerIndex() + offset, length);
        IN_FLIGHT.increment();
        return frame;
    }

    /**
     * A DATA frame of a header and a retained slice of {@code data} (which must not change until the frame
     * is released). The header is direct when the data is, so that a TLS engine that wants direct input
     * (OpenSSL) takes the frame as it is rather than copying it once more.
     */
    static ByteBuf dataFrameAround(int streamId, ByteBuf data, int offset, int length) {
        ByteBuf header = data.isDirect() ? INSTANCE.directBuffer(Frame.HEADER_SIZE) : INSTANCE.heapBuffer(Frame.HEADER_SIZE);
        header.writeByte(Frame.VERSION).writeByte(Frame.Type.DATA.code).writeInt(streamId);
        CompositeByteBuf frame = new CompositeByteBuf(INSTANCE, data.isDirect(), 2);
        frame.addComponents(true, header, data.retainedSlice(data.readerIndex() + offset, length));
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
