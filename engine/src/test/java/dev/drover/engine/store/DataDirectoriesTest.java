package dev.drover.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the data lives: property, then environment, then the OS's per-user data directory. */
class DataDirectoriesTest {

    private static final Path HOME = Path.of("/home/ann");
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void systemPropertyWinsOverEnvironment() {
        Path resolved = DataDirectories.resolve("/srv/prop", Map.of(DataDirectories.ENVIRONMENT, "/srv/env"), "Linux", HOME);

        assertThat(resolved).isEqualTo(Path.of("/srv/prop"));
    }

    @Test
    void environmentWinsOverTheOsDefault() {
        Path resolved = DataDirectories.resolve(null, Map.of(DataDirectories.ENVIRONMENT, "/srv/env"), "Linux", HOME);

        assertThat(resolved).isEqualTo(Path.of("/srv/env"));
    }

    @Test
    void blankOverridesAreIgnored() {
        Path resolved = DataDirectories.resolve("  ", Map.of(DataDirectories.ENVIRONMENT, ""), "Linux", HOME);

        assertThat(resolved).isEqualTo(Path.of("/home/ann/.local/share/drover"));
    }

    @Test
    void relativeOverridesBecomeAbsolute() {
        assertThat(DataDirectories.resolve("state", NO_ENV, "Linux", HOME))
                .isEqualTo(Path.of("state").toAbsolutePath());
        assertThat(DataDirectories.resolve(null, Map.of(DataDirectories.ENVIRONMENT, "env-state"), "Linux", HOME))
                .isEqualTo(Path.of("env-state").toAbsolutePath());
    }

    @Test
    void linuxUsesXdgDataHomeWhenAbsolute() {
        assertThat(DataDirectories.osDefault(Map.of("XDG_DATA_HOME", "/data/ann"), "Linux", HOME))
                .isEqualTo(Path.of("/data/ann/drover"));
        // The XDG spec says a relative value is invalid and must be ignored.
        assertThat(DataDirectories.osDefault(Map.of("XDG_DATA_HOME", "data"), "Linux", HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/drover"));
        assertThat(DataDirectories.osDefault(NO_ENV, "Linux", HOME))
                .isEqualTo(Path.of("/home/ann/.local/share/drover"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataDirectories.osDefault(Map.of("XDG_DATA_HOME", "/data/ann"), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/ann/Library/Application Support/Drover"));
    }

    @Test
    void windowsUsesLocalAppData() {
        assertThat(DataDirectories.osDefault(Map.of("LOCALAPPDATA", "/c/Users/ann/AppData/Local"), "Windows 11", HOME))
                .isEqualTo(Path.of("/c/Users/ann/AppData/Local/Drover"));
        assertThat(DataDirectories.osDefault(NO_ENV, "Windows Server 2022", HOME))
                .isEqualTo(Path.of("/home/ann/AppData/Local/Drover"));
    }

    @Test
    void processResolutionReadsTheSystemProperty() {
        // given
        String previous = System.getProperty(DataDirectories.PROPERTY);
        System.setProperty(DataDirectories.PROPERTY, "/tmp/drover-from-property");
        try {
            // when / then
            assertThat(DataDirectories.resolve()).isEqualTo(Path.of("/tmp/drover-from-property"));
        } finally {
            if (previous == null) {
                System.clearProperty(DataDirectories.PROPERTY);
            } else {
                System.setProperty(DataDirectories.PROPERTY, previous);
            }
        }
    }
}
