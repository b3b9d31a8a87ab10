package dev.drover.bench;

import dev.drover.engine.store.sqlite.SqliteOptions.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline: a plain SQLite table (no secondary index, no revision bookkeeping) in a fresh file,
 * opened with exactly the pragmas the store's writer connection uses (SqliteDatabaseFile#openWriter),
 * so the ratio measures the store's own work and not a different durability or journal.
 */
final class RawSqlite implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement insert;

    RawSqlite(Path file, Durability durability) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                    throw new SQLException("SQLite refused WAL mode for " + file);
                }
            }
            statement.execute("PRAGMA synchronous = " + durability.name());
            statement.execute("PRAGMA wal_autocheckpoint = 1000");
            statement.execute("""
                    CREATE TABLE raw (
                      id INTEGER PRIMARY KEY,
                      kind TEXT NOT NULL,
                      namespace TEXT NOT NULL,
                      name TEXT NOT NULL,
                      labels TEXT NOT NULL,
                      value TEXT NOT NULL)""");
        }
        insert = connection.prepareStatement("INSERT INTO raw (kind, namespace, name, labels, value) VALUES (?, ?, ?, ?, ?)");
    }

    /** One autocommit insert: one transaction, one WAL commit. */
    int insert(long n) throws SQLException {
        String name = BenchRows.name(n);
        insert.setString(1, BenchRows.KIND);
        insert.setString(2, BenchRows.NAMESPACE);
        insert.setString(3, name);
        insert.setString(4, BenchRows.LABELS_JSON);
        insert.setString(5, BenchRows.body(name));
        return insert.executeUpdate();
    }

    /** {@code count} inserts in one transaction. */
    int insertBatch(long first, int count) throws SQLException {
        connection.setAutoCommit(false);
        try {
            int rows = 0;
            for (int i = 0; i < count; i++) {
                rows += insert(first + i);
            }
            connection.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
