package dev.drover.tunnel.protocol;

import java.time.Duration;

/**
 * Tuning of one {@link Session}. Both ends choose their own; nothing here must match the peer.
 *
 * @param streamWindow      bytes a peer may send on one stream before this side has consumed them;
 *                          also the most this side buffers for a stalled reader
 * @param receiveBudget     stream windows this side offers in all before new streams get smaller ones (see
 *                          {@link #windowFor})
 * @param writeQueueMaxSize bytes a stream queues for sending before {@code writeQueueFull()} says so
 * @param maxStreams        concurrently open streams; more are refused
 * @param connectTimeout    how long an opened stream waits for the peer's CONNECT_OK
 * @param pingInterval      how often a PING goes out
 * @param idleTimeout       the session closes when nothing at all arrived for this long
 * @param syncInterval      how often the live stream ids are sent to the peer
 */
public record SessionOptions(int streamWindow, long receiveBudget, int writeQueueMaxSize, int maxStreams, Duration connectTimeout,
                             Duration pingInterval, Duration idleTimeout, Duration syncInterval) {

    /** The smallest window {@link #windowFor} shrinks to: four 16 KiB credit batches. */
    static final int MIN_SHARED_WINDOW = 64 * 1024;

    /**
     * Defaults; the stream window can be tuned with {@code -Ddrover.tunnel.streamWindow=BYTES}. 1 MiB (as HTTP/2
     * servers commonly allow a stream) because a lone bulk stream ran 10–26 % faster with it than with 256 KiB
     * on the benchmark box: more in flight rides out the moments either end's loop is off its core
     * (BENCHMARKS.md, Tunnel, ninth round). Streams sharing the connection are held to 64 KiB anyway ({@link SendBudget}).
     */
    public static final SessionOptions DEFAULTS = new SessionOptions(
            Integer.getInteger("drover.tunnel.streamWindow", 1024 * 1024), 64L << 20, 128 * 1024, 16_384,
            Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public SessionOptions {
        if (streamWindow < 1024 || streamWindow > Frame.MAX_WINDOW) {
            throw new IllegalArgumentException("streamWindow must be 1 KiB..16 MiB");
        }
        if (receiveBudget < 1 || writeQueueMaxSize < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("receiveBudget, writeQueueMaxSize and maxStreams must be positive");
        }
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout must be longer than pingInterval");
        }
    }

    public SessionOptions withKeepalive(Duration ping, Duration idle) {
        return new SessionOptions(streamWindow, receiveBudget, writeQueueMaxSize, maxStreams, connectTimeout, ping, idle, syncInterval);
    }

    public SessionOptions withSyncInterval(Duration interval) {
        return new SessionOptions(streamWindow, receiveBudget, writeQueueMaxSize, maxStreams, connectTimeout, pingInterval, idleTimeout, interval);
    }

    public SessionOptions withStreamWindow(int window) {
        return new SessionOptions(window, receiveBudget, writeQueueMaxSize, maxStreams, connectTimeout, pingInterval, idleTimeout, syncInterval);
    }

    public SessionOptions withReceiveBudget(long budget) {
        return new SessionOptions(streamWindow, budget, writeQueueMaxSize, maxStreams, connectTimeout, pingInterval, idleTimeout, syncInterval);
    }

    /**
     * The window to offer a stream opened while {@code openStreams} others are open: an equal share of
     * {@link #receiveBudget}, at most {@link #streamWindow} and at least 64 KiB (or the stream window, if smaller).
     * Why: a window is memory this side holds for a stalled reader, and a peer may open thousands of streams; with
     * the full window each (1 MiB × 16,384 streams) that could be 16 GiB, with shares it stays near the budget plus
     * 64 KiB per stream beyond it. A window is fixed when its stream opens, so only new streams get the smaller share.
     */
    int windowFor(int openStreams) {
        long share = receiveBudget / (openStreams + 1L);
        return (int) Math.min(streamWindow, Math.max(MIN_SHARED_WINDOW, share));
    }

    public SessionOptions withMaxStreams(int max) {
        return new SessionOptions(streamWindow, receiveBudget, writeQueueMaxSize, max, connectTimeout, pingInterval, idleTimeout, syncInterval);
    }
}
