package dev.drover.engine.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Reconciler} over a {@link WorkQueue}: a few worker virtual threads take keys, call
 * the reconciler and act on its {@link ReconcileResult}; failures are retried with per-key backoff;
 * every key is re-queued each resync period so drift is corrected even without events.
 *
 * <p>Because a key is never processed on two workers at once and workers are virtual threads, a slow
 * or dead cluster occupies one worker at most and never blocks the other keys' progress beyond that.
 *
 * <p>A loop built with an ownership test (replicas, issue #9) takes only the keys this replica owns; after
 * {@link #rebalance} it queues the keys it gained and lets its reconciler {@link Reconciler#release} the ones
 * it lost, each on a worker so a release never overlaps a reconcile of the same key.
 */
public final class ReconcileLoop<K> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final String name;
    private final Reconciler<K> reconciler;
    private final Settings settings;
    private final Supplier<? extends Collection<K>> allKeys;
    private final WorkQueue<K> queue;
    private final Backoff<K> backoff;
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService resync;
    private final Predicate<K> owned;
    /** Keys reconciled here and not released since: what a re-balance may have to release. */
    private final Set<K> held = ConcurrentHashMap.newKeySet();

    /**
     * Tuning of a loop.
     *
     * @param workers      keys reconciled at once
     * @param resyncPeriod how often every key is queued again; zero for never
     * @param backoffBase  first retry delay after a failure
     * @param backoffMax   longest retry delay
     */
    public record Settings(int workers, Duration resyncPeriod, Duration backoffBase, Duration backoffMax) {
        public static final Settings DEFAULTS = new Settings(4, Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofMinutes(5));

        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            Objects.requireNonNull(resyncPeriod, "resyncPeriod");
        }

        public Settings withWorkers(int value) {
            return new Settings(value, resyncPeriod, backoffBase, backoffMax);
        }

        public Settings withResyncPeriod(Duration value) {
            return new Settings(workers, value, backoffBase, backoffMax);
        }

        public Settings withBackoff(Duration base, Duration max) {
            return new Settings(workers, resyncPeriod, base, max);
        }
    }

    /**
     * @param name       stable name, used in thread names and logs
     * @param allKeys    every key that exists now, for resyncs; called on the resync thread
     */
    public ReconcileLoop(String name, Reconciler<K> reconciler, Settings settings, Supplier<? extends Collection<K>> allKeys) {
        this(name, reconciler, settings, allKeys, key -> true);
    }

    /**
     * As the other constructor, for a loop that reconciles only the keys {@code owned} accepts (a replica's
     * share of the clusters); {@code owned} is asked on every enqueue and again before every reconcile.
     */
    public ReconcileLoop(String name, Reconciler<K> reconciler, Settings settings, Supplier<? extends Collection<K>> allKeys,
                         Predicate<K> owned) {
        this.owned = owned;
        this.name = name;
        this.reconciler = reconciler;
        this.settings = settings;
        this.allKeys = allKeys;
        this.queue = new WorkQueue<>(name);
        this.backoff = new Backoff<>(settings.backoffBase(), settings.backoffMax());
        this.resync = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name + "-resync").factory());
    }

    /** Starts the workers and the resync timer, and queues every existing key once. Call once. */
    public void start() {
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofVirtual().name(name + "-worker-" + i).start(this::work));
        }
        resync.execute(this::enqueueAll);
        if (!settings.resyncPeriod().isZero()) {
            long period = settings.resyncPeriod().toMillis();
            resync.scheduleAtFixedRate(this::enqueueAll, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for {@code key} to be reconciled soon, if this replica owns it. Cheap; call from event handlers on any thread. */
    public void enqueue(K key) {
        if (owned.test(key)) {
            queue.add(key);
        }
    }

    /**
     * Called (by the registry) after the ownership split changed: queues every key owned now and every
     * held key no longer owned, whose worker then releases it. Returns at once; the listing runs on the
     * resync thread. Idempotent.
     */
    public void rebalance() {
        try {
            resync.execute(() -> {
                held.stream().filter(key -> !owned.test(key)).forEach(queue::add);
                enqueueAll();
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the loop is closing: nothing to hand over
        }
    }

    /** Keys reconciled on this replica and not released: what it holds now. For tests and metrics. */
    public Set<K> held() {
        return Set.copyOf(held);
    }

    /** The queue, for metrics and tests. */
    public WorkQueue<K> queue() {
        return queue;
    }

    public String name() {
        return name;
    }

    private void enqueueAll() {
        try {
            allKeys.get().forEach(this::enqueue);
        } catch (RuntimeException e) {
            LOG.warn("{}: resync could not list keys: {}", name, e.getMessage());
        }
    }

    private void work() {
        try {
            while (true) {
                var next = queue.take();
                if (next.isEmpty()) {
                    return;
                }
                K key = next.get();
                try {
                    if (owned.test(key)) {
                        held.add(key);
                        handle(key, reconcile(key));
                    } else {
                        release(key);
                    }
                } finally {
                    queue.done(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A key queued before the split changed, or one this replica lost: not reconciled here any more. */
    private void release(K key) {
        backoff.forget(key);
        if (held.remove(key)) {
            try {
                reconciler.release(key);
            } catch (RuntimeException e) {
                LOG.warn("{}: releasing {} failed: {}", name, key, e.toString());
            }
        }
    }

    private ReconcileResult reconcile(K key) {
        try {
            return Objects.requireNonNull(reconciler.reconcile(key), "reconciler returned null");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReconcileResult.retry();
        } catch (Exception e) {
            int failures = backoff.failures(key) + 1;
            LOG.warn("{}: reconciling {} failed (attempt {}): {}", name, key, failures, e.toString());
            return ReconcileResult.retry();
        }
    }

    private void handle(K key, ReconcileResult result) {
        switch (result) {
            case ReconcileResult.Done done -> backoff.forget(key);
            case ReconcileResult.RequeueAfter after -> {
                backoff.forget(key);
                queue.addAfter(key, after.delay());
            }
            case ReconcileResult.Retry retry -> queue.addAfter(key, backoff.next(key));
        }
    }

    /** Stops taking keys; a reconcile in progress finishes. Idempotent; waits briefly for workers. */
    @Override
    public void close() {
        resync.shutdownNow();
        queue.close();
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
