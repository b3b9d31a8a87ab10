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

    @Test
    void a_cluster_yml_named_on_the_command_line_opens_in_the_wizards_review_step(@TempDir Path dir) throws Exception {
        // given: the sample cluster.yml under a name a file manager would pass
        String text = java.nio.file.Files.readString(Path.of("../resources/samples/cluster.yml"));
        Path file = java.nio.file.Files.writeString(dir.resolve("prod.rkecluster.yml"), text);
        FxToolkit.registerPrimaryStage();

        // when
        Application console = FxToolkit.setupApplication(ConsoleApp.class, "console", "--data-dir", dir.resolve("data").toString(), file.toString());

        // then: the wizard opens beside the console on its review step with the file's text, checked by the engine
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> wizard().isPresent());
            javafx.scene.Parent wizard = onFx(() -> wizard().orElseThrow().getScene().getRoot());
            javafx.scene.control.TextArea yaml = onFx(() -> (javafx.scene.control.TextArea) wizard.lookup("#yaml"));
            assertThat(onFx(() -> yaml.getText())).isEqualTo(text);
            assertThat(onFx(() -> ((javafx.scene.control.Button) wizard.lookup("#nextButton")).getText())).isEqualTo("Provision");
            javafx.scene.control.Label status = onFx(() -> (javafx.scene.control.Label) wizard.lookup("#status"));
            await().atMost(Duration.ofSeconds(10)).until(() -> onFx(status::getText).equals("cluster.yml is valid."));
        } finally {
            onFx(() -> {
                wizard().ifPresent(javafx.stage.Window::hide);
                return null;
            });
            FxToolkit.cleanupApplication(console);
        }
    }

    @Test
    void a_missing_file_is_one_sentence_in_the_window_and_the_console_stays(@TempDir Path dir) throws Exception {
        // given
        Path missing = dir.resolve("gone.yml");
        FxToolkit.registerPrimaryStage();

        // when
        Application console = FxToolkit.setupApplication(ConsoleApp.class, "console", "--data-dir", dir.resolve("data").toString(), missing.toString());

        // then
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> notOpened().isPresent());
            assertThat(onFx(() -> notOpened().orElseThrow().getContentText())).isEqualTo("Cannot open " + missing + ": there is no such file.");
            assertThat(robot.lookup("#engineStatus").tryQuery()).isPresent();
        } finally {
            onFx(() -> {
                notOpened().ifPresent(pane -> pane.getScene().getWindow().hide());
                return null;
            });
            FxToolkit.cleanupApplication(console);
        }
    }

    private static java.util.Optional<javafx.stage.Stage> wizard() {
        return onFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.stage.Stage s && "Create RKE cluster — Drover".equals(s.getTitle()) && s.isShowing())
                .map(javafx.stage.Stage.class::cast).findFirst());
    }

    private static java.util.Optional<javafx.scene.control.DialogPane> notOpened() {
        return onFx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .map(w -> (javafx.scene.control.DialogPane) w.getScene().getRoot())
                .filter(pane -> "Drover cannot open the file".equals(pane.getHeaderText())).findFirst());
    }
}
