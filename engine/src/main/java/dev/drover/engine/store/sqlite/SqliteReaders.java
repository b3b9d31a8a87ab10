package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.StoreClosedException;
import dev.drover.engine.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed pool of read-only connections. In WAL mode they read a consistent snapshot beside the
 * writer, so lists and gets never wait for a commit.
 */
final class SqliteReaders implements AutoCloseable {

    /** Work done with a borrowed connection. */
    @FunctionalInterface
    interface ReadWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final SqliteDatabaseFile file;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    SqliteReaders(SqliteDatabaseFile file, int size) throws SQLException {
        this.file = file;
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Connection connection = file.openReader();
                all.add(connection);
                idle.add(connection);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    <T> T read(String action, ReadWork<T> work) {
        Connection connection = borrow();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            if (closed) {
                throw new StoreClosedException("the store " + file.path() + " was closed during " + action, e);
            }
            throw file.translate(action, e);
        } finally {
            idle.add(connection);
        }
    }

    private Connection borrow() {
        if (closed) {
            throw new StoreClosedException("the store " + file.path() + " is closed");
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a store connection", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing everything; one failure must not keep the others open
            }
        }
    }
}
