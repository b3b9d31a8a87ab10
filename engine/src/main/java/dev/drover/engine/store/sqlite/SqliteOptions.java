package dev.drover.engine.store.sqlite;

/**
 * Tuning of the embedded store.
 *
 * @param durability      how hard each commit is pushed to disk
 * @param readConnections connections kept for concurrent reads (WAL lets readers run beside the writer)
 * @param maxWatchBacklog events a single watcher may fall behind before it is closed
 */
public record SqliteOptions(Durability durability, int readConnections, int maxWatchBacklog) {

    public static final SqliteOptions DEFAULTS = new SqliteOptions(Durability.FULL, 4, 100_000);

    public SqliteOptions {
        if (readConnections < 1) {
            throw new IllegalArgumentException("readConnections must be at least 1");
        }
        if (maxWatchBacklog < 1) {
            throw new IllegalArgumentException("maxWatchBacklog must be at least 1");
        }
    }

    public SqliteOptions withDurability(Durability value) {
        return new SqliteOptions(value, readConnections, maxWatchBacklog);
    }

    public SqliteOptions withMaxWatchBacklog(int value) {
        return new SqliteOptions(durability, readConnections, value);
    }

    /** SQLite's {@code synchronous} setting in WAL mode. */
    public enum Durability {
        /** fsync on every commit: an acknowledged write survives power loss (default). */
        FULL,
        /** fsync at checkpoints only: survives a killed process, may lose the last commits on power loss. */
        NORMAL
    }
}
