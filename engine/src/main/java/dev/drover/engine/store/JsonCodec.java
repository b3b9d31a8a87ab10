package dev.drover.engine.store;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns model records into the JSON bodies the store keeps, and back. Unknown fields are ignored
 * so that an older engine can read what a newer one wrote.
 */
public final class JsonCodec<T> {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Class<T> type;

    public JsonCodec(Class<T> type) {
        this.type = type;
    }

    public String encode(T value) {
        return JSON.writeValueAsString(value);
    }

    /** Decodes a stored body; a body that is not a valid {@code T} fails naming the key. */
    public T decode(StoredObject object) {
        try {
            return JSON.readValue(object.body(), type);
        } catch (JacksonException e) {
            throw new StoreException("Stored object " + object.key() + " is not a valid " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }
}
