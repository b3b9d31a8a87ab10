package dev.drover.engine.api;

import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ListResult;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreClosedException;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Watch;
import dev.drover.engine.store.WatchEvent;
import dev.drover.engine.store.WatchListener;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API watch over one store kind, informer-style: list, replay the list as ADDED events, then
 * watch from the list's revision. Started off the caller's thread because listing does I/O and the
 * caller may be the FX thread. If the store closes the watch (listener too slow), it lists and
 * watches again from the last revision it delivered.
 */
final class StoreSubscription<T> implements Subscription, WatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSubscription.class);

    private final ResourceStore store;
    private final String kind;
    private final Function<StoredObject, T> mapper;
    private final Consumer<ApiEvent<T>> listener;
    private final Executor executor;
    private volatile boolean closed;
    private volatile long lastRevision;
    private Watch watch;

    private StoreSubscription(ResourceStore store, String kind, Executor executor, Function<StoredObject, T> mapper,
                              Consumer<ApiEvent<T>> listener) {
        this.store = store;
        this.kind = kind;
        this.executor = executor;
        this.mapper = mapper;
        this.listener = listener;
    }

    static <T> StoreSubscription<T> start(ResourceStore store, String kind, Executor executor,
                                          Function<StoredObject, T> mapper, Consumer<ApiEvent<T>> listener) {
        StoreSubscription<T> subscription = new StoreSubscription<>(store, kind, executor, mapper, listener);
        executor.execute(subscription::listThenWatch);
        return subscription;
    }

    private void listThenWatch() {
        try {
            ListResult listed = store.list(ListRequest.all(kind));
            for (StoredObject object : listed.items()) {
                if (closed) {
                    return;
                }
                listener.accept(new ApiEvent<>(ApiEvent.Type.ADDED, mapper.apply(object)));
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
        listener.accept(new ApiEvent<>(ApiEvent.Type.valueOf(event.type().name()), mapper.apply(event.object())));
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
