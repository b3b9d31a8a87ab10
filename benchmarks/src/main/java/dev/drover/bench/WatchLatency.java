package dev.drover.bench;

import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.Watch;
import dev.drover.engine.store.WatchEvent;
import dev.drover.engine.store.WatchListener;
import dev.drover.engine.store.sqlite.SqliteOptions;
import dev.drover.engine.store.sqlite.SqliteOptions.Durability;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watch event latency with many watchers, measured by hand rather than with JMH because the quantity
 * is a per-event distribution across threads, not a throughput. One create at a time: the clock
 * starts just before {@code create} is called and stops, per watcher, when its listener receives the
 * event; the next create starts only after all watchers have received the previous one, so the
 * figures are latency without queueing. The baseline is the latency of the same row inserted by one
 * autocommit statement into {@link RawSqlite}, measured in the same loop.
 */
final class WatchLatency {

    /**
     * Latencies in nanoseconds: per (event, watcher) delivery; per {@code create} call on the watched
     * store and on a second store nobody watches (the difference is the fan-out's share); per raw insert.
     */
    record Result(Durability durability, int watchers, int events, Percentiles delivery, Percentiles create,
                  Percentiles createUnwatched, Percentiles rawInsert) {
    }

    private static final long DELIVERY_TIMEOUT_SECONDS = 30;

    private final int watchers;
    private final int warmupEvents;
    private final int events;

    WatchLatency(int watchers, int warmupEvents, int events) {
        this.watchers = watchers;
        this.warmupEvents = warmupEvents;
        this.events = events;
    }

    Result run(Durability durability) throws SQLException, InterruptedException {
        Path directory = BenchFiles.freshDirectory("watch");
        SqliteOptions options = SqliteOptions.DEFAULTS.withDurability(durability);
        try (SqliteResourceStore store = SqliteResourceStore.open(directory.resolve("store"), options);
             SqliteResourceStore unwatched = SqliteResourceStore.open(directory.resolve("unwatched"), options);
             RawSqlite raw = new RawSqlite(directory.resolve("raw.db"), durability)) {
            Recorder recorder = new Recorder(watchers);
            List<Watch> watches = new ArrayList<>(watchers);
            for (int w = 0; w < watchers; w++) {
                watches.add(store.watch(BenchRows.KIND, store.currentRevision(), recorder.listener(w)));
            }
            Samples warmup = measure(store, unwatched, raw, recorder, 0, warmupEvents);
            Samples measured = measure(store, unwatched, raw, recorder, warmup.next(), events);
            watches.forEach(Watch::close);
            return new Result(durability, watchers, events, Percentiles.of(measured.delivery()),
                    Percentiles.of(measured.create()), Percentiles.of(measured.createUnwatched()),
                    Percentiles.of(measured.rawInsert()));
        } finally {
            BenchFiles.delete(directory);
        }
    }

    private record Samples(long[] delivery, long[] create, long[] createUnwatched, long[] rawInsert, long next) {
    }

    /**
     * Interleaves a raw insert, a create on the unwatched store and a create on the watched store in
     * every step (rotating which goes first), so all three see the same disk at the same moment and
     * slow phases of a shared VM hit them alike.
     */
    private Samples measure(SqliteResourceStore store, SqliteResourceStore unwatched, RawSqlite raw, Recorder recorder,
                            long first, int count) throws SQLException, InterruptedException {
        long[] creates = new long[count];
        long[] unwatchedCreates = new long[count];
        long[] inserts = new long[count];
        recorder.reset(count);
        long n = first;
        for (int i = 0; i < count; i++) {
            for (int slot = 0; slot < 3; slot++) {
                switch ((i + slot) % 3) {
                    case 0 -> inserts[i] = timeRawInsert(raw, n);
                    case 1 -> unwatchedCreates[i] = timeCreate(unwatched, n);
                    default -> creates[i] = createAndAwait(store, recorder, i, n);
                }
            }
            n++;
        }
        return new Samples(recorder.samples, creates, unwatchedCreates, inserts, n);
    }

    private static long timeCreate(SqliteResourceStore store, long n) {
        ObjectKey key = BenchRows.key(n);
        String body = BenchRows.body(key.name());
        long start = System.nanoTime();
        store.create(key, BenchRows.LABELS, body);
        return System.nanoTime() - start;
    }

    private static long timeRawInsert(RawSqlite raw, long n) throws SQLException {
        long start = System.nanoTime();
        raw.insert(n);
        return System.nanoTime() - start;
    }

    /** Returns how long {@code create} took; the recorder holds each watcher's delivery latency. */
    private long createAndAwait(SqliteResourceStore store, Recorder recorder, int index, long n) throws InterruptedException {
        CountDownLatch delivered = recorder.arm(index);
        ObjectKey key = BenchRows.key(n);
        String body = BenchRows.body(key.name());
        long start = System.nanoTime();
        recorder.start = start;
        store.create(key, BenchRows.LABELS, body);
        long created = System.nanoTime() - start;
        if (!delivered.await(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("event " + n + " did not reach all " + watchers + " watchers in "
                    + DELIVERY_TIMEOUT_SECONDS + " s");
        }
        if (recorder.failure != null) {
            throw new IllegalStateException("a watch ended during the benchmark", recorder.failure);
        }
        return created;
    }

    /**
     * Shared by all listeners. Only one event is in flight at a time, so one start time and one latch
     * suffice; the latch also publishes the samples back to the measuring thread.
     */
    private static final class Recorder {
        private final int watchers;
        volatile long start;
        volatile int index;
        volatile CountDownLatch latch;
        volatile StoreException failure;
        long[] samples;

        Recorder(int watchers) {
            this.watchers = watchers;
        }

        void reset(int events) {
            samples = new long[events * watchers];
        }

        CountDownLatch arm(int eventIndex) {
            CountDownLatch fresh = new CountDownLatch(watchers);
            index = eventIndex;
            latch = fresh;
            return fresh;
        }

        WatchListener listener(int watcher) {
            return new WatchListener() {
                @Override
                public void onEvent(WatchEvent event) {
                    long now = System.nanoTime();
                    samples[index * watchers + watcher] = now - start;
                    latch.countDown();
                }

                @Override
                public void onClosed(StoreException cause) {
                    failure = cause;
                }
            };
        }
    }
}
