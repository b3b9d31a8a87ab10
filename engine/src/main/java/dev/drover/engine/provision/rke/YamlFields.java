package dev.drover.engine.provision.rke;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reads from a snakeyaml node tree that remember where each value came from, so every error can
 * name its field and line. Problems are collected, not thrown, so the user sees all of them at once.
 */
final class YamlFields {

    private final List<ConfigError> errors;
    private final List<ConfigError> warnings;

    YamlFields(List<ConfigError> errors, List<ConfigError> warnings) {
        this.errors = errors;
        this.warnings = warnings;
    }

    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** The line of {@code key} in a mapping node (for errors about a whole section), 0 if absent. */
    static int keyLine(Node node, String key) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    return line(tuple.getKeyNode());
                }
            }
        }
        return 0;
    }

    /** The entries of a mapping, checked against the keys this section knows and the RKE keys it ignores. */
    Map<String, Node> mapping(Node node, String path, Set<String> known, Set<String> ignored) {
        Map<String, Node> entries = new LinkedHashMap<>();
        if (node == null) {
            return entries;
        }
        if (!(node instanceof MappingNode mapping)) {
            error(node, path, "must be a mapping (key: value lines)");
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
            String field = path.isEmpty() ? key : path + "." + key;
            if (known.contains(key)) {
                if (entries.put(key, tuple.getValueNode()) != null) {
                    error(tuple.getKeyNode(), field, "appears twice");
                }
            } else if (ignored.contains(key)) {
                warnings.add(new ConfigError(line(tuple.getKeyNode()), field, "is an RKE setting Drover does not apply; ignored"));
            } else {
                String hint = closest(key, known);
                error(tuple.getKeyNode(), field, "unknown field" + (hint == null ? "" : "; did you mean \"" + hint + "\"?"));
            }
        }
        return entries;
    }

    List<Node> sequence(Node node, String path) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            error(node, path, "must be a list");
            return List.of();
        }
        return sequence.getValue();
    }

    String string(Node node, String path, String fallback) {
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof ScalarNode scalar)) {
            error(node, path, "must be a single value");
            return fallback;
        }
        return scalar.getValue().strip();
    }

    int integer(Node node, String path, int fallback, int min, int max) {
        String text = string(node, path, null);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                error(node, path, "must be between " + min + " and " + max + ", got " + value);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            error(node, path, "must be a whole number, got \"" + text + "\"");
            return fallback;
        }
    }

    boolean bool(Node node, String path, boolean fallback) {
        String text = string(node, path, null);
        if (text == null) {
            return fallback;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                error(node, path, "must be true or false, got \"" + text + "\"");
                yield fallback;
            }
        };
    }

    List<String> strings(Node node, String path) {
        List<String> values = new ArrayList<>();
        List<Node> items = sequence(node, path);
        for (int i = 0; i < items.size(); i++) {
            String value = string(items.get(i), path + "[" + i + "]", null);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    Map<String, String> stringMap(Node node, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null) {
            return values;
        }
        if (!(node instanceof MappingNode mapping)) {
            error(node, path, "must be a mapping");
            return values;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = string(tuple.getKeyNode(), path, "?");
            values.put(key, string(tuple.getValueNode(), path + "." + key, ""));
        }
        return values;
    }

    void error(Node node, String path, String message) {
        errors.add(new ConfigError(line(node), path, message));
    }

    /** The known key within edit distance 2, for "did you mean". */
    static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
