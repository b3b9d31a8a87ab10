package dev.drover.bench;

import dev.drover.engine.store.ObjectKey;
import java.util.Map;

/**
 * The row every benchmark writes, store and raw alike: a namespaced object with three labels and a
 * JSON body of about 1 KiB that embeds the object's name (so no two bodies are equal).
 */
final class BenchRows {

    static final String KIND = "ConfigMap";
    static final String NAMESPACE = "bench";
    static final Map<String, String> LABELS = Map.of("app", "bench", "tier", "web", "drover.dev/cluster", "c-0001");
    /** The labels exactly as the store encodes them (sorted keys), so the raw table stores the same text. */
    static final String LABELS_JSON = "{\"app\":\"bench\",\"drover.dev/cluster\":\"c-0001\",\"tier\":\"web\"}";

    private static final String BODY_HEAD = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"namespace\":\"bench\",\"name\":\"";
    private static final String BODY_TAIL;

    static {
        StringBuilder tail = new StringBuilder("\"},\"data\":{");
        for (int i = 0; i < 16; i++) {
            tail.append(i == 0 ? "" : ",").append("\"key-").append(i).append("\":\"")
                    .append("v".repeat(48)).append('"');
        }
        BODY_TAIL = tail.append("}}").toString();
    }

    private BenchRows() {
    }

    static String name(long n) {
        return "cm-" + n;
    }

    static ObjectKey key(long n) {
        return new ObjectKey(KIND, NAMESPACE, name(n));
    }

    static String body(String name) {
        return BODY_HEAD + name + BODY_TAIL;
    }
}
