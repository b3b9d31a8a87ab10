package dev.drover.engine.store;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one store kind the way a client-go informer follows an API resource: list, replay the list
 * as ADDED events, then watch from the list's revision — or, given a revision to resume from, only
 * watch from there. Started off the caller's thread because listing does I/O and the caller may be the
 * FX thread. If the store closes the watch (listener too slow), it watches again from the last revision
 * it delivered, so nothing is missed.
 *
 * <p>The handler runs on store delivery threads, one event at a time, in revision order.
 */
public final class StoreInformer implements AutoCloseable, WatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreInformer.class);

    /** What an informer tells its owner. Called one at a time, never concurrently. */
    public interface Handler {

        void onEvent(WatchEvent event);

        /**
         * The initial list has been delivered, as of {@code revision}: the point to resume from if the
         * owner must start over. Not called when resuming.
         */
        default void onSynced(long revision) {
        }

        /**
         * The informer cannot go on (e.g. the revision to resume from was compacted, or the store
         * failed); it has stopped. Not called when the store or the owner closes it.
         */
        default void onFailed(StoreException cause) {
        }
    }

    private final ResourceStore store;
    private final String kind;
    private final Handler handler;
    private final Executor executor;
    private volatile boolean closed;
    private volatile long lastRevision;
    private Watch watch;

    private StoreInformer(ResourceStore store, String kind, Executor executor, Handler handler) {
        this.store = store;
        this.kind = kind;
        this.executor = executor;
        this.handler = handler;
    }

    /** Starts following {@code kind}; the initial list runs on {@code executor}. Returns at once. */
    public static StoreInformer start(ResourceStore store, String kind, Executor executor, Consumer<WatchEvent> handler) {
        return start(store, kind, 0, executor, handler::accept);
    }

    /**
     * Starts following {@code kind}: with {@code fromRevision} positive, only the changes after it (no
     * list, no {@link Handler#onSynced}); otherwise list first. Runs on {@code executor}; returns at once.
     */
    public static StoreInformer start(ResourceStore store, String kind, long fromRevision, Executor executor, Handler handler) {
        StoreInformer informer = new StoreInformer(store, kind, executor, handler);
        if (fromRevision > 0) {
            informer.lastRevision = fromRevision;
            executor.execute(informer::resume);
        } else {
            executor.execute(informer::listThenWatch);
        }
        return informer;
    }

    private void listThenWatch() {
        try {
            ListResult listed = store.list(ListRequest.all(kind));
            for (StoredObject object : listed.items()) {
                if (closed) {
                    return;
                }
                handler.onEvent(new WatchEvent(WatchEvent.Type.ADDED, object));
            }
            lastRevision = listed.revision();
            if (!closed) {
                handler.onSynced(listed.revision());
            }
            attach(store.watch(kind, listed.revision(), this));
        } catch (StoreException e) {
            fail("start", e);
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
        handler.onEvent(event);
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
            fail("resume", e);
        }
    }

    private void fail(String what, StoreException e) {
        if (closed || e instanceof StoreClosedException) {
            return;
        }
        LOG.warn("Watch of {} could not {}: {}", kind, what, e.getMessage());
        closed = true;
        handler.onFailed(e);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
    }
}
