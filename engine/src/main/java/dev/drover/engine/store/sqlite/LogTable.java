package dev.drover.engine.store.sqlite;

import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.StoredObject;
import dev.drover.engine.store.WatchEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the store, kine-style: one append-only log table in which each row is one revision of
 * one object (the row id is the global revision). The current state of a key is its newest row; a
 * delete appends a tombstone carrying the last body. Compaction removes rows that a newer row at or
 * below the compaction revision has superseded.
 *
 * <p>Why the row id is a plain {@code INTEGER PRIMARY KEY} rather than AUTOINCREMENT, and why there is
 * no (kind, id) index: each costs an extra page write per commit, which cut single-write throughput to
 * about 0.43× of a plain insert under synchronous=NORMAL (BENCHMARKS.md). Plain row ids only stay
 * monotonic if the newest row is never deleted, so compaction always keeps it.
 */
final class LogTable {

    static final int SCHEMA_VERSION = 1;

    private static final String COLUMNS = "id, kind, namespace, name, created, deleted, create_revision, labels, value";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() { };

    private LogTable() {
    }

    /** A log row: one revision of one object. */
    record Row(long id, ObjectKey key, boolean created, boolean deleted, long createRevision, String labels, String value,
               Map<String, String> labelMap) {

        long effectiveCreateRevision() {
            return created ? id : createRevision;
        }

        StoredObject toObject() {
            // rows just written carry their labels as a map already: no need to parse the JSON we made
            return new StoredObject(key, labelMap != null ? labelMap : decodeLabels(labels), value, id, effectiveCreateRevision());
        }

        WatchEvent toEvent() {
            WatchEvent.Type type = deleted ? WatchEvent.Type.DELETED
                    : created ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED;
            return new WatchEvent(type, toObject());
        }
    }

