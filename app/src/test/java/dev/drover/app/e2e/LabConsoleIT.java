package dev.drover.app.e2e;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.ConsoleWiring;
import dev.drover.app.Screenshots;
import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.app.fx.ThemeSwitcher;
import dev.drover.app.palette.PaletteEntry;
import dev.drover.engine.api.LocalManagementApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console wired as the app wires it, on the real in-process engine (SQLite store, reconcilers):
 * a cluster added through the panel is stored by the engine, comes back through its watch into the
 * table, and can be reached from the command palette.
 */
@ExtendWith(ApplicationExtension.class)
class LabConsoleIT {

    @TempDir
    static Path dataDirectory;

    private LocalManagementApi engine;
    private FxThreads threads;
    private ConsoleWiring console;
    private Scene scene;

    @Start
    void start(Stage stage) {
        engine = LocalManagementApi.openLab(dataDirectory);
        threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(),
                Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
        ThemeSwitcher themes = new ThemeSwitcher(new SimpleObjectProperty<>(ColorScheme.DARK), Application::setUserAgentStylesheet);
        console = new ConsoleWiring(engine, threads, themes);
        scene = new Scene(console.shell.root(), 1200, 760);
        stage.setScene(scene);
        stage.show();
        console.start();
    }

    @AfterEach
    void close() {
        console.close();
        threads.close();
        engine.close();
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
    }

    @Test
    void a_cluster_added_in_the_panel_comes_back_through_the_engine_watch(FxRobot robot) throws Exception {
        // when
        robot.clickOn("#addCluster");
        robot.clickOn("#clusterName").write("edge-direct");
        robot.clickOn("#kind").clickOn("Direct — reach its API endpoint");
        robot.clickOn("#endpoint").write("https://127.0.0.1:1");
        robot.clickOn("#createCluster");

        // then
        TableView<ClusterRow> table = robot.lookup("#table").queryTableView();
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> table.getItems().stream().map(ClusterRow::name).toList())
                .contains("edge-direct"));
        assertThat(onFx(() -> table.getItems().getFirst().kind())).isEqualTo("Direct");
        Screenshots.save(robot, scene, "lab-console-dark");

        // when the user jumps to it from another page
        robot.clickOn("#nav-workloads");
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write("edge");

        // then
        assertThat(onFx(() -> console.paletteModel.results().stream().map(PaletteEntry::title).toList())).contains("edge-direct");
        robot.type(KeyCode.ENTER);
        String id = onFx(() -> table.getItems().getFirst().id());
        assertThat(onFx(() -> console.clusters.selectedProperty().get())).isEqualTo(id);
        assertThat(robot.lookup("#detailName").queryLabeled().getText()).isEqualTo("edge-direct");
    }
}
