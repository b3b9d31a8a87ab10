package dev.drover.engine.store;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers what a watch delivered so the test thread can assert on it. Optionally holds every
 * delivery until a gate opens, to play a slow consumer.
 */
public final class RecordingListener implements WatchListener {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<StoreException> closedWith = new AtomicReference<>();
    private final CountDownLatch gate;

    public RecordingListener() {
        this(new CountDownLatch(0));
    }

    /** A listener whose {@code onEvent} blocks until {@code gate} opens. */
    public RecordingListener(CountDownLatch gate) {
        this.gate = gate;
    }

    @Override
    public void onEvent(WatchEvent event) {
        try {
            if (!gate.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.add(event);
    }

    @Override
    public void onClosed(StoreException cause) {
        closedWith.set(cause);
    }

    public List<WatchEvent> events() {
        return List.copyOf(events);
    }

    public List<Long> revisions() {
        return events.stream().map(WatchEvent::revision).toList();
    }

    /** Why the store ended the watch, or null while it runs (or if the caller closed it). */
    public StoreException closedWith() {
        return closedWith.get();
    }

    public RecordingListener awaitEvents(int count) {
        await().atMost(PATIENCE).until(() -> events.size() >= count);
        return this;
    }

    public StoreException awaitClosed() {
        await().atMost(PATIENCE).until(() -> closedWith.get() != null);
        return closedWith.get();
    }
}