    static void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS log (
                      id INTEGER PRIMARY KEY,
                      kind TEXT NOT NULL,
                      namespace TEXT NOT NULL,
                      name TEXT NOT NULL,
                      created INTEGER NOT NULL,
                      deleted INTEGER NOT NULL,
                      create_revision INTEGER NOT NULL,
                      labels TEXT NOT NULL,
                      value TEXT NOT NULL)""");
            statement.execute("CREATE INDEX IF NOT EXISTS log_key ON log (kind, namespace, name, id)");
            statement.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            statement.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', " + SCHEMA_VERSION + ")");
            statement.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('compact_revision', 0)");
        }
    }

    static long schemaVersion(Connection connection) throws SQLException {
        return meta(connection, "schema_version");
    }

    static long compactRevision(Connection connection) throws SQLException {
        return meta(connection, "compact_revision");
    }

    static long currentRevision(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM log")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long meta(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static PreparedStatement prepareLatest(Connection connection) throws SQLException {
        return connection.prepareStatement("SELECT " + COLUMNS
                + " FROM log WHERE kind = ? AND namespace = ? AND name = ? ORDER BY id DESC LIMIT 1");
    }

    /** Like {@link #prepareLatest} without labels and body: all a create or update needs to check. */
    static PreparedStatement prepareLatestHeader(Connection connection) throws SQLException {
        return connection.prepareStatement("SELECT id, created, deleted, create_revision"
                + " FROM log WHERE kind = ? AND namespace = ? AND name = ? ORDER BY id DESC LIMIT 1");
    }

    /** The newest row of a key without labels and body (see {@link #prepareLatestHeader}). */
    static Optional<Row> latestHeader(PreparedStatement latestHeader, ObjectKey key) throws SQLException {
        latestHeader.setString(1, key.kind());
        latestHeader.setString(2, key.namespace());
        latestHeader.setString(3, key.name());
        try (ResultSet rs = latestHeader.executeQuery()) {
            return rs.next()
                    ? Optional.of(new Row(rs.getLong(1), key, rs.getInt(2) == 1, rs.getInt(3) == 1, rs.getLong(4), null, null, null))
                    : Optional.empty();
        }
    }

    static PreparedStatement prepareInsert(Connection connection) throws SQLException {
        return connection.prepareStatement("INSERT INTO log (kind, namespace, name, created, deleted, create_revision,"
                + " labels, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    }

    /** The newest row of a key, tombstone included. */
    static Optional<Row> latest(PreparedStatement latest, ObjectKey key) throws SQLException {
        latest.setString(1, key.kind());
        latest.setString(2, key.namespace());
        latest.setString(3, key.name());
        try (ResultSet rs = latest.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    /** Appends a row and returns it with its revision. */
    static Row append(PreparedStatement insert, ObjectKey key, boolean created, boolean deleted, long createRevision,
                      Map<String, String> labelMap, String labels, String value) throws SQLException {
        insert.setString(1, key.kind());
        insert.setString(2, key.namespace());
        insert.setString(3, key.name());
        insert.setInt(4, created ? 1 : 0);
        insert.setInt(5, deleted ? 1 : 0);
        insert.setLong(6, createRevision);
        insert.setString(7, labels);
        insert.setString(8, value);
        try (ResultSet rs = insert.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("INSERT … RETURNING gave no id");
            }
            return new Row(rs.getLong(1), key, created, deleted, createRevision, labels, value, labelMap);
        }
    }

    /** Every row of a kind after a revision, oldest first: the history a watch replays. */
    static List<WatchEvent> history(Connection connection, String kind, long afterRevision) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM log WHERE kind = ? AND id > ? ORDER BY id")) {
            statement.setString(1, kind);
            statement.setLong(2, afterRevision);
            List<WatchEvent> events = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs).toEvent());
                }
            }
            return events;
        }
    }

    /**
     * Opens a cursor over the live objects of a kind as of {@code revision}, ordered by namespace
     * and name, starting after the given position (both null: from the start).
     */
    static PreparedStatement prepareSnapshot(Connection connection, String kind, String namespace, long revision,
                                             String afterNamespace, String afterName) throws SQLException {
        String namespaceFilter = namespace == null ? "" : " AND namespace = ?";
        String positionFilter = afterNamespace == null ? "" : " AND (l.namespace, l.name) > (?, ?)";
        PreparedStatement statement = connection.prepareStatement("SELECT " + prefixed("l.") + " FROM log l JOIN ("
                + "SELECT MAX(id) AS id FROM log WHERE kind = ?" + namespaceFilter + " AND id <= ?"
                + " GROUP BY namespace, name) m ON l.id = m.id WHERE l.deleted = 0" + positionFilter
                + " ORDER BY l.namespace, l.name");
        int i = 1;
        statement.setString(i++, kind);
        if (namespace != null) {
            statement.setString(i++, namespace);
        }
        statement.setLong(i++, revision);
        if (afterNamespace != null) {
            statement.setString(i++, afterNamespace);
            statement.setString(i, afterName);
        }
        return statement;
    }

    /** Removes superseded rows and tombstones at or below {@code revision}; returns how many. */
    static int compact(Connection connection, long revision) throws SQLException {
        int removed;
        try (PreparedStatement statement = connection.prepareStatement("""
                DELETE FROM log WHERE id <= ?1 AND id < (SELECT MAX(id) FROM log) AND (deleted = 1 OR EXISTS (
                  SELECT 1 FROM log newer WHERE newer.kind = log.kind AND newer.namespace = log.namespace
                  AND newer.name = log.name AND newer.id > log.id AND newer.id <= ?1))""")) {
            statement.setLong(1, revision);
            removed = statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE meta SET value = ? WHERE key = 'compact_revision'")) {
            statement.setLong(1, revision);
            statement.executeUpdate();
        }
        return removed;
    }

    static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), new ObjectKey(rs.getString(2), rs.getString(3), rs.getString(4)),
                rs.getInt(5) == 1, rs.getInt(6) == 1, rs.getLong(7), rs.getString(8), rs.getString(9), null);
    }

    static String encodeLabels(Map<String, String> labels) {
        return labels.isEmpty() ? "{}" : JSON.writeValueAsString(new TreeMap<>(labels));
    }

    static Map<String, String> decodeLabels(String json) {
        return "{}".equals(json) ? Map.of() : JSON.readValue(json, LABELS);
    }

    private static String prefixed(String prefix) {
        return prefix + COLUMNS.replace(", ", ", " + prefix);
    }
}
