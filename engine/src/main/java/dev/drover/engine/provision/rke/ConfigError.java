package dev.drover.engine.provision.rke;

/**
 * One problem in cluster.yml.
 *
 * @param line    1-based line, 0 when it concerns the file as a whole
 * @param field   dotted path, e.g. {@code nodes[2].role}
 * @param message what is wrong and, where possible, what would be right
 */
public record ConfigError(int line, String field, String message) {

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + field + ": " + message;
    }
}
