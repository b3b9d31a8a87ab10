package dev.drover.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleSettingsTest {

    @TempDir
    Path directory;

    @Test
    void servers_window_and_theme_survive_a_restart_last_used_first() {
        // given
        ConsoleSettings settings = ConsoleSettings.load(directory);
        settings.rememberServer(new RememberedServer("https://a.test:8443", "alice", "aa".repeat(32)));
        settings.rememberServer(new RememberedServer("https://b.test:8443", "", "bb".repeat(32)));
        settings.rememberServer(new RememberedServer("https://a.test:8443", "alice2", "aa".repeat(32)));
        settings.setWindow(new ConsoleSettings.WindowBounds(10, 20, 1300, 800, true));
        settings.setTheme("dark");

        // when
        settings.save();
        ConsoleSettings again = ConsoleSettings.load(directory);

        // then
        assertThat(again.servers()).extracting(RememberedServer::url, RememberedServer::username)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://a.test:8443", "alice2"),
                        org.assertj.core.groups.Tuple.tuple("https://b.test:8443", ""));
        assertThat(again.window()).contains(new ConsoleSettings.WindowBounds(10, 20, 1300, 800, true));
        assertThat(again.theme()).isEqualTo("dark");
        assertThat(again.server("https://b.test:8443")).get().extracting(RememberedServer::fingerprint).isEqualTo("bb".repeat(32));
    }

    @Test
    void a_damaged_file_reads_as_defaults_and_is_replaced_whole_on_save() throws Exception {
        // given
        Files.writeString(directory.resolve("console.properties"), "window.width=wide\nserver.0.url=\\u12");

        // when
        ConsoleSettings settings = ConsoleSettings.load(directory);

        // then
        assertThat(settings.servers()).isEmpty();
        assertThat(settings.window()).isEmpty();
        assertThat(settings.lastMode()).isEqualTo("lab");

        // when
        settings.setLastMode("remote");
        settings.save();

        // then
        assertThat(ConsoleSettings.load(directory).lastMode()).isEqualTo("remote");
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("console.properties");
        }
    }
}
