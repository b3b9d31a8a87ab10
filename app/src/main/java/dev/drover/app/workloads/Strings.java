package dev.drover.app.workloads;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal strings between rows (namespaces, nodes, statuses and owners repeat across thousands of
 * pods) and matches text without building lower-case copies.
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

    /** Whether {@code text} contains {@code lowerNeedle} ignoring case (ASCII fast path). */
    static boolean containsIgnoreCase(String text, String lowerNeedle) {
        int n = lowerNeedle.length();
        if (n == 0) {
            return true;
        }
        char first = lowerNeedle.charAt(0);
        int last = text.length() - n;
        for (int i = 0; i <= last; i++) {
            char c = text.charAt(i);
            // Cheap first-letter test before the full comparison: most positions fail here.
            if ((c == first || Character.toLowerCase(c) == first) && text.regionMatches(true, i + 1, lowerNeedle, 1, n - 1)) {
                return true;
            }
        }
        return false;
    }
}
