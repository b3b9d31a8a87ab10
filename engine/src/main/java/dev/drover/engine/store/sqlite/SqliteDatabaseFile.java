package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.StoreDamagedException;
import dev.drover.engine.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Opens the store's SQLite file without ever damaging it further: the header is checked before
 * SQLite is allowed to touch the file, and SQLite's corruption codes become a
 * {@link StoreDamagedException} that names the file.
 */
final class SqliteDatabaseFile {

    static final String FILE_NAME = "drover.db";

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    private final Path file;
    private final SqliteOptions options;

    SqliteDatabaseFile(Path directory, SqliteOptions options) {
        this.file = directory.resolve(FILE_NAME);
        this.options = options;
    }

    Path path() {
        return file;
    }

    /** Creates the file owner-only if missing (SQLite gives its WAL and SHM files the same mode). */
    void createIfMissing() throws IOException {
        if (Files.exists(file)) {
            checkHeader();
            return;
        }
        Path wal = file.resolveSibling(FILE_NAME + "-wal");
        if (Files.exists(wal) && Files.size(wal) > 0) {
            // Committed writes may live only in the WAL; starting a fresh database beside it would lose them.
            throw new StoreDamagedException("The store file " + file + " is missing but its write-ahead log " + wal
                    + " is there. Drover left both untouched: restore " + FILE_NAME + " from a backup, or move the log aside"
                    + " to start with an empty store.");
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private void checkHeader() throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            return; // an empty file is an empty database
        }
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        }
        if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
            throw damaged("it is not an SQLite database", null);
        }
    }

    /** The single writing connection, with WAL and the chosen durability. */
    Connection openWriter() throws SQLException {
        Connection connection = open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            // Check before switching to WAL: the switch rewrites the header of a file not yet in WAL mode.
            try (ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
                String verdict = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equalsIgnoreCase(verdict)) {
                    throw damaged("integrity check says: " + verdict, null);
                }
            }
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                    throw new StoreException("SQLite refused WAL mode for " + file);
                }
            }
            statement.execute("PRAGMA synchronous = " + options.durability().name());
            statement.execute("PRAGMA wal_autocheckpoint = 1000");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A connection that can only read. */
    Connection openReader() throws SQLException {
        Connection connection = open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("PRAGMA query_only = 1");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Turns an SQLite failure into a store failure, naming the file when SQLite says it is damaged. */
    StoreException translate(String action, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
            return damaged(e.getMessage(), e);
        }
        return new StoreException("Store " + file + " failed to " + action + ": " + e.getMessage(), e);
    }

    private StoreDamagedException damaged(String detail, Throwable cause) {
        return new StoreDamagedException("The store file " + file + " is damaged (" + detail + "). Drover left it"
                + " untouched: restore it from a backup, or move it aside to start with an empty store.", cause);
    }
}
