package dev.drover.engine.api;

import java.util.Objects;

/**
 * A change to an object the console watches.
 *
 * @param type     what happened
 * @param object   the object after the change; for {@link Type#DELETED}, its last state
 */
public record ApiEvent<T>(Type type, T object) {
    public ApiEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(object, "object");
    }

    /** The Kubernetes watch event types. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
