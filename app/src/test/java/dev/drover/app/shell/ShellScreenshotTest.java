package dev.drover.app.shell;

import static dev.drover.app.FakeManagementApi.cluster;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.ShellFixture;
import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Renders the shell headless, saves what a person would see, and checks it is a real picture. */
@ExtendWith(ApplicationExtension.class)
class ShellScreenshotTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private ShellFixture fixture;

    @Start
    void start(Stage stage) {
        FakeManagementApi api = new FakeManagementApi()
                .with(cluster("c-7xk2p", "prod-eu-west", ClusterKind.IMPORTED, "Active", "v1.31.2", 4))
                .with(cluster("c-q81ma", "staging", ClusterKind.RKE, "Pending", "", 9))
                .with(cluster("c-z0b4t", "edge-lab", ClusterKind.DIRECT, "Unavailable", "v1.30.5", 12));
        fixture = new ShellFixture(stage, api, 1200, 760);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void saves_a_screenshot_of_the_shell_in_both_themes(FxRobot robot) throws Exception {
        // given the clusters have arrived
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> fixture.clusters.clusters().size()) == 3);
        robot.interact(() -> { });

        // when
        WritableImage light = onFx(() -> fixture.scene.snapshot(null));
        robot.clickOn("#themeToggle");
        WritableImage dark = onFx(() -> fixture.scene.snapshot(null));
        Path lightFile = Snapshots.writePng(light, SCREENSHOTS.resolve("shell.png"));
        Path darkFile = Snapshots.writePng(dark, SCREENSHOTS.resolve("shell-dark.png"));

        // then
        assertThat(Files.size(lightFile)).isGreaterThan(10_000);
        assertThat(Files.size(darkFile)).isGreaterThan(10_000);
        Snapshots.assertNotBlank(light);
        Snapshots.assertNotBlank(dark);
        assertThat(Snapshots.averageLuminance(dark)).isLessThan(Snapshots.averageLuminance(light));
    }

    @Test
    void saves_the_empty_states(FxRobot robot) throws Exception {
        // given every cluster has gone
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> fixture.clusters.clusters().size()) == 3);
        Thread.ofPlatform().start(() -> fixture.api.listClusters().join()
                .forEach(cluster -> fixture.api.emit(ApiEvent.Type.DELETED, cluster))).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> fixture.clusters.clusters().isEmpty()));
        robot.interact(() -> { });

        // when
        WritableImage noClusters = onFx(() -> fixture.scene.snapshot(null));
        robot.clickOn("#nav-projects");
        WritableImage projects = onFx(() -> fixture.scene.snapshot(null));
        Snapshots.writePng(noClusters, SCREENSHOTS.resolve("shell-no-clusters.png"));
        Snapshots.writePng(projects, SCREENSHOTS.resolve("shell-projects.png"));

        // then
        Snapshots.assertNotBlank(noClusters);
        Snapshots.assertNotBlank(projects);
    }

    @Test
    void a_blank_picture_fails_the_check() {
        // given
        WritableImage blank = new WritableImage(400, 300);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                blank.getPixelWriter().setColor(x, y, x < 200 ? Color.WHITE : Color.LIGHTGRAY);
            }
        }

        // when / then
        assertThatThrownBy(() -> Snapshots.assertNotBlank(blank)).isInstanceOf(AssertionError.class);
    }
}
