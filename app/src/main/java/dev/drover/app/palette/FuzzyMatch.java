package dev.drover.app.palette;

import java.util.Locale;

/**
 * Scores how well a typed query matches a name, the way editors' "go to anything" boxes do: every
 * query letter must appear in order; runs of adjacent letters, word starts and an early first letter
 * score higher. "pew" matches "prod-eu-west"; "west" scores more there than "pst".
 */
public final class FuzzyMatch {

    /** The score of a name that does not match. */
    public static final int NO_MATCH = Integer.MIN_VALUE;

    private FuzzyMatch() {
    }

    /** Higher is better; {@link #NO_MATCH} when some query letter is missing. An empty query matches all with 0. */
    public static int score(String query, String name) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return 0;
        }
        int score = 0;
        int from = 0;
        int previous = -2;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == ' ') {
                continue;
            }
            int at = n.indexOf(c, from);
            if (at < 0) {
                return NO_MATCH;
            }
            score += 1;
            if (at == previous + 1) {
                score += 5;
            }
            if (at == 0 || !Character.isLetterOrDigit(n.charAt(at - 1))) {
                score += 8;
            }
            if (i == 0) {
                score -= Math.min(at, 10);
            }
            previous = at;
            from = at + 1;
        }
        // Of two equal matches, the shorter name is the closer one.
        return score * 100 - Math.min(n.length(), 99);
    }
}
