package dev.drover.engine.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector ({@code app=web,tier!=db,env in (prod,stage),!canary,release}):
 * every requirement must hold.
 */
public final class LabelSelector {

    public static final LabelSelector EVERYTHING = new LabelSelector("", List.of());

    private static final String KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
    private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
    private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|!=|=)\\s*(" + VALUE + ")");
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\(([^()]*)\\)");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");
    private static final Pattern VALUE_ONLY = Pattern.compile(VALUE);

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = List.copyOf(requirements);
    }

    /** Parses selector text; fails with {@link InvalidRequestException} naming the bad part. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            requirements.add(parseRequirement(part.strip(), text));
        }
        return new LabelSelector(text.strip(), requirements);
    }

    /** Whether every requirement holds for these labels. */
    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.test(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Requirement parseRequirement(String part, String whole) {
        Matcher m = SET.matcher(part);
        if (m.matches()) {
            String key = m.group(1);
            Set<String> values = parseValues(m.group(4), whole);
            boolean in = m.group(3).equals("in");
            return labels -> {
                // Immutable sets throw on contains(null); a missing label is in no set (Kubernetes: notin matches it).
                String value = labels.get(key);
                return in == (value != null && values.contains(value));
            };
        }
        m = EQUALITY.matcher(part);
        if (m.matches()) {
            String key = m.group(1);
            String value = m.group(4);
            boolean equal = !m.group(3).equals("!=");
            return labels -> equal == value.equals(labels.get(key));
        }
        m = EXISTS.matcher(part);
        if (m.matches()) {
            String key = m.group(2);
            boolean negated = m.group(1).equals("!");
            return labels -> negated != labels.containsKey(key);
        }
        throw new InvalidRequestException("invalid label selector \"" + whole + "\": cannot parse \"" + part + "\"");
    }

    private static Set<String> parseValues(String list, String whole) {
        List<String> values = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String value = raw.strip();
            if (!VALUE_ONLY.matcher(value).matches()) {
                throw new InvalidRequestException("invalid label selector \"" + whole + "\": bad value \"" + value + "\"");
            }
            values.add(value);
        }
        return Set.copyOf(values);
    }

    @FunctionalInterface
    private interface Requirement {
        boolean test(Map<String, String> labels);
    }
}
