package dev.drover.engine.store;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed events to watchers without ever blocking the writer. {@link #publish} only queues the
 * batch; one dispatcher task fans it out to the watches, so the commit path costs the same with 100
 * watchers as with none. Each watch has its own queue and is drained by at most one delivery task at a
 * time, so one slow listener delays only itself; a listener that falls more than {@code maxBacklog}
 * events behind is closed (as Kubernetes closes slow watchers) rather than allowed to grow the heap
 * without bound.
 *
 * <p>{@link #subscribe} and {@link #publish} must be called under the store's write lock, which is
 * what makes "history, then live events" gap-free and duplicate-free: a new watch takes live events
 * only above the newest revision already published, which its history covers.
 */
public final class WatchFanout {

    private static final Logger LOG = LoggerFactory.getLogger(WatchFanout.class);

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Queue<List<WatchEvent>> published = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final Executor delivery;
    private final int maxBacklog;
    private volatile long lastPublishedRevision;

    public WatchFanout(Executor delivery, int maxBacklog) {
        this.delivery = delivery;
        this.maxBacklog = maxBacklog;
    }

    /**
     * Starts a watch that first delivers {@code backlog}, then whatever is published after this call
     * with a revision above {@code afterRevision}.
     */
    public Watch subscribe(String kind, long afterRevision, List<WatchEvent> backlog, WatchListener listener) {
        // Batches published before now may still wait for the dispatcher; the backlog already has them.
        Subscriber subscriber = new Subscriber(kind, Math.max(afterRevision, lastPublishedRevision), listener);
        for (WatchEvent event : backlog) {
            subscriber.offer(event);
        }
        subscribers.add(subscriber); // after the backlog, so no live event can overtake it
        return subscriber;
    }

    /** Queues committed events (in revision order) for every watch of their kind; returns at once. */
    public void publish(List<WatchEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        lastPublishedRevision = events.getLast().revision();
        published.add(events);
        if (dispatching.compareAndSet(false, true)) {
            delivery.execute(this::dispatch);
        }
    }

    private void dispatch() {
        while (true) {
            List<WatchEvent> events;
            while ((events = published.poll()) != null) {
                fanOut(events);
            }
            dispatching.set(false);
            if (published.isEmpty() || !dispatching.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void fanOut(List<WatchEvent> events) {
        for (Subscriber subscriber : subscribers) {
            for (WatchEvent event : events) {
                // A watch may start ahead of the store (a revision seen elsewhere): nothing up to it is news.
                if (subscriber.kind.equals(event.object().key().kind()) && event.revision() > subscriber.afterRevision) {
                    subscriber.offer(event);
                }
            }
        }
    }

    /** Ends every watch, telling each listener why. */
    public void closeAll(StoreException cause) {
        for (Subscriber subscriber : subscribers) {
            subscriber.terminate(cause);
        }
    }

    /** How many watches are running (for tests and metrics). */
    public int size() {
        return subscribers.size();
    }

    private final class Subscriber implements Watch {
        private final String kind;
        private final long afterRevision;
        private final WatchListener listener;
        private final Queue<WatchEvent> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicReference<StoreException> closeCause = new AtomicReference<>();

        Subscriber(String kind, long afterRevision, WatchListener listener) {
            this.kind = kind;
            this.afterRevision = afterRevision;
            this.listener = listener;
        }

        void offer(WatchEvent event) {
            if (closed.get()) {
                return;
            }
            if (queued.incrementAndGet() > maxBacklog) {
                terminate(new StoreException("Watch of " + kind + " fell more than " + maxBacklog
                        + " events behind and was closed; watch again from the last revision seen."));
                return;
            }
            queue.add(event);
            schedule();
        }

        void terminate(StoreException cause) {
            if (closed.compareAndSet(false, true)) {
                subscribers.remove(this);
                closeCause.set(cause);
                queue.clear();
                schedule();
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                subscribers.remove(this);
                queue.clear();
            }
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                delivery.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                WatchEvent event;
                while (!closed.get() && (event = queue.poll()) != null) {
                    queued.decrementAndGet();
                    deliver(event);
                }
                StoreException cause = closeCause.getAndSet(null);
                if (cause != null) {
                    notifyClosed(cause);
                }
                draining.set(false);
                // Re-check after releasing: an offer or terminate may have raced with the release.
                boolean more = (!closed.get() && !queue.isEmpty()) || closeCause.get() != null;
                if (!more || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        private void deliver(WatchEvent event) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // A broken listener must not kill delivery for itself or stall anyone else.
                LOG.warn("Watch listener for {} failed on revision {}", kind, event.revision(), e);
            }
        }

        private void notifyClosed(StoreException cause) {
            try {
                listener.onClosed(cause);
            } catch (RuntimeException e) {
                LOG.warn("Watch listener for {} failed while closing", kind, e);
            }
        }
    }
}
