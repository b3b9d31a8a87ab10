package dev.drover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void console_with_a_data_directory() {
        // when
        LaunchOptions options = LaunchOptions.parse(List.of("console", "--data-dir", "/srv/drover"));

        // then
        assertThat(options.help()).isFalse();
        assertThat(options.dataDirectoryOr(() -> Path.of("/default"))).isEqualTo(Path.of("/srv/drover"));
    }

    @Test
    void equals_form_and_default_directory() {
        // when
        LaunchOptions withEquals = LaunchOptions.parse(List.of("console", "--data-dir=/d"));
        LaunchOptions bare = LaunchOptions.parse(List.of());

        // then
        assertThat(withEquals.dataDirectory()).isEqualTo(Path.of("/d"));
        assertThat(bare.dataDirectoryOr(() -> Path.of("/default"))).isEqualTo(Path.of("/default"));
    }

    @Test
    void a_file_to_open_after_the_options() {
        // when
        LaunchOptions options = LaunchOptions.parse(List.of("console", "--data-dir", "/d", "/home/me/cluster.yml"));
        LaunchOptions none = LaunchOptions.parse(List.of("console"));

        // then
        assertThat(options.file()).isEqualTo(Path.of("/home/me/cluster.yml"));
        assertThat(options.dataDirectory()).isEqualTo(Path.of("/d"));
        assertThat(none.file()).isNull();
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("console", "a.yml", "b.yml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Open one file at a time, not \"a.yml\" and \"b.yml\".");
    }

    @Test
    void mistakes_are_explained() {
        // when / then
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("console", "--data-dir")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--data-dir needs a directory");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("console", "--bogus")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown argument \"--bogus\"");
    }
}
