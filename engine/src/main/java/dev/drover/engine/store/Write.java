package dev.drover.engine.store;

import java.util.Map;
import java.util.Objects;

/** One write of an atomic batch ({@link ResourceStore#commit}). */
public sealed interface Write {

    ObjectKey key();

    /** Create an object that must not exist yet. */
    record Create(ObjectKey key, Map<String, String> labels, String body) implements Write {
        public Create {
            Objects.requireNonNull(key, "key");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(body, "body");
        }
    }

    /** Replace an object, but only if it is still at {@code expectedRevision} (0: whatever it is). */
    record Update(ObjectKey key, long expectedRevision, Map<String, String> labels, String body) implements Write {
        public Update {
            Objects.requireNonNull(key, "key");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(body, "body");
        }
    }

    /** Delete an object, but only if it is still at {@code expectedRevision} (0: whatever it is). */
    record Delete(ObjectKey key, long expectedRevision) implements Write {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }
}
