package dev.drover.app.settings;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.app.Screenshots;
import dev.drover.app.connect.ConsoleSettings;
import dev.drover.app.connect.RememberedServer;
import dev.drover.app.fx.Theme;
import dev.drover.app.fx.ThemeSwitcher;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {

    @TempDir
    static Path configDirectory;

    private final SimpleObjectProperty<ColorScheme> os = new SimpleObjectProperty<>(ColorScheme.LIGHT);
    private ThemeSwitcher themes;
    private Scene scene;

    @Start
    void start(Stage stage) {
        ConsoleSettings settings = ConsoleSettings.load(configDirectory);
        settings.rememberServer(new RememberedServer("https://drover-b.example:8443", "", "bb".repeat(32)));
        settings.rememberServer(new RememberedServer("https://drover-a.example:8443", "alice", "aa".repeat(32)));
        settings.save();
        themes = new ThemeSwitcher(os, Application::setUserAgentStylesheet);
        scene = new Scene(new SettingsView(new SettingsViewModel(themes, settings)).root(), 900, 600);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void restoreTheme() {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
    }

    @Test
    void theme_follows_the_system_until_the_user_picks_one_and_can_follow_it_again(FxRobot robot) throws Exception {
        // when
        robot.clickOn("#themeDark");

        // then
        assertThat(onFx(() -> themes.themeProperty().get())).isEqualTo(Theme.DARK);
        Screenshots.save(robot, scene, "settings-dark");

        // when the OS changes, the user's choice holds
        onFx(() -> { os.set(ColorScheme.LIGHT); return null; });
        assertThat(onFx(() -> themes.themeProperty().get())).isEqualTo(Theme.DARK);

        // when
        robot.clickOn("#themeSystem");
        onFx(() -> { os.set(ColorScheme.DARK); return null; });

        // then
        assertThat(onFx(() -> themes.followsSystem())).isTrue();
        assertThat(onFx(() -> themes.themeProperty().get())).isEqualTo(Theme.DARK);
    }

    @Test
    void forgetting_a_server_forgets_its_fingerprint_on_disk(FxRobot robot) {
        // when
        robot.clickOn("https://drover-a.example:8443  ·  alice");
        robot.clickOn("#forgetServer");

        // then
        assertThat(ConsoleSettings.load(configDirectory).servers()).extracting(RememberedServer::url)
                .containsExactly("https://drover-b.example:8443");
        assertThat(ConsoleSettings.load(configDirectory).server("https://drover-a.example:8443")).isEmpty();
    }
}
