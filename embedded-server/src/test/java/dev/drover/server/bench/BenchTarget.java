package dev.drover.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The far end of every benchmark path, plain blocking sockets on loopback. The client's first byte
 * picks the mode: {@code B} streams bytes until the client hangs up, {@code E} echoes.
 */
final class BenchTarget implements AutoCloseable {

    private final ServerSocket server;

    BenchTarget() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("bench-target").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            int mode = in.read();
            if (mode == 'B') {
                byte[] chunk = new byte[256 * 1024];
                while (true) {
                    out.write(chunk);
                }
            } else if (mode == 'E') {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the client hung up: that is how every run ends
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
