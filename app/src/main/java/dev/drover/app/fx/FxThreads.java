package dev.drover.app.fx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The threads a ViewModel may use: the FX thread, a background executor for anything that may
 * block, and batching of engine events onto the FX thread. Built once in {@code ConsoleApp}; tests
 * pass same-thread executors to make ViewModels synchronous.
 */
public final class FxThreads implements AutoCloseable {

    private final Executor fx;
    private final Executor background;
    private final ScheduledExecutorService timer;
    private final Duration batchInterval;

    /**
     * @param fx            runs work on the FX thread ({@code Platform::runLater} in the console)
     * @param background    runs work that may block; never the FX thread
     * @param timer         schedules batch flushes; shut down by {@link #close()}
     * @param batchInterval the shortest time between two batches of events
     */
    public FxThreads(Executor fx, Executor background, ScheduledExecutorService timer, Duration batchInterval) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.background = Objects.requireNonNull(background, "background");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.batchInterval = Objects.requireNonNull(batchInterval, "batchInterval");
    }

    public Executor fx() {
        return fx;
    }

    public Executor background() {
        return background;
    }

    /** A new batcher whose sink runs on the FX thread. */
    public <T> FxEventBatcher<T> batcher(Consumer<List<T>> onFxThread) {
        return new FxEventBatcher<>(onFxThread, fx, timer, batchInterval);
    }

    /** Stops the timer and the background executor, if it is one this class can stop. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
        if (background instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }
}
