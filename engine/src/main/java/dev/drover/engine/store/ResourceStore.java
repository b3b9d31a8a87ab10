package dev.drover.engine.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes-style versioned object store, like etcd under kine: every object is (kind, namespace,
 * name, labels, JSON body) and every committed write gets the next value of one global,
 * monotonically increasing revision.
 *
 * <p>All methods are thread-safe and may block on I/O: never call them from the FX thread. Writes are
 * atomic and durable when they return. Implementations: SQLite (embedded default), etcd (HA).
 * Every implementation must pass {@code ResourceStoreContract} in the engine's test sources.
 */
public interface ResourceStore extends AutoCloseable {

    /** Creates an object; fails with {@link AlreadyExistsException} if the key is taken. */
    default StoredObject create(ObjectKey key, Map<String, String> labels, String body) {
        return commit(List.of(new Write.Create(key, labels, body))).getFirst();
    }

    /** Reads the current state of one object. */
    Optional<StoredObject> get(ObjectKey key);

    /**
     * Lists objects of a kind as of one revision. The first page is read at the current revision;
     * later pages (via the continue token) at that same revision, so a paged list is a consistent
     * snapshot. Fails with {@link RevisionCompactedException} if that revision was compacted meanwhile.
     */
    ListResult list(ListRequest request);

    /**
     * Replaces an object if it is still at {@code expectedRevision}; a stale revision fails with
     * {@link ConflictException}, a missing object with {@link NotFoundException}.
     */
    default StoredObject update(ObjectKey key, long expectedRevision, Map<String, String> labels, String body) {
        return commit(List.of(new Write.Update(key, expectedRevision, labels, body))).getFirst();
    }

    /**
     * Creates {@code key} with {@code body}, or replaces it keeping its labels, reading it again when a
     * concurrent write or delete gets in between; returns false when that happened on every one of
     * {@code attempts} tries (the caller says what to do again).
     */
    default boolean createOrReplace(ObjectKey key, String body, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            java.util.Optional<StoredObject> existing = get(key);
            try {
                if (existing.isEmpty()) {
                    create(key, Map.of(), body);
                } else {
                    update(key, existing.get().revision(), existing.get().labels(), body);
                }
                return true;
            } catch (AlreadyExistsException | ConflictException | NotFoundException raced) {
                // written or deleted concurrently: read again and replace
            }
        }
        return false;
    }

    /** Deletes an object (see {@link Write.Delete}); returns its last state at the delete's revision. */
    default StoredObject delete(ObjectKey key, long expectedRevision) {
        return commit(List.of(new Write.Delete(key, expectedRevision))).getFirst();
    }

    /**
     * Applies writes atomically: all of them or none. Each write gets its own revision, in list
     * order (on etcd, whose transactions commit at one revision, the writes of a batch share it, and a
     * batch holds at most 128 writes). Returns the resulting states in the same order. At most one write
     * per key.
     */
    List<StoredObject> commit(List<Write> writes);

    /**
     * Streams every change to objects of {@code kind} with a revision greater than
     * {@code fromRevision}: first the retained history, then live changes, in revision order with no
     * gaps or duplicates. Fails with {@link RevisionCompactedException} when {@code fromRevision} is
     * older than {@link #compactedRevision()}.
     */
    Watch watch(String kind, long fromRevision, WatchListener listener);

    /** The revision of the newest committed write (0 for an empty store). */
    long currentRevision();

    /** Revisions at or below this one are no longer retained as history. */
    long compactedRevision();

    /**
     * Drops history at or below {@code revision}, keeping the current state of every object.
     * Idempotent; a revision at or below the compacted one does nothing.
     */
    void compact(long revision);

    /** Releases files and stops watches (their listeners get {@link StoreClosedException}). Idempotent. */
    @Override
    void close();
}
