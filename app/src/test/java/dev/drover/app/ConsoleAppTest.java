package dev.drover.app;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.shell.StartupFailureDialog;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.EngineMode;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.NewCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The console as {@code Main console --data-dir DIR} starts it, on the real in-process engine. */
class ConsoleAppTest {

    private final FxRobot robot = new FxRobot();

    @Test
    void opens_the_lab_engine_shows_its_clusters_and_releases_it_on_exit(@TempDir Path dataDirectory) throws Exception {
        // given a store that already holds a cluster
        try (LocalManagementApi engine = LocalManagementApi.openLab(dataDirectory)) {
            engine.createCluster(new NewCluster("seeded", ClusterKind.IMPORTED, "")).join();
        }
        FxToolkit.registerPrimaryStage();

        // when
        Application console = FxToolkit.setupApplication(ConsoleApp.class, "console", "--data-dir", dataDirectory.toString());

        // then (the engine opens after the first frame)
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#engineStatus").tryQuery().isPresent());
        assertThat(robot.lookup("#engineStatus").queryLabeled().getText())
                .startsWith("Lab · in-process · ").contains(dataDirectory.toString());
        // the clusters page is attached to the shell a pulse after the status bar: wait for it, not a fixed time
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#table").tryQuery().isPresent());
        TableView<ClusterRow> table = robot.lookup("#table").queryTableView();
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(() -> table.getItems().stream().map(ClusterRow::name).toList())
                .equals(List.of("seeded")));

        // when
        FxToolkit.cleanupApplication(console);

        // then the data directory is free for the next console
        try (LocalManagementApi again = LocalManagementApi.openLab(dataDirectory)) {
            assertThat(again.info().mode()).isEqualTo(EngineMode.LAB);
        }
    }

    @Test
    void a_startup_failure_is_explained_without_a_stack_trace() {
        // given
        String message = "Data directory /srv/drover is in use by PID 4242: stop that Drover process or choose another data directory.";

        // when
        StartupFailureDialog dialog = onFx(() -> new StartupFailureDialog(message));

        // then
        assertThat(dialog.getHeaderText()).isEqualTo("Drover cannot start");
        assertThat(dialog.getContentText()).startsWith(message).contains("--data-dir").doesNotContain("Exception");
    }
}
