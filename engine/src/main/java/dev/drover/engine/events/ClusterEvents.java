package dev.drover.engine.events;

import dev.drover.engine.model.Event;
import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoreException;
import dev.drover.engine.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records cluster events into the store (kind {@value Event#KIND}, namespace = cluster id). Like the
 * Kubernetes event recorder it folds repeats — the same reason about the same object — into one event
 * with a count and the latest time, and keeps at most {@code retention} events per cluster, pruning the
 * least recently seen. Recording never fails its caller: an event lost to a store hiccup must not fail the
 * reconcile or command that produced it. Blocking (store I/O); thread-safe.
 */
public final class ClusterEvents {

    public static final int DEFAULT_RETENTION = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);
    private static final int ATTEMPTS = 5;
    private static final Comparator<Event> NEWEST_FIRST = Comparator.comparing(Event::lastTimestamp).reversed()
            .thenComparing(Event::id);

    private final ResourceStore store;
    private final Clock clock;
    private final int retention;
    private final JsonCodec<Event> codec = new JsonCodec<>(Event.class);

    public ClusterEvents(ResourceStore store, Clock clock) {
        this(store, clock, DEFAULT_RETENTION);
    }

    public ClusterEvents(ResourceStore store, Clock clock, int retention) {
        if (retention < 1) {
            throw new IllegalArgumentException("retention: at least 1");
        }
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    /** As {@link #record(String, String, String, String, String, String)} with source {@code drover}. */
    public void record(String clusterId, String type, String reason, String message, String involvedObject) {
        record(clusterId, type, reason, message, involvedObject, "drover");
    }

    /**
     * Records one occurrence. Any thread; blocking; never throws for store failures (they are logged).
     *
     * @param type           {@link Event#NORMAL} or {@link Event#WARNING}
     * @param involvedObject {@code Kind/name} or {@code Kind/namespace/name}
     * @param source         {@code drover} or the acting user's name
     */
    public void record(String clusterId, String type, String reason, String message, String involvedObject, String source) {
        if (clusterId == null || clusterId.isBlank()) {
            return;
        }
        try {
            String id = idOf(reason, involvedObject);
            ObjectKey key = new ObjectKey(Event.KIND, clusterId, id);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (tryRecord(key, clusterId, id, type, reason, message, involvedObject, source)) {
                    return;
                }
            }
            LOG.warn("Event {} of cluster {} kept conflicting; dropped", reason, clusterId);
        } catch (StoreException e) {
            LOG.warn("Could not record event {} of cluster {}: {}", reason, clusterId, e.getMessage());
        }
    }

    private boolean tryRecord(ObjectKey key, String clusterId, String id, String type, String reason, String message,
                              String involvedObject, String source) {
        var now = clock.instant();
        Optional<StoredObject> existing = store.get(key);
        try {
            if (existing.isPresent()) {
                Event repeated = codec.decode(existing.get()).repeated(type, message, source, now);
                store.update(key, existing.get().revision(), Map.of(), codec.encode(repeated));
            } else {
                store.create(key, Map.of(), codec.encode(new Event(clusterId, id, type, reason, message, involvedObject, source, 1, now, now)));
                prune(clusterId);
            }
            return true;
        } catch (ConflictException | AlreadyExistsException | NotFoundException raced) {
            return false; // another writer recorded the same event first (or pruned it): fold into theirs
        }
    }

    /** The cluster's events, newest first. Blocking. */
    public List<Event> list(String clusterId) {
        return all(clusterId).stream().sorted(NEWEST_FIRST).toList();
    }

    /** Decodes a stored event (for watches on the kind). */
    public Event decode(StoredObject object) {
        return codec.decode(object);
    }

    private List<Event> all(String clusterId) {
        return store.list(new ListRequest(Event.KIND, clusterId, LabelSelector.EVERYTHING, 0, null)).items().stream()
                .map(codec::decode).toList();
    }

    /** Only after a new event: repeats never grow the set. */
    private void prune(String clusterId) {
        List<Event> events = list(clusterId);
        for (Event old : events.subList(Math.min(retention, events.size()), events.size())) {
            try {
                store.delete(new ObjectKey(Event.KIND, clusterId, old.id()), 0);
            } catch (NotFoundException alreadyGone) {
                // pruned by a concurrent recorder
            }
        }
    }

    static String idOf(String reason, String involvedObject) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((reason + "\n" + involvedObject).getBytes(StandardCharsets.UTF_8));
            return "ev-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
