package dev.drover.app.palette;

import static dev.drover.app.FakeManagementApi.cluster;
import static dev.drover.app.FxQueries.isShowing;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.ShellFixture;
import dev.drover.app.Screenshots;
import dev.drover.app.shell.Section;
import dev.drover.engine.api.ClusterKind;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PaletteViewTest {

    private ShellFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new ShellFixture(stage, new FakeManagementApi()
                .with(cluster("c-1", "prod-eu-west", ClusterKind.IMPORTED, "Active", "v1.31.2", 1))
                .with(cluster("c-2", "staging", ClusterKind.RKE, "Pending", "", 2)), 1100, 700);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void ctrl_k_then_a_fuzzy_name_and_enter_jumps_to_a_view(FxRobot robot) throws Exception {
        // given
        Node palette = robot.lookup(".palette").query();
        assertThat(isShowing(palette)).isFalse();

        // when
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write("wkld");

        // then
        assertThat(isShowing(palette)).isTrue();
        assertThat(onFx(() -> fixture.console.paletteModel.results().getFirst().title())).isEqualTo("Workloads");
        Screenshots.save(robot, fixture.scene, "palette");

        // when
        robot.type(KeyCode.ENTER);

        // then
        assertThat(isShowing(palette)).isFalse();
        assertThat(onFx(() -> fixture.shellModelSection())).isEqualTo(Section.WORKLOADS);
    }

    @Test
    void jumps_to_a_cluster_and_esc_closes(FxRobot robot) {
        // given the clusters have arrived
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> fixture.clusters.clusters().size()) == 2);
        robot.clickOn("#nav-users");

        // when
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write("pew");
        robot.type(KeyCode.ENTER);

        // then
        assertThat(onFx(() -> fixture.shellModelSection())).isEqualTo(Section.CLUSTERS);
        assertThat(onFx(() -> fixture.clusters.selectedProperty().get())).isEqualTo("c-1");

        // when
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.type(KeyCode.ESCAPE);

        // then
        assertThat(isShowing(robot.lookup(".palette").query())).isFalse();
    }
}
