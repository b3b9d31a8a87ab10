package dev.drover.tunnel.protocol;

import java.time.Duration;

/**
 * Tuning of one {@link Session}. Both ends choose their own; nothing here must match the peer.
 *
 * @param streamWindow      bytes a peer may send on one stream before this side has consumed them;
 *                          also the most this side buffers for a stalled reader
 * @param writeQueueMaxSize bytes a stream queues for sending before {@code writeQueueFull()} says so
 * @param maxStreams        concurrently open streams; more are refused
 * @param connectTimeout    how long an opened stream waits for the peer's CONNECT_OK
 * @param pingInterval      how often a PING goes out
 * @param idleTimeout       the session closes when nothing at all arrived for this long
 * @param syncInterval      how often the live stream ids are sent to the peer
 */
public record SessionOptions(int streamWindow, int writeQueueMaxSize, int maxStreams, Duration connectTimeout,
                             Duration pingInterval, Duration idleTimeout, Duration syncInterval) {

    /**
     * Defaults; the stream window can be tuned with {@code -Ddrover.tunnel.streamWindow=BYTES}. 1 MiB (as HTTP/2
     * servers commonly allow a stream) because a lone bulk stream ran 10–26 % faster with it than with 256 KiB
     * on the benchmark box: more in flight rides out the moments either end's loop is off its core
     * (BENCHMARKS.md, Tunnel, ninth round). Streams sharing the connection are held to 64 KiB anyway ({@link SendBudget}).
     */
    public static final SessionOptions DEFAULTS = new SessionOptions(
            Integer.getInteger("drover.tunnel.streamWindow", 1024 * 1024), 128 * 1024, 16_384,
            Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public SessionOptions {
        if (streamWindow < 1024 || streamWindow > Frame.MAX_WINDOW) {
            throw new IllegalArgumentException("streamWindow must be 1 KiB..16 MiB");
        }
        if (writeQueueMaxSize < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("writeQueueMaxSize and maxStreams must be positive");
        }
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout must be longer than pingInterval");
        }
    }

    public SessionOptions withKeepalive(Duration ping, Duration idle) {
        return new SessionOptions(streamWindow, writeQueueMaxSize, maxStreams, connectTimeout, ping, idle, syncInterval);
    }

    public SessionOptions withSyncInterval(Duration interval) {
        return new SessionOptions(streamWindow, writeQueueMaxSize, maxStreams, connectTimeout, pingInterval, idleTimeout, interval);
    }

    public SessionOptions withStreamWindow(int window) {
        return new SessionOptions(window, writeQueueMaxSize, maxStreams, connectTimeout, pingInterval, idleTimeout, syncInterval);
    }

    public SessionOptions withMaxStreams(int max) {
        return new SessionOptions(streamWindow, writeQueueMaxSize, max, connectTimeout, pingInterval, idleTimeout, syncInterval);
    }
}
