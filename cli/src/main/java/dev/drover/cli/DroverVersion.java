package dev.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code drover --version}: the version the build stamped into the jar, and the Java runtime underneath. */
public final class DroverVersion implements IVersionProvider {

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}; "dev" when run from unfiltered classes. */
    public static String current() {
        try (InputStream in = DroverVersion.class.getResourceAsStream("version.properties")) {
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

    @Override
    public String[] getVersion() {
        return new String[] {
                "drover " + current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
        };
    }
}
