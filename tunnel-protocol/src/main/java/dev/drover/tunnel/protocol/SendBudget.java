package dev.drover.tunnel.protocol;

/**
 * How much unacknowledged DATA one stream may have on the shared connection while other streams are
 * sending too. All streams of a session share one TCP connection, a FIFO: when the receiving end is the
 * slower one, a bulk stream keeps its whole window (1 MiB by default) in flight, and a small frame of another stream
 * queues behind all of it in socket buffers, however the writer orders the frames it still holds. So while
 * another stream has sent DATA within the last {@link #HOLD_NANOS}, each stream is held to
 * {@link #CONTENDED_WINDOW} bytes in flight (as HTTP/2 implementations shrink per-stream windows under a
 * connection budget); a stream alone keeps its full window and speed.
 *
 * <p>The cap is never below the receiver's {@link TunnelStream#creditBatch credit batch} (a quarter window, at most
 * 64 KiB): the receiver returns credit in such batches, so with less in flight no credit would ever come back.
 * Confined to the session's loop.
 */
final class SendBudget {

    /** Bytes in flight per stream while others send; 0 turns the budget off. */
    static final int CONTENDED_WINDOW = setting("drover.tunnel.contendedWindow", System.getProperty("drover.tunnel.contendedWindow"),
            64 * 1024, 0, Frame.MAX_WINDOW);
    /** How long after another stream's last DATA frame this side still counts it as sending. */
    static final long HOLD_NANOS = setting("drover.tunnel.contentionHoldMillis", System.getProperty("drover.tunnel.contentionHoldMillis"),
            10, 1, 60_000) * 1_000_000L;

    private int lastId;
    private long lastAt;
    private int previousId;
    private long previousAt;

    /** Records that stream {@code id} sent a DATA frame at {@code now} (ids are positive). */
    void sent(int id, long now) {
        if (id != lastId) {
            previousId = lastId;
            previousAt = lastAt;
            lastId = id;
        }
        lastAt = now;
    }

    /** Most bytes stream {@code id} may have unacknowledged now, given the receiver's window. */
    long cap(int id, int peerWindow, long now) {
        if (CONTENDED_WINDOW == 0 || !othersSending(id, now)) {
            return Long.MAX_VALUE;
        }
        return Math.max(CONTENDED_WINDOW, TunnelStream.creditBatch(peerWindow));
    }

    private boolean othersSending(int id, long now) {
        return lastId != 0 && lastId != id && now - lastAt < HOLD_NANOS
                || previousId != 0 && previousId != id && now - previousAt < HOLD_NANOS;
    }

    /** {@code value} of system property {@code name} as a number in min..max, {@code fallback} when unset. */
    static int setting(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + name + " must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
    }
}
