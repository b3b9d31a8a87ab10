package dev.drover.engine.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to get machines for a node pool (kind {@value #KIND}, name = id). The first driver,
 * {@code existing-hosts}, takes machines from an inventory reachable over SSH.
 *
 * @param id        template id
 * @param driver    driver name, e.g. {@code existing-hosts}
 * @param inventory for {@code existing-hosts}: the machines to use
 * @param settings  driver-specific settings
 */
public record NodeTemplate(String id, String driver, List<Host> inventory, Map<String, String> settings) {

    public static final String KIND = "NodeTemplate";

    public NodeTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(driver, "driver");
        inventory = inventory == null ? List.of() : List.copyOf(inventory);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** A machine reachable over SSH. */
    public record Host(String address, int port, String user, String sshKeyPath) {
        public Host {
            Objects.requireNonNull(address, "address");
            port = port == 0 ? 22 : port;
            user = user == null || user.isBlank() ? "root" : user;
            sshKeyPath = sshKeyPath == null ? "" : sshKeyPath;
        }
    }
}
