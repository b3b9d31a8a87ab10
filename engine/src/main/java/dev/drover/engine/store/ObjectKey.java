package dev.drover.engine.store;

import java.util.Objects;

/**
 * Identity of a stored object: its kind, its namespace ({@code ""} for cluster-scoped kinds) and
 * its name, as in Kubernetes.
 */
public record ObjectKey(String kind, String namespace, String name) implements Comparable<ObjectKey> {

    private static final int MAX_NAME_LENGTH = 253;

    public ObjectKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (kind.isBlank()) {
            throw new InvalidRequestException("kind must not be blank");
        }
        if (name.isBlank()) {
            throw new InvalidRequestException("name must not be blank (kind " + kind + ")");
        }
        if (hasControlCharacter(kind) || hasControlCharacter(namespace) || hasControlCharacter(name)) {
            // also keeps continue tokens, which separate fields with newlines, unambiguous
            throw new InvalidRequestException("kind, namespace and name must not contain control characters");
        }
        if (name.length() > MAX_NAME_LENGTH || namespace.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("name and namespace are limited to " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** A cluster-scoped key. */
    public static ObjectKey of(String kind, String name) {
        return new ObjectKey(kind, "", name);
    }

    @Override
    public int compareTo(ObjectKey other) {
        int byKind = kind.compareTo(other.kind);
        if (byKind != 0) {
            return byKind;
        }
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
