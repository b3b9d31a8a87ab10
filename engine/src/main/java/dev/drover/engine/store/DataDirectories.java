package dev.drover.engine.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Drover keeps its state when the user does not say: the OS's per-user application data
 * directory. Overridden by the system property {@code drover.dataDir}, then the environment
 * variable {@code DROVER_DATA_DIR}.
 */
public final class DataDirectories {

    public static final String PROPERTY = "drover.dataDir";
    public static final String ENVIRONMENT = "DROVER_DATA_DIR";

    private DataDirectories() {
    }

    /** The data directory for this process: override if set, otherwise the OS default. */
    public static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    static Path resolve(String property, Map<String, String> env, String osName, Path home) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String fromEnv = env.get(ENVIRONMENT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath();
        }
        return osDefault(env, osName, home);
    }

    static Path osDefault(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String localAppData = env.get("LOCALAPPDATA");
            Path base = localAppData != null && !localAppData.isBlank()
                    ? Path.of(localAppData) : home.resolve("AppData").resolve("Local");
            return base.resolve("Drover");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Drover");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("drover");
    }
}
