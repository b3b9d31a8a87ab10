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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One store watch on one etcd watch. jetcd calls {@link #onNext} in revision order. After a stream error (the
 * member it was attached to died) this class attaches a new etcd watch itself, from the revision after the last
 * one delivered, rather than leaving it to jetcd's own resume: that one sometimes never comes back when the
 * member that died was the leader (etcd-io/jetcd#1352; seen here as a watch that went silent in
 * {@code EtcdStoreFaultTest} while writes went on). Events an earlier attachment already delivered are skipped,
 * so the listener sees every revision once. Delivery goes through a {@link WatchFanout} of its own, which is
 * what keeps a slow listener from stalling jetcd's threads and closes one that falls too far behind.
 */
final class EtcdWatch implements Watch {

    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 3_000;

    private final EtcdKeys keys;
    private final EtcdFailures failures;
    private final String kind;
    private final WatchFanout fanout;
    private final Watch subscription;
    private final Consumer<EtcdWatch> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Which attachment is current: callbacks of a replaced one are ignored. */
    private final AtomicLong attachment = new AtomicLong();
    private volatile io.etcd.jetcd.Watch.Watcher watcher;
    private volatile StoreException lastError;
    private volatile Client client;
    /** The first revision not delivered yet: where a new attachment starts. */
    private volatile long nextRevision;
    private volatile long retryMillis = FIRST_RETRY_MILLIS;

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
        this.client = client;
        this.nextRevision = startRevision;
        attach();
    }

    private void attach() {
        long mine = attachment.incrementAndGet();
        WatchOption option = WatchOption.builder()
                .isPrefix(true)
                .withRevision(nextRevision)
                .withPrevKV(true)
                .build();
        watcher = client.getWatchClient().watch(keys.range(kind, null), option, io.etcd.jetcd.Watch.listener(
                response -> {
                    if (attachment.get() == mine) {
                        onNext(response);
                    }
                },
                failure -> {
                    if (attachment.get() == mine) {
                        onError(failure);
                    }
                },
                () -> {
                    if (attachment.get() == mine) {
                        onCompleted();
                    }
                }));
    }

    private void onNext(WatchResponse response) {
        List<WatchEvent> events = new ArrayList<>(response.getEvents().size());
        for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            if (kv.getModRevision() < nextRevision) {
                continue; // delivered by an earlier attachment
            }
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
        if (!events.isEmpty()) {
            nextRevision = events.getLast().revision() + 1;
            retryMillis = FIRST_RETRY_MILLIS;
        }
        fanout.publish(events);
    }

    /**
     * jetcd reports every stream error here. Compaction ends the watch at once; any other error replaces the
     * etcd watch with a new attachment after a short, growing pause (until one delivers again).
     */
    private void onError(Throwable failure) {
        StoreException translated = failures.translate(failure, "keep watching " + kind);
        lastError = translated;
        if (translated instanceof RevisionCompactedException) {
            end(translated);
            return;
        }
        attachment.incrementAndGet(); // the failed attachment says nothing more, whatever jetcd does with it
        closeWatcher();
        long pause = retryMillis;
        retryMillis = Math.min(pause * 2, MAX_RETRY_MILLIS);
        CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS).execute(() -> {
            if (!ended.get()) {
                attach();
            }
        });
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
