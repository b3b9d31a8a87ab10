package dev.drover.tunnel.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * What carries a {@link Session}'s frames: in production one WebSocket ({@link WebSocketTransport}),
 * in tests an in-memory pair. All methods are called on the session's event-loop thread.
 */
public interface FrameTransport {

    /** Sends one encoded frame as one message. Never blocks. */
    void send(Buffer frame);

    /**
     * Sends one DATA frame carrying {@code data[from, to)}. A transport may encode it without the
     * intermediate heap buffer {@link Frame#encodeData} makes (the bulk path's largest allocation).
     */
    default void sendData(int streamId, Buffer data, int from, int to) {
        send(Frame.encodeData(streamId, data, from, to));
    }

    /** Whether the transport has queued enough that DATA should wait for {@link #drainHandler}. */
    boolean writeQueueFull();

    /** Called on the session's event loop when a full transport can take more. */
    void drainHandler(Runnable handler);

    /** Closes the transport with a WebSocket-style status code and a short reason. Idempotent. */
    void close(int code, String reason);
}
