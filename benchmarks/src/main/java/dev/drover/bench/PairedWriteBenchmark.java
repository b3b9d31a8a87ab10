package dev.drover.bench;

import dev.drover.engine.store.Write;
import dev.drover.engine.store.sqlite.SqliteOptions;
import dev.drover.engine.store.sqlite.SqliteOptions.Durability;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Store writes and their raw SQLite baseline, measured as pairs: every invocation does one store
 * operation and the matching raw operation (alternating which goes first) and times each into the
 * {@link Clock} counters. Store and baseline therefore share every moment of the run, which is what
 * makes the ratio hold on a shared VM whose fsync time changes tenfold from one minute to the next;
 * measured one after the other, the ratio mostly showed the neighbours. JMH's own score (pairs/s) is
 * not used; {@link WriteBenchmarks} turns the counters into writes/s per side, per iteration.
 *
 * <p>Both databases are created afresh for every iteration, so neither grows past one iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class PairedWriteBenchmark {

    static final int BATCH = 100;
    /** Keys the update benchmark cycles through; created before each iteration. */
    static final int UPDATE_KEYS = 1_000;

    @Param({"FULL", "NORMAL"})
    public Durability durability;

    private Path directory;
    private SqliteResourceStore store;
    private RawSqlite raw;
    private long nextStore;
    private long nextRaw;
    private long updates;
    private boolean storeFirst;

    /** Time and rows per side, summed over one iteration (JMH reports each field per iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Clock {
        public long storeNanos;
        public long storeRows;
        public long rawNanos;
        public long rawRows;

        @Setup(Level.Iteration)
        public void reset() {
            storeNanos = 0;
            storeRows = 0;
            rawNanos = 0;
            rawRows = 0;
        }
    }

    @Setup(Level.Iteration)
    public void open() throws SQLException {
        directory = BenchFiles.freshDirectory("paired");
        store = SqliteResourceStore.open(directory.resolve("store"), SqliteOptions.DEFAULTS.withDurability(durability));
        raw = new RawSqlite(directory.resolve("raw.db"), durability);
        for (long first = 0; first < UPDATE_KEYS; first += BATCH) {
            store.commit(creates(first, BATCH));
        }
        nextStore = UPDATE_KEYS;
        nextRaw = 0;
        updates = 0;
    }

    @TearDown(Level.Iteration)
    public void close() throws SQLException {
        store.close();
        raw.close();
        BenchFiles.delete(directory);
    }

    /** Store: {@code create} of a new key. Raw: one autocommit insert. */
    @Benchmark
    public void singleCreate(Clock clock) throws SQLException {
        storeFirst = !storeFirst;
        if (storeFirst) {
            storeCreate(clock);
            rawInsert(clock);
        } else {
            rawInsert(clock);
            storeCreate(clock);
        }
    }

    /** Store: unconditional {@code update} of an existing key (a new revision). Raw: one autocommit insert. */
    @Benchmark
    public void singleUpdate(Clock clock) throws SQLException {
        storeFirst = !storeFirst;
        if (storeFirst) {
            storeUpdate(clock);
            rawInsert(clock);
        } else {
            rawInsert(clock);
            storeUpdate(clock);
        }
    }

    /** Store: one {@code commit} of {@value #BATCH} creates. Raw: {@value #BATCH} inserts in one transaction. */
    @Benchmark
    public void batchCreate(Clock clock) throws SQLException {
        storeFirst = !storeFirst;
        if (storeFirst) {
            storeBatch(clock);
            rawBatch(clock);
        } else {
            rawBatch(clock);
            storeBatch(clock);
        }
    }

    private void storeCreate(Clock clock) {
        long n = nextStore++;
        String name = BenchRows.name(n);
        long start = System.nanoTime();
        store.create(BenchRows.key(n), BenchRows.LABELS, BenchRows.body(name));
        clock.storeNanos += System.nanoTime() - start;
        clock.storeRows++;
    }

    private void storeUpdate(Clock clock) {
        long n = updates++ % UPDATE_KEYS;
        long start = System.nanoTime();
        store.update(BenchRows.key(n), 0, BenchRows.LABELS, BenchRows.body(BenchRows.name(n)));
        clock.storeNanos += System.nanoTime() - start;
        clock.storeRows++;
    }

    private void storeBatch(Clock clock) {
        long start = System.nanoTime();
        store.commit(creates(nextStore, BATCH));
        clock.storeNanos += System.nanoTime() - start;
        clock.storeRows += BATCH;
        nextStore += BATCH;
    }

    private void rawInsert(Clock clock) throws SQLException {
        long start = System.nanoTime();
        raw.insert(nextRaw++);
        clock.rawNanos += System.nanoTime() - start;
        clock.rawRows++;
    }

    private void rawBatch(Clock clock) throws SQLException {
        long start = System.nanoTime();
        raw.insertBatch(nextRaw, BATCH);
        clock.rawNanos += System.nanoTime() - start;
        clock.rawRows += BATCH;
        nextRaw += BATCH;
    }

    /** The caller builds the write list, so building it is part of the store's time, as for any caller. */
    private static List<Write> creates(long first, int count) {
        List<Write> writes = new ArrayList<>(count);
        for (long n = first; n < first + count; n++) {
            writes.add(new Write.Create(BenchRows.key(n), BenchRows.LABELS, BenchRows.body(BenchRows.name(n))));
        }
        return writes;
    }
}
