package dev.drover.engine.provision.rke;

import java.util.List;
import java.util.stream.Collectors;

/** cluster.yml cannot be used; every problem found is listed, each with its field and line. */
public final class ClusterConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public ClusterConfigException(List<ConfigError> errors) {
        super(errors.size() == 1 ? "cluster.yml: " + errors.getFirst()
                : "cluster.yml has " + errors.size() + " problems:\n" + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
