package dev.drover.engine.api.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping both ends use. Unknown fields are ignored, so an older console can talk to a newer
 * server that added some. Thread-safe.
 */
public final class WireJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WireJson() {
    }

    public static String encode(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** Decodes a document; malformed JSON fails with {@link IllegalArgumentException} saying what is wrong. */
    public static <T> T decode(String json, Class<T> type) {
        try {
            T value = JSON.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException("expected a " + type.getSimpleName() + " document, got null");
            }
            return value;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + " document: " + e.getOriginalMessage(), e);
        }
    }
}
