package dev.drover.engine.store;

import java.util.Map;
import java.util.Objects;

/**
 * One object as the store holds it at one revision.
 *
 * @param key            identity
 * @param labels         Kubernetes-style labels, used by label selectors
 * @param body           the object itself as JSON; the store does not interpret it
 * @param revision       the global revision of the write that produced this state (its resourceVersion)
 * @param createRevision the revision at which the object was created
 */
public record StoredObject(ObjectKey key, Map<String, String> labels, String body, long revision, long createRevision) {
    public StoredObject {
        Objects.requireNonNull(key, "key");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(body, "body");
    }
}
