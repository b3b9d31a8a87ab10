package dev.drover.engine.api;

/**
 * One problem of a cluster.yml, for the wizard's live validation.
 *
 * @param line    1-based line, 0 when it concerns the file as a whole
 * @param field   dotted path, e.g. {@code nodes[2].role}
 * @param message what is wrong and, where possible, what would be right
 */
public record ClusterYamlProblem(int line, String field, String message) {

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + field + ": " + message;
    }
}
