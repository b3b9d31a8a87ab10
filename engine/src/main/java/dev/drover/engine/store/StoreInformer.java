package dev.drover.engine.store;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one store kind the way a client-go informer follows an API resource: list, replay the list
 * as ADDED events, then watch from the list's revision. Started off the caller's thread because listing
 * does I/O and the caller may be the FX thread. If the store closes the watch (listener too slow), it
 * watches again from the last revision it delivered, so nothing is missed.
 *
 * <p>The handler runs on store delivery threads, one event at a time, in revision order.
 */
public final class StoreInformer implements AutoCloseable, WatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreInformer.class);

    private final ResourceStore store;
    private final String kind;
    private final Consumer<WatchEvent> handler;
    private final Executor executor;
    private volatile boolean closed;
    private volatile long lastRevision;
    private Watch watch;

    private StoreInformer(ResourceStore store, String kind, Executor executor, Consumer<WatchEvent> handler) {
        this.store = store;
        this.kind = kind;
        this.executor = executor;
        this.handler = handler;
    }

    /** Starts following {@code kind}; the initial list runs on {@code executor}. Returns at once. */
    public static StoreInformer start(ResourceStore store, String kind, Executor executor, Consumer<WatchEvent> handler) {
        StoreInformer informer = new StoreInformer(store, kind, executor, handler);
        executor.execute(informer::listThenWatch);
        return informer;
    }

    private void listThenWatch() {
        try {
            ListResult listed = store.list(ListRequest.all(kind));
            for (StoredObject object : listed.items()) {
                if (closed) {
                    return;
                }
                handler.accept(new WatchEvent(WatchEvent.Type.ADDED, object));
            }
            lastRevision = listed.revision();
            attach(store.watch(kind, listed.revision(), this));
        } catch (StoreException e) {
            LOG.warn("Watch of {} could not start: {}", kind, e.getMessage());
        }
    }

    private synchronized void attach(Watch started) {
        if (closed) {
            started.close();
        } else {
            watch = started;
        }
    }

    @Override
    public void onEvent(WatchEvent event) {
        if (closed) {
            return;
        }
        lastRevision = event.revision();
        handler.accept(event);
    }

    @Override
    public void onClosed(StoreException cause) {
        if (closed || cause instanceof StoreClosedException) {
            return;
        }
        LOG.info("Watch of {} closed by the store ({}); resuming from revision {}", kind, cause.getMessage(), lastRevision);
        executor.execute(this::resume);
    }

    private void resume() {
        try {
            attach(store.watch(kind, lastRevision, this));
        } catch (StoreException e) {
            LOG.warn("Watch of {} could not resume: {}", kind, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
    }
}
