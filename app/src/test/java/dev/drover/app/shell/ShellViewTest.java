package dev.drover.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.drover.app.FxQueries.onFx;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.ShellFixture;
import dev.drover.app.fx.Theme;
import java.util.Arrays;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ShellViewTest {

    private ShellFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new ShellFixture(stage, new FakeManagementApi(), 1100, 700);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void sidebar_lists_all_seven_sections(FxRobot robot) {
        // when
        List<String> entries = onFx(() -> robot.lookup("#sidebar .list-cell").queryAllAs(ListCell.class).stream()
                .map(Labeled::getText).filter(text -> text != null && !text.isEmpty()).toList());

        // then
        assertThat(entries).containsExactly("Clusters", "Projects", "Node pools", "Workloads", "Users", "Kubeconfig", "Settings");
    }

    @Test
    void clicking_an_entry_shows_its_page(FxRobot robot) {
        // given
        StackPane content = robot.lookup("#content").queryAs(StackPane.class);
        assertThat(onFx(() -> content.getChildren())).containsExactly(fixture.pages.get(Section.CLUSTERS));

        for (Section section : reversed(Section.values())) {
            // when
            robot.clickOn("#nav-" + section.slug());

            // then
            assertThat(onFx(() -> List.copyOf(content.getChildren())))
                    .as("content after clicking %s", section.title())
                    .containsExactly(fixture.pages.get(section));
        }
    }

    @Test
    void ctrl_and_a_digit_switch_sections(FxRobot robot) {
        // given
        StackPane content = robot.lookup("#content").queryAs(StackPane.class);
        robot.clickOn("#nav-clusters");

        // when
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);

        // then
        assertThat(onFx(() -> List.copyOf(content.getChildren()))).containsExactly(fixture.pages.get(Section.NODE_POOLS));
    }

    @Test
    void status_bar_says_where_the_engine_keeps_its_state(FxRobot robot) {
        // when
        String status = robot.lookup("#engineStatus").queryLabeled().getText();
        String version = robot.lookup("#engineVersion").queryLabeled().getText();

        // then
        assertThat(status).isEqualTo("Lab · in-process · /tmp/drover-test/drover.db");
        assertThat(version).isEqualTo("Drover 0.1.0-test");
    }

    @Test
    void theme_toggle_switches_the_stylesheet(FxRobot robot) {
        // given the OS prefers light
        assertThat(onFx(Application::getUserAgentStylesheet)).isEqualTo(Theme.LIGHT.userAgentStylesheet());

        // when
        robot.clickOn("#themeToggle");

        // then
        assertThat(onFx(Application::getUserAgentStylesheet)).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(robot.lookup("#themeToggle").queryLabeled().getText()).isEqualTo("Light theme");

        // when
        robot.clickOn("#themeToggle");

        // then
        assertThat(onFx(Application::getUserAgentStylesheet)).isEqualTo(Theme.LIGHT.userAgentStylesheet());
    }

    private static List<Section> reversed(Section[] sections) {
        // Backwards, so the first click already changes the page.
        return Arrays.asList(sections).reversed();
    }
}
