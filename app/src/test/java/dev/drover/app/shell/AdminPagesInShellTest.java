package dev.drover.app.shell;

import static dev.drover.app.FakeManagementApi.cluster;
import static dev.drover.app.FxQueries.isShowing;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.ShellFixture;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.NodePoolSummary;
import dev.drover.engine.api.ProjectSummary;
import dev.drover.engine.api.UserSummary;
import java.time.Duration;
import java.util.List;
import javafx.application.ColorScheme;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The administration pages as the console wires them: reached from the palette, reading the engine when shown. */
@ExtendWith(ApplicationExtension.class)
class AdminPagesInShellTest {

    private ShellFixture fixture;

    @Start
    void start(Stage stage) {
        FakeManagementApi api = new FakeManagementApi().with(cluster("c-1", "prod-eu", ClusterKind.RKE, "Active", "v1.31.2", 1));
        api.admin.user(new UserSummary("alice", "Alice Martin", "local", true, true))
                .project(new ProjectSummary("c-1", "p-1", "Default", null))
                .pool(new NodePoolSummary("c-1", "np-1", "nt-1", "prod-eu-worker", List.of("worker"), 2, List.of()));
        fixture = new ShellFixture(stage, api, 1200, 720);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void jump(FxRobot robot, String typed) {
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write(typed);
        robot.type(KeyCode.ENTER);
    }

    @Test
    void each_page_is_one_palette_jump_away_and_reads_the_engine_when_shown(FxRobot robot) throws Exception {
        // when
        jump(robot, "users");

        // then
        assertThat(fixture.shellModelSection()).isEqualTo(Section.USERS);
        TableView<?> users = robot.lookup(".users-view #users").queryTableView();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> users.getItems().size()) == 1);

        // when
        jump(robot, "node pools");

        // then
        assertThat(fixture.shellModelSection()).isEqualTo(Section.NODE_POOLS);
        TableView<?> pools = robot.lookup(".node-pools-view #pools").queryTableView();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> pools.getItems().size()) == 1);

        // when
        jump(robot, "kubecon");

        // then
        assertThat(isShowing(robot.lookup(".kubeconfig-view").query())).isTrue();

        // when the projects page is shown in the dark theme
        robot.interact(() -> fixture.osScheme.set(ColorScheme.DARK));
        jump(robot, "projects");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".projects-view .project-name").tryQuery().isPresent());
        Screenshots.save(robot, fixture.scene, "shell-projects-dark");
    }
}
