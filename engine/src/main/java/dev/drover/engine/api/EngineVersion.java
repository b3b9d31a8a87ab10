package dev.drover.engine.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The engine's version, as the build stamped it. */
final class EngineVersion {

    private static final String VERSION = load();

    private EngineVersion() {
    }

    static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("/dev/drover/engine/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
