package dev.drover.engine.store.etcd;

import dev.drover.engine.store.RevisionCompactedException;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.Watch;
import dev.drover.engine.store.WatchEvent;
import dev.drover.engine.store.WatchFanout;
import dev.drover.engine.store.WatchListener;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One store watch on one etcd watch. jetcd calls {@link #onNext} in revision order and resumes the etcd
 * watch itself after a member dies (from the last revision it delivered), so a watch survives the loss
 * of the member it was attached to. Delivery goes through a {@link WatchFanout} of its own, which is
 * what keeps a slow listener from stalling jetcd's threads and closes one that falls too far behind.
 */
final class EtcdWatch implements Watch {

    private final EtcdKeys keys;
    private final EtcdFailures failures;
    private final String kind;
    private final WatchFanout fanout;
    private final Watch subscription;
    private final Consumer<EtcdWatch> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile io.etcd.jetcd.Watch.Watcher watcher;
    private volatile StoreException lastError;

    EtcdWatch(EtcdKeys keys, EtcdFailures failures, String kind, long afterRevision, WatchListener listener,
              Executor delivery, int maxBacklog, Consumer<EtcdWatch> onEnd) {
        this.keys = keys;
        this.failures = failures;
        this.kind = kind;
        this.onEnd = onEnd;
        this.fanout = new WatchFanout(delivery, maxBacklog);
        this.subscription = fanout.subscribe(kind, afterRevision, List.of(), listener);
    }

    /** Starts the etcd watch at {@code startRevision} (the first revision wanted). */
    void start(Client client, long startRevision) {
        WatchOption option = WatchOption.builder()
                .isPrefix(true)
                .withRevision(startRevision)
                .withPrevKV(true)
                .build();
        watcher = client.getWatchClient().watch(keys.range(kind, null), option,
                io.etcd.jetcd.Watch.listener(this::onNext, this::onError, this::onCompleted));
    }

    private void onNext(WatchResponse response) {
        List<WatchEvent> events = new ArrayList<>(response.getEvents().size());
        for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            switch (event.getEventType()) {
                case PUT -> events.add(new WatchEvent(kv.getVersion() == 1 ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED,
                        keys.object(kv)));
                case DELETE -> {
                    // The tombstone carries only the key: the last state comes from prevKV, at the delete's revision.
                    KeyValue previous = event.getPrevKV();
                    if (previous != null && !previous.getKey().isEmpty()) {
                        events.add(new WatchEvent(WatchEvent.Type.DELETED, keys.object(previous, kv.getModRevision())));
                    }
                }
                default -> { }
            }
        }
        fanout.publish(events);
    }

    /**
     * jetcd reports every stream error here, also those it then recovers from by resuming the watch (a
     * member died): only compaction ends a watch at once; other ends arrive as {@link #onCompleted}.
     */
    private void onError(Throwable failure) {
        StoreException translated = failures.translate(failure, "keep watching " + kind);
        lastError = translated;
        if (translated instanceof RevisionCompactedException) {
            end(translated);
        }
    }

    /** jetcd gave up on the watch (or we closed it, in which case this does nothing). */
    private void onCompleted() {
        StoreException last = lastError;
        end(last != null ? last : new StoreException("etcd ended the watch of " + kind + "; watch again from the last revision seen"));
    }

    /** Ends the watch for a reason the caller did not choose; its listener hears why. */
    void end(StoreException cause) {
        if (ended.compareAndSet(false, true)) {
            fanout.closeAll(cause);
            closeWatcher();
            onEnd.accept(this);
        }
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            subscription.close();
            closeWatcher();
            onEnd.accept(this);
        }
    }

    private void closeWatcher() {
        io.etcd.jetcd.Watch.Watcher current = watcher;
        if (current != null) {
            current.close();
        }
    }
}
