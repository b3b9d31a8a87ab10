package dev.drover.tunnel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/** Joins a TCP socket and a tunnel stream both ways, with back-pressure in each direction. */
public final class StreamPipes {

    private StreamPipes() {
    }

    /**
     * Socket bytes go out on the stream and stream bytes into the socket. The socket's end becomes
     * the stream's FIN and the stream's end the socket's end; a reset closes the socket at once, and a
     * failed socket resets the stream.
     */
    public static void splice(NetSocket socket, TunnelStream stream) {
        if (socket instanceof NetSocketInternal raw) {
            FlushBatching.install(raw.channelHandlerContext());
            socketToStream(raw, stream);
            streamToSocket(raw, stream);
        } else {
            socket.pipe().endOnFailure(false).to(stream)
                    .onFailure(e -> stream.reset("connection failed: " + e.getMessage()));
            stream.pipe().endOnFailure(false).to(socket)
                    .onFailure(e -> {
                        stream.reset("connection failed: " + e.getMessage());
                        socket.close();
                    });
        }
        stream.closeFuture().onFailure(e -> socket.close());
    }

    /**
     * The other direction, also without copies: payloads the stream received straight off the WebSocket
     * (see {@code InboundFrames}) are written to the socket as the Netty buffers they are, and Netty
     * releases them once written (or when the write fails); a plain {@code Buffer} is written as a pipe
     * would. Same contract as a pipe: pause the stream while the socket's queue is full, end the socket
     * on the stream's end, and on a failed write reset the stream and close the socket.
     */
    private static void streamToSocket(NetSocketInternal socket, TunnelStream stream) {
        Handler<AsyncResult<Void>> onWritten = written -> {
            if (written.failed()) {
                stream.reset("connection failed: " + written.cause().getMessage());
                socket.close();
            }
        };
        socket.drainHandler(v -> stream.resume());
        stream.endHandler(v -> socket.end());
        stream.ownedHandler(bytes -> {
            socket.writeMessage(bytes).onComplete(onWritten);
            if (socket.writeQueueFull()) {
                stream.pause();
            }
        });
        stream.handler(data -> {
            socket.write(data).onComplete(onWritten);
            if (socket.writeQueueFull()) {
                stream.pause();
            }
        });
    }

    /**
     * The bulk direction without copies: the socket's own read buffers (Netty's, as read from the kernel)
     * go to the stream, which frames slices of them and releases them once written. Vert.x's
     * {@code handler} would first copy each into a fresh heap buffer, and framing would copy it again.
     * Same contract as a pipe: pause while the stream's queue is full, end on end, reset on failure.
     */
    private static void socketToStream(NetSocketInternal socket, TunnelStream stream) {
        socket.pause();
        socket.messageHandler(message -> {
            if (message instanceof ByteBuf bytes) {
                stream.writeOwned(bytes);
            } else if (message instanceof Buffer copied) {
                // read while the socket was paused before this handler was set: Vert.x has already copied it
                stream.write(copied);
            } else {
                ReferenceCountUtil.release(message);
                return;
            }
            if (stream.writeQueueFull()) {
                socket.pause();
            }
        });
        stream.drainHandler(v -> socket.resume());
        socket.endHandler(v -> stream.end());
        socket.exceptionHandler(e -> stream.reset("connection failed: " + e.getMessage()));
        socket.resume();
    }
}
