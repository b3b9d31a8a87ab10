package dev.drover.server.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

/** Measures one path (a loopback port that leads to {@link BenchTarget}). */
final class BenchClient {

    private BenchClient() {
    }

    /** MB/s (10^6 bytes) reading {@code bytes} of bulk data. */
    static double throughput(int port, long bytes) throws IOException {
        return throughput(port, bytes, 0);
    }

    /** As {@link #throughput(int, long)}, reading no faster than {@code capMBps} (0: as fast as the path goes). */
    static double throughput(int port, long bytes, double capMBps) throws IOException {
        try (Socket socket = connect(port); InputStream in = socket.getInputStream()) {
            socket.getOutputStream().write('B');
            byte[] buffer = new byte[256 * 1024];
            long read = 0;
            long start = System.nanoTime();
            while (read < bytes) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("bulk stream ended after " + read + " bytes");
                }
                read += n;
                if (capMBps > 0) {
                    pace(start + (long) (read / capMBps * 1e3));
                }
            }
            return read / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Round-trip times in microseconds of {@code count} {@code size}-byte requests on one connection, after a warm-up. */
    static double[] roundTrips(int port, int warmup, int count, int size) throws IOException {
        try (Socket socket = connect(port); InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            out.write('E');
            byte[] request = new byte[size];
            byte[] response = new byte[size];
            double[] micros = new double[count];
            for (int i = -warmup; i < count; i++) {
                long start = System.nanoTime();
                out.write(request);
                int got = 0;
                while (got < size) {
                    int n = in.read(response, got, size - got);
                    if (n < 0) {
                        throw new IOException("echo ended");
                    }
                    got += n;
                }
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - start) / 1e3;
                }
            }
            Arrays.sort(micros);
            return micros;
        }
    }

    private static void pace(long dueNanos) throws IOException {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while pacing", e);
            }
        }
    }

    static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        return socket;
    }
}
