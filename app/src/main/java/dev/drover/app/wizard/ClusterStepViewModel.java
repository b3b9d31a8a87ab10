package dev.drover.app.wizard;

import dev.drover.engine.api.RkeClusterSpec;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Step 1: the cluster's name, Kubernetes version and network plugin. FX thread only. */
public final class ClusterStepViewModel {

    static final int MAX_NAME = 63;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty version = new SimpleStringProperty(this, "version", RkeClusterSpec.KUBERNETES_VERSIONS.getFirst());
    private final StringProperty networkPlugin = new SimpleStringProperty(this, "networkPlugin", "canal");

    public List<String> versions() {
        return RkeClusterSpec.KUBERNETES_VERSIONS;
    }

    public List<String> networkPlugins() {
        return RkeClusterSpec.NETWORK_PLUGINS;
    }

    /** The first thing to fix on this step, or empty. */
    public String problem() {
        String value = name.get().strip();
        if (value.isEmpty()) {
            return "Name: enter a name for the cluster, e.g. prod-eu.";
        }
        if (value.length() > MAX_NAME) {
            return "Name: at most " + MAX_NAME + " characters, got " + value.length() + ".";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "Name: control characters are not allowed.";
        }
        return "";
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public StringProperty networkPluginProperty() {
        return networkPlugin;
    }
}
