package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.concurrent.atomic.LongAdder;

/**
 * Takes the tunnel's messages off the WebSocket's Netty pipeline, just ahead of Vert.x's own handler, so
 * that a DATA frame's payload reaches its stream — and, through {@link StreamPipes}, the destination socket's
 * write — as a retained slice of the buffer Netty decoded it into. Through Vert.x each payload was copied
 * twice more: into a heap buffer (Vert.x does not pass pooled buffers to user code) and, to write that to a
 * socket, back into a direct one. Other frames are small and are copied once into a {@code Buffer} for
 * {@link Session#receive}; fragments go through the {@link MessageAssembler} as before. Control frames
 * (ping, pong, close) still go to Vert.x, which answers pings and runs the closing handshake.
 *
 * <p>Installed only on the channel's own event loop, which is the session's, so everything here runs on
 * the session's thread.
 */
final class InboundFrames extends ChannelInboundHandlerAdapter {

    static final String NAME = "drover-tunnel-frames";

    /**
     * Shown to Vert.x once per read so that it still knows a read is going on: it holds back the flushes
     * of writes made meanwhile (the WINDOW_UPDATEs this read triggers) until the read completes, as it did
     * when the frames went through it. Vert.x's WebSocket connection ignores messages that are not frames.
     */
    private static final Object READ_MARKER = new Object();

    private static final LongAdder DATA_TAKEN = new LongAdder();

    private final Session session;
    private final MessageAssembler assembler;
    private boolean fragmented;
    private boolean readMarked;

    InboundFrames(Session session, MessageAssembler assembler) {
        this.session = session;
        this.assembler = assembler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame
                || msg instanceof TextWebSocketFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!readMarked) {
            readMarked = true;
            ctx.fireChannelRead(READ_MARKER);
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (frame instanceof BinaryWebSocketFrame && frame.isFinalFragment() && !fragmented) {
                receiveWhole(frame.content());
            } else {
                assemble(frame);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readMarked = false;
        ctx.fireChannelReadComplete();
    }

    /** DATA frames handed to sessions without a copy since the JVM started (tests check the path is taken). */
    static long dataFramesTaken() {
        return DATA_TAKEN.sum();
    }

    private void receiveWhole(ByteBuf content) {
        int at = content.readerIndex();
        int length = content.readableBytes();
        if (length >= Frame.HEADER_SIZE && length <= Frame.MAX_FRAME_SIZE && content.getByte(at) == Frame.VERSION
                && content.getByte(at + 1) == Frame.Type.DATA.code) {
            DATA_TAKEN.increment();
            session.receiveData(content.getInt(at + 2),
                    content.retainedSlice(at + Frame.HEADER_SIZE, length - Frame.HEADER_SIZE));
        } else {
            // everything else, malformed frames included: the decoder checks it and names what is wrong
            session.receive(BufferInternal.buffer(Unpooled.copiedBuffer(content)));
        }
    }

    private void assemble(WebSocketFrame frame) {
        WebSocketFrameType type;
        if (frame instanceof TextWebSocketFrame) {
            type = WebSocketFrameType.TEXT;
        } else if (frame instanceof ContinuationWebSocketFrame) {
            type = WebSocketFrameType.CONTINUATION;
            fragmented = fragmented && !frame.isFinalFragment();
        } else {
            type = WebSocketFrameType.BINARY;
            fragmented = !frame.isFinalFragment();
        }
        assembler.handle(new WebSocketFrameImpl(type, Unpooled.copiedBuffer(frame.content()), frame.isFinalFragment()));
    }
}
