package dev.drover.engine.store;

import java.util.Objects;

/**
 * A committed change, delivered to watchers in revision order.
 *
 * @param type   what happened
 * @param object the state after the change; for {@link Type#DELETED} the last state before it,
 *               with {@link StoredObject#revision()} set to the revision of the delete
 */
public record WatchEvent(Type type, StoredObject object) {
    public WatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(object, "object");
    }

    public long revision() {
        return object.revision();
    }

    /** Kubernetes watch event types. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
