package dev.drover.tunnel.protocol.eventloop;

import java.time.Duration;

/**
 * How long one event loop polls for new I/O before it sleeps, adapted to what happened after the last time
 * it slept: a wake-up that came within the longest window means polling that long would have caught it, so
 * the window doubles (from {@link #FIRST_NANOS}); a long sleep means the traffic stopped, so it halves, down
 * to zero — an idle loop never spins. Not thread-safe: one per event loop.
 */
public final class PollWindow {
    /** The first non-zero window: about one loopback round trip through a kernel socket. */
    public static final long FIRST_NANOS = 10_000;

    private final long maxNanos;
    private long nanos;

    public PollWindow(Duration max) {
        if (max.isNegative()) {
            throw new IllegalArgumentException("The event-loop poll window cannot be negative, got " + max + ".");
        }
        this.maxNanos = max.toNanos();
    }

    /** The time to poll before the next sleep; 0 to sleep at once. */
    public long nanos() {
        return nanos;
    }

    /** The loop slept this long (from going to sleep to running again) after its window ran out. */
    public void slept(long sleptNanos) {
        if (maxNanos == 0) {
            return;
        }
        if (sleptNanos <= maxNanos) {
            nanos = Math.min(maxNanos, Math.max(FIRST_NANOS, nanos * 2));
        } else {
            nanos = nanos / 2 < FIRST_NANOS ? 0 : nanos / 2;
        }
    }
}
