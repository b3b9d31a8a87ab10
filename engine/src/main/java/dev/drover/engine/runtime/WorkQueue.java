package dev.drover.engine.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of keys to reconcile with client-go's guarantees: a key waits in the queue at most once
 * however often it is added; a key is handed to one worker at a time, and a key added while it is
 * being processed is queued again when that worker calls {@link #done}. Delayed adds keep only the
 * earliest deadline per key.
 *
 * <p>Thread-safe. {@link #take()} blocks (use virtual threads); everything else returns at once.
 */
public final class WorkQueue<K> implements AutoCloseable {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, ScheduledFuture<?>> waiting = new HashMap<>();
    private final ScheduledExecutorService timer;
    private boolean shutDown;

    public WorkQueue(String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name + "-delay").factory());
    }

    /** Queues {@code key} unless it is already waiting. Called by event handlers on any thread. */
    public void add(K key) {
        lock.lock();
        try {
            if (shutDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                queue.addLast(key);
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} after {@code delay}; an earlier pending deadline for the key wins. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            ScheduledFuture<?> pending = waiting.get(key);
            if (pending != null && !pending.isDone() && pending.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos()) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            waiting.put(key, timer.schedule(() -> fire(key), delay.toNanos(), TimeUnit.NANOSECONDS));
        } finally {
            lock.unlock();
        }
    }

    private void fire(K key) {
        lock.lock();
        try {
            waiting.remove(key);
        } finally {
            lock.unlock();
        }
        add(key);
    }

    /**
     * Waits for the next key and marks it as being processed; the caller must call {@link #done}.
     * Returns empty once the queue is closed and drained of nothing more to hand out.
     */
    public Optional<K> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !shutDown) {
                available.await();
            }
            if (shutDown) {
                return Optional.empty();
            }
            K key = queue.pollFirst();
            dirty.remove(key);
            processing.add(key);
            return Optional.of(key);
        } finally {
            lock.unlock();
        }
    }

    /** Ends processing of {@code key}; if it was added meanwhile it goes back in the queue. */
    public void done(K key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key) && !shutDown) {
                queue.addLast(key);
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting to be handed out (not counting delayed ones). */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Keys scheduled by {@link #addAfter} and not yet due. */
    public int delayedSize() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops handing out keys and wakes every waiting {@link #take()}. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            shutDown = true;
            waiting.values().forEach(future -> future.cancel(false));
            waiting.clear();
            available.signalAll();
        } finally {
            lock.unlock();
        }
        timer.shutdownNow();
    }
}
