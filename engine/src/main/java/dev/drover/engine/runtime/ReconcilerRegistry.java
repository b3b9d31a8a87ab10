package dev.drover.engine.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Every reconcile loop of the engine under its stable name, listed a–z. Loops marked leader-only run
 * while this replica leads and stop when it no longer does; the others always run.
 *
 * <p>Per-cluster loops built with an {@link Ownership} test are told to {@link ReconcileLoop#rebalance} when
 * the split of clusters between replicas changes.
 *
 * <p>Register everything, then {@link #start}; the registry is fixed after that. Thread-safe.
 */
public final class ReconcilerRegistry implements AutoCloseable {

    private record Entry(Supplier<ReconcileLoop<String>> factory, boolean leaderOnly) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<String, ReconcileLoop<String>> running = new TreeMap<>();
    private boolean started;
    private boolean closed;

    /**
     * Registers a loop. The factory is called each time the loop (re)starts, because a stopped loop's
     * workers cannot be restarted.
     */
    public synchronized void register(String name, boolean leaderOnly, Supplier<ReconcileLoop<String>> factory) {
        if (started) {
            throw new IllegalStateException("register reconcilers before start: " + name);
        }
        if (entries.putIfAbsent(name, new Entry(factory, leaderOnly)) != null) {
            throw new IllegalArgumentException("a reconciler named " + name + " is registered already");
        }
    }

    /** Names of every registered reconciler, a–z. */
    public synchronized List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    /** Starts the loops that may run now and follows leadership for the rest. Call once. */
    public void start(Leadership leadership) {
        start(leadership, Ownership.all());
    }

    /**
     * As {@link #start(Leadership)}, and re-balances every running loop when {@code ownership} changes.
     * Called once by the engine's start-up thread.
     */
    public void start(Leadership leadership, Ownership ownership) {
        ownership.onChange(this::ownershipChanged);
        synchronized (this) {
            started = true;
            entries.forEach((name, entry) -> {
                if (!entry.leaderOnly()) {
                    startLoop(name, entry);
                }
            });
        }
        leadership.onChange(this::leadershipChanged);
    }

    private synchronized void leadershipChanged(boolean leader) {
        if (closed) {
            return;
        }
        entries.forEach((name, entry) -> {
            if (!entry.leaderOnly()) {
                return;
            }
            if (leader && !running.containsKey(name)) {
                startLoop(name, entry);
            } else if (!leader && running.containsKey(name)) {
                running.remove(name).close();
            }
        });
    }

    private synchronized void ownershipChanged() {
        if (!closed) {
            running.values().forEach(ReconcileLoop::rebalance);
        }
    }

    private void startLoop(String name, Entry entry) {
        ReconcileLoop<String> loop = entry.factory().get();
        running.put(name, loop);
        loop.start();
    }

    /** Asks the named loop to reconcile {@code key}; ignored when that loop is not running here. */
    public synchronized void enqueue(String name, String key) {
        ReconcileLoop<String> loop = running.get(name);
        if (loop != null) {
            loop.enqueue(key);
        }
    }

    /** The running loop of that name, if it runs on this replica now. */
    public synchronized Optional<ReconcileLoop<String>> running(String name) {
        return Optional.ofNullable(running.get(name));
    }

    @Override
    public synchronized void close() {
        closed = true;
        running.values().forEach(ReconcileLoop::close);
        running.clear();
    }
}
