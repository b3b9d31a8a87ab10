package dev.drover.app.fx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Moves events from engine threads onto the FX thread in batches, at most one batch per interval,
 * so a burst of thousands of watch events costs the FX thread a handful of runnables and pulses
 * instead of one each.
 *
 * <p>{@link #post} is callable from any thread and never blocks. The sink runs on the FX executor
 * with every event posted since the previous batch; events one thread posted keep their order.
 */
public final class FxEventBatcher<T> implements AutoCloseable {

    private final Queue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Consumer<List<T>> sink;
    private final Executor fx;
    private final ScheduledExecutorService timer;
    private final long intervalNanos;
    private volatile long lastFlushNanos;
    private volatile boolean closed;

    FxEventBatcher(Consumer<List<T>> sink, Executor fx, ScheduledExecutorService timer, Duration interval) {
        this.sink = sink;
        this.fx = fx;
        this.timer = timer;
        this.intervalNanos = interval.toNanos();
        // The first event after a quiet spell is delivered at once; only bursts wait.
        this.lastFlushNanos = System.nanoTime() - intervalNanos;
    }

    /** Queues an event for the next batch. Callable from any thread; ignored once closed. */
    public void post(T event) {
        if (closed) {
            return;
        }
        pending.add(event);
        if (flushScheduled.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlushNanos + intervalNanos - System.nanoTime());
            try {
                timer.schedule(() -> fx.execute(this::flush), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The timer is shut down: the console is closing, nobody will see the events.
                closed = true;
                pending.clear();
            }
        }
    }

    /** Runs on the FX executor. */
    private void flush() {
        lastFlushNanos = System.nanoTime();
        // Cleared before draining, so an event posted while we drain schedules the next batch itself.
        flushScheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T event = pending.poll(); event != null; event = pending.poll()) {
            batch.add(event);
        }
        if (!batch.isEmpty() && !closed) {
            sink.accept(batch);
        }
    }

    /** Drops pending events and ignores later ones. Idempotent, callable from any thread. */
    @Override
    public void close() {
        closed = true;
        pending.clear();
    }
}
