package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.Map;

/**
 * Carries a {@link Session} over one WebSocket, one tunnel frame per binary message. Text messages
 * are a protocol error. Works for both ends: the server's {@code ServerWebSocket} and the agent's
 * client {@code WebSocket}.
 */
public final class WebSocketTransport implements FrameTransport {

    private final WebSocketBase socket;

    private WebSocketTransport(WebSocketBase socket) {
        this.socket = socket;
    }

    /**
     * Starts a session over {@code socket}. Call on the socket's event loop (its connect or upgrade
     * handler) before any message can arrive.
     */
    public static Session attach(WebSocketBase socket, Session.Role role, SessionOptions options, StreamAcceptor acceptor) {
        Session session = new Session(new WebSocketTransport(socket), role, options, acceptor);
        MessageAssembler assembler = new MessageAssembler(Frame.MAX_FRAME_SIZE, session::receive, session::fail);
        // Whatever the pipeline handler below does not take (control frames; every frame when it cannot be
        // installed) arrives here through Vert.x.
        socket.frameHandler(assembler);
        takeFramesOffThePipeline(socket, session, assembler);
        socket.exceptionHandler(e -> session.transportClosed("connection failed: " + e.getMessage()));
        socket.closeHandler(v -> session.transportClosed(closeReason(socket)));
        return session;
    }

    /**
     * Puts {@link InboundFrames} in front of Vert.x's handler on the socket's channel, when the socket
     * exposes it and this is the channel's event loop (the session's: so frames keep their order and
     * thread).
     */
    private static void takeFramesOffThePipeline(WebSocketBase socket, Session session, MessageAssembler assembler) {
        if (!(socket instanceof WebSocketInternal internal)) {
            return;
        }
        ChannelHandlerContext vertxHandler = internal.channelHandlerContext();
        if (vertxHandler != null && vertxHandler.executor().inEventLoop() && !vertxHandler.isRemoved()
                && vertxHandler.pipeline().get(InboundFrames.NAME) == null) {
            vertxHandler.pipeline().addBefore(vertxHandler.name(), InboundFrames.NAME, new InboundFrames(session, assembler));
            gatherWithoutCopying(vertxHandler.pipeline());
            FlushBatching.install(vertxHandler);
        }
    }

    /**
     * The WebSocket decoder gathers the TLS layer's output (records of up to 16 KiB) until a whole frame is
     * there, then copies the frame out. By default it gathers by copying each piece into one buffer that it
     * grows — copying what it holds again each time — so a 64 KiB DATA frame was copied two to three times
     * before the decoder's own copy. A composite keeps the pieces as they are, leaving that one copy.
     */
    private static void gatherWithoutCopying(ChannelPipeline pipeline) {
        for (Map.Entry<String, ChannelHandler> handler : pipeline) {
            if (handler.getValue() instanceof WebSocketFrameDecoder && handler.getValue() instanceof ByteToMessageDecoder decoder) {
                decoder.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
            }
        }
    }

    private static String closeReason(WebSocketBase socket) {
        Short code = socket.closeStatusCode();
        String reason = socket.closeReason();
        return "connection closed" + (code == null ? "" : " (" + code + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")");
    }

    @Override
    public void send(Buffer frame) {
        socket.writeBinaryMessage(frame);
    }

    @Override
    public void sendData(int streamId, ByteBuf data, int offset, int length, boolean retainable) {
        ByteBuf frame = retainable ? DataFramePool.dataFrameAround(streamId, data, offset, length)
                : DataFramePool.dataFrame(streamId, data, offset, length);
        // Vert.x hands Netty an unreleasable view of the frame, so the pool gets it back here, once the
        // bytes are encrypted and written (or the write failed).
        socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.BINARY, frame, true)).onComplete(done -> DataFramePool.release(frame));
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public void drainHandler(Runnable handler) {
        socket.drainHandler(v -> handler.run());
    }

    @Override
    public void close(int code, String reason) {
        if (!socket.isClosed()) {
            String shortReason = reason.length() > 120 ? reason.substring(0, 120) : reason;
            socket.close((short) code, shortReason);
        }
    }
}
