package dev.drover.app.workloads;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal strings between rows (namespaces, nodes, statuses and owners repeat across thousands of
 * pods) and caches their lower-case forms for the filter.
 */
final class Strings {

    private static final int MAX_SHARED = 200_000;
    private static final ConcurrentHashMap<String, String> SHARED = new ConcurrentHashMap<>();

    private Strings() {
    }

    /** The one shared instance equal to {@code value}. Bounded: past the bound it returns the value itself. */
    static String share(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String known = SHARED.get(value);
        if (known != null) {
            return known;
        }
        if (SHARED.size() >= MAX_SHARED) {
            return value;
        }
        String previous = SHARED.putIfAbsent(value, value);
        return previous != null ? previous : value;
    }

    private static final ConcurrentHashMap<String, String> LOWER = new ConcurrentHashMap<>();

    /** {@code value} in lower case, cached for the few thousand distinct statuses and owners. */
    static String lower(String value) {
        String known = LOWER.get(value);
        if (known != null) {
            return known;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (LOWER.size() < MAX_SHARED) {
            LOWER.putIfAbsent(value, lower);
        }
        return lower;
    }
}
