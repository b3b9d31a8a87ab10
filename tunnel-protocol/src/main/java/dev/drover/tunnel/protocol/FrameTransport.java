package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * What carries a {@link Session}'s frames: in production one WebSocket ({@link WebSocketTransport}),
 * in tests an in-memory pair. All methods are called on the session's event-loop thread.
 */
public interface FrameTransport {

    /** Sends one encoded frame as one message. Never blocks. */
    void send(Buffer frame);

    /**
     * Sends one DATA frame carrying {@code length} bytes of {@code data} from {@code offset} past its reader
     * index. Unless {@code retainable}, the caller may change the bytes afterwards, so they are copied
     * before this returns; when {@code retainable} they never change and a transport may keep a retained
     * slice of them until written (the bulk path's zero-copy case). Either way {@code data} stays the
     * caller's: a transport releases only what it retained itself.
     */
    default void sendData(int streamId, ByteBuf data, int offset, int length, boolean retainable) {
        send(Frame.encodeData(streamId, BufferInternal.buffer(data.slice(data.readerIndex() + offset, length)), 0, length));
    }

    /** Whether the transport has queued enough that DATA should wait for {@link #drainHandler}. */
    boolean writeQueueFull();

    /** Called on the session's event loop when a full transport can take more. */
    void drainHandler(Runnable handler);

    /** Closes the transport with a WebSocket-style status code and a short reason. Idempotent. */
    void close(int code, String reason);
}
