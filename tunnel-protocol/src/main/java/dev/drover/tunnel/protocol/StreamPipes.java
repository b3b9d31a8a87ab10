package dev.drover.tunnel.protocol;

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
        socket.pipe().endOnFailure(false).to(stream)
                .onFailure(e -> stream.reset("connection failed: " + e.getMessage()));
        stream.pipe().endOnFailure(false).to(socket)
                .onFailure(e -> {
                    stream.reset("connection failed: " + e.getMessage());
                    socket.close();
                });
        stream.closeFuture().onFailure(e -> socket.close());
    }
}
