package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.DataDirectoryLock;
import dev.drover.engine.store.InvalidRequestException;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ListResult;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.RevisionCompactedException;
import dev.drover.engine.store.StoreClosedException;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.Watch;
import dev.drover.engine.store.WatchEvent;
import dev.drover.engine.store.WatchFanout;
import dev.drover.engine.store.WatchListener;
import dev.drover.engine.store.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded default store: SQLite in WAL mode in the data directory, one writer and a few
 * readers. See {@link LogTable} for the layout. Writes are serialised by one lock, which is also what
 * orders watch events.
 */
public final class SqliteResourceStore implements ResourceStore {

    private final Path directory;
    private final SqliteDatabaseFile file;
    private final DataDirectoryLock directoryLock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final PreparedStatement latest;
    private final PreparedStatement latestHeader;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final PreparedStatement insert;
    private final SqliteReaders readers;
    private final ExecutorService delivery = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("store-watch-", 0).factory());
    private final WatchFanout fanout;
    private volatile long currentRevision;
    private volatile long compactedRevision;
    private volatile boolean closed;

    private SqliteResourceStore(Path directory, SqliteDatabaseFile file, DataDirectoryLock directoryLock,
                                Connection writer, SqliteReaders readers, SqliteOptions options) throws SQLException {
        this.directory = directory;
        this.file = file;
        this.directoryLock = directoryLock;
        this.writer = writer;
        this.readers = readers;
        this.latest = LogTable.prepareLatest(writer);
        this.latestHeader = LogTable.prepareLatestHeader(writer);
        this.begin = writer.prepareStatement("BEGIN IMMEDIATE");
        this.commit = writer.prepareStatement("COMMIT");
        this.rollback = writer.prepareStatement("ROLLBACK");
        this.insert = LogTable.prepareInsert(writer);
        this.fanout = new WatchFanout(delivery, options.maxWatchBacklog());
        this.currentRevision = LogTable.currentRevision(writer);
        this.compactedRevision = LogTable.compactRevision(writer);
    }

    /**
     * Opens (creating if needed) the store in {@code directory}. Fails with
     * {@code StoreLockedException} if another process has it and {@code StoreDamagedException} if the
     * file is damaged; in both cases nothing on disk is changed.
     */
    public static SqliteResourceStore open(Path directory, SqliteOptions options) {
        Path absolute = directory.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new StoreException("Cannot create data directory " + absolute + ": " + e.getMessage(), e);
        }
        DataDirectoryLock lock = DataDirectoryLock.acquire(absolute);
        SqliteDatabaseFile file = new SqliteDatabaseFile(absolute, options);
        Connection writer = null;
        SqliteReaders readers = null;
        try {
            file.createIfMissing();
            writer = file.openWriter();
            prepareSchema(writer, file);
            readers = new SqliteReaders(file, options.readConnections());
            return new SqliteResourceStore(absolute, file, lock, writer, readers, options);
        } catch (SQLException e) {
            closeAll(writer, readers, lock);
            throw file.translate("open", e);
        } catch (IOException e) {
            closeAll(writer, readers, lock);
            throw new StoreException("Cannot open store " + file.path() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(writer, readers, lock);
            throw e;
        }
    }

    public static SqliteResourceStore open(Path directory) {
        return open(directory, SqliteOptions.DEFAULTS);
    }

    private static void prepareSchema(Connection writer, SqliteDatabaseFile file) throws SQLException {
        LogTable.createSchema(writer);
        long version = LogTable.schemaVersion(writer);
        if (version > LogTable.SCHEMA_VERSION) {
            throw new StoreException("Store " + file.path() + " was written by a newer Drover (schema " + version
                    + "); this version understands schema " + LogTable.SCHEMA_VERSION + " and left it untouched.");
        }
    }

    /** The store file, for display. */
    public Path file() {
        return file.path();
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<StoredObject> get(ObjectKey key) {
        return readers.read("read " + key, connection -> {
            try (PreparedStatement statement = LogTable.prepareLatest(connection)) {
                return LogTable.latest(statement, key).filter(row -> !row.deleted()).map(LogTable.Row::toObject);
            }
        });
    }

    @Override
    public ListResult list(ListRequest request) {
        ensureOpen();
        return readers.read("list " + request.kind(),
                connection -> new SnapshotLister(connection, request, currentRevision, this::compactedRevision).page());
    }

    @Override
    public List<StoredObject> commit(List<Write> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        rejectDuplicateKeys(writes);
        writeLock.lock();
        try {
            ensureOpen();
            return commitLocked(writes);
        } finally {
            writeLock.unlock();
        }
    }

    private List<StoredObject> commitLocked(List<Write> writes) {
        List<LogTable.Row> rows = new ArrayList<>(writes.size());
        try {
            begin.execute();
            try {
                for (Write write : writes) {
                    rows.add(apply(write));
                }
                commit.execute();
            } catch (SQLException | RuntimeException e) {
                rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw file.translate("write", e);
        }
        currentRevision = rows.getLast().id();
        List<WatchEvent> events = new ArrayList<>(rows.size());
        List<StoredObject> results = new ArrayList<>(rows.size());
        for (LogTable.Row row : rows) {
            WatchEvent event = row.toEvent();
            events.add(event);
            results.add(event.object());
        }
        fanout.publish(events);
        return results;
    }

    private LogTable.Row apply(Write write) throws SQLException {
        ObjectKey key = write.key();
        return switch (write) {
            case Write.Create create -> {
                if (LogTable.latestHeader(latestHeader, key).filter(row -> !row.deleted()).isPresent()) {
                    throw new AlreadyExistsException(key + " already exists");
                }
                yield LogTable.append(insert, key, true, false, 0, create.labels(), LogTable.encodeLabels(create.labels()), create.body());
            }
            case Write.Update update -> {
                LogTable.Row row = expect(key, LogTable.latestHeader(latestHeader, key), update.expectedRevision());
                yield LogTable.append(insert, key, false, false, row.effectiveCreateRevision(), update.labels(),
                        LogTable.encodeLabels(update.labels()), update.body());
            }
            case Write.Delete delete -> {
                // the tombstone carries the last labels and body, so this one needs the full row
                LogTable.Row row = expect(key, LogTable.latest(latest, key), delete.expectedRevision());
                yield LogTable.append(insert, key, false, true, row.effectiveCreateRevision(), null, row.labels(), row.value());
            }
        };
    }

    private static LogTable.Row expect(ObjectKey key, Optional<LogTable.Row> latestRow, long expectedRevision) {
        LogTable.Row row = latestRow.filter(r -> !r.deleted()).orElseThrow(() -> new NotFoundException(key + " not found"));
        if (expectedRevision != 0 && row.id() != expectedRevision) {
            throw new ConflictException(key + " was changed at revision " + row.id() + " after revision "
                    + expectedRevision + " that the caller read; read it again and retry");
        }
        return row;
    }

    private static void rejectDuplicateKeys(List<Write> writes) {
        Set<ObjectKey> seen = new HashSet<>();
        for (Write write : writes) {
            if (!seen.add(write.key())) {
                throw new InvalidRequestException("a batch may write " + write.key() + " only once");
            }
        }
    }

    @Override
    public Watch watch(String kind, long fromRevision, WatchListener listener) {
        writeLock.lock();
        try {
            ensureOpen();
            if (fromRevision < compactedRevision) {
                throw new RevisionCompactedException("revision " + fromRevision + " of " + kind
                        + " is compacted (history starts after " + compactedRevision + "); list again and watch from its revision");
            }
            List<WatchEvent> backlog = LogTable.history(writer, kind, fromRevision);
            return fanout.subscribe(kind, fromRevision, backlog, listener);
        } catch (SQLException e) {
            throw file.translate("start a watch", e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long currentRevision() {
        return currentRevision;
    }

    @Override
    public long compactedRevision() {
        return compactedRevision;
    }

    @Override
    public void compact(long revision) {
        writeLock.lock();
        try {
            ensureOpen();
            long target = Math.min(revision, currentRevision);
            if (target <= compactedRevision) {
                return;
            }
            // Raised before the rows go: a list that reads after the commit must see it and refuse,
            // not return a snapshot with rows missing.
            long previous = compactedRevision;
            compactedRevision = target;
            try {
                execute("BEGIN IMMEDIATE");
                LogTable.compact(writer, target);
                execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollback();
                compactedRevision = previous;
                throw e;
            }
        } catch (SQLException e) {
            throw file.translate("compact", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Running watches, for tests and metrics. */
    public int watchCount() {
        return fanout.size();
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            fanout.closeAll(new StoreClosedException("the store " + file.path() + " was closed"));
            closeAll(writer, readers, directoryLock);
        } finally {
            writeLock.unlock();
        }
        // Outside the lock: a listener still running may call the store, which now fails fast. Bounded, so a
        // listener that never returns (or calls close itself) cannot hang the caller.
        delivery.shutdown();
        try {
            delivery.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("the store " + file.path() + " is closed");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(sql);
        }
    }

    private void rollback() {
        try {
            rollback.execute();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs; SQLite already rolled back if it can't
        }
    }

    private static void closeAll(Connection writer, SqliteReaders readers, DataDirectoryLock lock) {
        try {
            if (readers != null) {
                readers.close();
            }
            if (writer != null) {
                writer.close();
            }
        } catch (SQLException ignored) {
            // closing: nothing useful to do with a failure here
        } finally {
            lock.close();
        }
    }
}
