package dev.drover.app.workloads;

import static dev.drover.app.FakeWorkloads.deployment;
import static dev.drover.app.FakeWorkloads.pod;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.WorkloadRef;
import dev.drover.engine.api.WorkloadType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WorkloadActionsViewTest {

    private static final WorkloadRef WEB = new WorkloadRef("c-1", WorkloadType.DEPLOYMENT, "shop", "web");

    private final FakeManagementApi api = new FakeManagementApi();
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private WorkloadsViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        api.workloads.with(deployment("c-1", "shop", "web", 3, 3, "Available"), deployment("c-1", "shop", "cart", 2, 2, "Available"),
                pod("c-1", "shop", "web-7d9f-abcde", "Deployment/web", "Running", "node-1"),
                pod("c-1", "shop", "web-7d9f-fghij", "Deployment/web", "Running", "node-2"));
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new WorkloadsViewModel(threads, api);
        scene = new Scene(new WorkloadsView(viewModel, new WorkloadActionsViewModel(api, threads)).root(), 1100, 640);
        stage.setScene(scene);
        stage.show();
        viewModel.setClusters(List.of(new WorkloadsViewModel.Scope("c-1", "prod-eu")));
    }

    @AfterEach
    void close() {
        viewModel.close();
        threads.close();
    }

    private void awaitWorkloads(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.workloads().size()) == count);
    }

    private WorkloadRow row(String name) {
        return onFx(() -> viewModel.workloads().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    @Test
    void scale_redeploy_and_delete_act_on_the_selected_workload(FxRobot robot) throws Exception {
        // given the watch filled the table (pods are not streamed)
        awaitWorkloads(2);
        assertThat(onFx(() -> viewModel.pods().size())).isZero();

        // when the user scales web to 5
        robot.clickOn("web");
        robot.clickOn("#scaleWorkload");
        Spinner<Integer> replicas = robot.lookup("#replicas").query();
        assertThat(onFx(replicas::getValue)).isEqualTo(3);
        robot.interact(() -> replicas.getEditor().setText("5"));
        robot.clickOn("Scale");

        // then the engine was asked, and the table follows its watch
        await().atMost(Duration.ofSeconds(5)).until(() -> row("web").desired() == 5);
        assertThat(api.workloads.actions).containsExactly("scale shop/web 5");
        assertThat(robot.lookup("#actionNotice").queryLabeled().getText()).isEqualTo("Scaling web to 5 replicas.");

        // when
        robot.clickOn("#redeployWorkload");

        // then
        assertThat(api.workloads.actions).endsWith("redeploy shop/web");
        Screenshots.save(robot, scene, "workloads-actions");

        // when the user deletes cart, first cancelling
        robot.clickOn("cart");
        robot.clickOn("#deleteWorkload");
        assertThat(robot.lookup("Delete Deployment shop/cart?").tryQuery()).isPresent();
        Screenshots.save(robot, robot.lookup(".dialog-pane").query().getScene(), "workload-delete-confirm");
        robot.clickOn("Cancel");
        assertThat(api.workloads.actions).doesNotContain("delete shop/cart");
        robot.clickOn("#deleteWorkload");
        robot.clickOn("Delete");

        // then
        awaitWorkloads(1);
        assertThat(api.workloads.actions).endsWith("delete shop/cart");
    }

    @Test
    void yaml_edits_that_fail_keep_the_users_text_and_say_why(FxRobot robot) throws Exception {
        // given
        awaitWorkloads(2);
        robot.clickOn("web");

        // when
        robot.clickOn("#editWorkloadYaml");

        // then the stored YAML is shown in a monospace editor
        TextArea editor = robot.lookup(".yaml-editor").query();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(editor::getText).contains("name: web"));
        assertThat(editor.getStyleClass()).contains("monospace");

        // when the user's edit is not valid YAML
        String bad = onFx(editor::getText).replace("  replicas: 3", "\treplicas: 4");
        robot.interact(() -> editor.setText(bad));
        robot.clickOn(".yaml-view #apply");

        // then the error says where, and the text is kept
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".yaml-view #error").queryLabeled().isVisible());
        assertThat(robot.lookup(".yaml-view #error").queryLabeled().getText()).isEqualTo("The YAML is not valid: line 7 is indented with a tab.");
        assertThat(onFx(() -> editor.getText())).isEqualTo(bad);
        Screenshots.save(robot, editor.getScene(), "workload-yaml-invalid");

        // when someone else changed it meanwhile
        String good = bad.replace("\treplicas: 4", "  replicas: 4");
        robot.interact(() -> editor.setText(good));
        api.workloads.conflictOnNextApply();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.S)
                .release(javafx.scene.input.KeyCode.S, javafx.scene.input.KeyCode.CONTROL);

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".yaml-view #error").queryLabeled().getText().contains("changed by someone else"));
        assertThat(robot.lookup(".yaml-view #error").queryLabeled().getText()).contains("Your text is kept");
        assertThat(onFx(() -> editor.getText())).isEqualTo(good);

        // when applied again
        robot.clickOn(".yaml-view #apply");

        // then the engine has it
        await().atMost(Duration.ofSeconds(5)).until(() -> api.workloads.yamlOf(WEB).contains("replicas: 4"));
        assertThat(robot.lookup(".yaml-view #notice").queryLabeled().getText()).isEqualTo("Applied.");
        assertThat(robot.lookup(".yaml-view #error").queryLabeled().isVisible()).isFalse();
        Screenshots.save(robot, editor.getScene(), "workload-yaml");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(onFx(() -> Window.getWindows().stream().filter(Window::isShowing).count())).isEqualTo(1);
    }

    @Test
    void pods_of_a_workload_are_listed_and_a_pods_log_follows_pauses_and_stops_on_close(FxRobot robot) throws Exception {
        // given
        awaitWorkloads(2);
        robot.clickOn("web").clickOn("#showPods");

        // then the pods were listed from the engine
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.pods().size()) == 2);

        // when the user opens the log of one
        robot.clickOn("web-7d9f-abcde");
        robot.clickOn("#podLogs");
        await().atMost(Duration.ofSeconds(5)).until(() -> api.workloads.openFollows("web-7d9f-abcde") == 1);
        Thread.ofPlatform().start(() -> {
            for (int i = 1; i <= 40; i++) {
                api.workloads.log("web-7d9f-abcde", "2026-11-23T16:00:" + String.format("%02d", i) + "Z GET /healthz 200 " + i + "ms");
            }
        }).join();

        // then
        ListView<String> lines = robot.lookup(".log-lines").queryListView();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> lines.getItems().size()) == 40);
        Screenshots.save(robot, lines.getScene(), "pod-logs");

        // when paused, lines are held back until resumed
        robot.clickOn("Pause");
        Thread.ofPlatform().start(() -> api.workloads.log("web-7d9f-abcde", "held line")).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".log-view #status").queryLabeled().getText().contains("1 new line held"));
        assertThat(onFx(() -> lines.getItems().size())).isEqualTo(40);
        robot.clickOn("Resume");
        assertThat(onFx(() -> lines.getItems().getLast())).isEqualTo("held line");

        // when the window closes
        robot.type(javafx.scene.input.KeyCode.ESCAPE);

        // then the follow is closed
        await().atMost(Duration.ofSeconds(5)).until(() -> api.workloads.openFollows("web-7d9f-abcde") == 0);
    }

    @Test
    void an_engine_without_the_workload_watch_says_so_and_closes_its_watches(FxRobot robot) {
        // given an engine that predates watchWorkloads (the interface's default answer)
        dev.drover.engine.api.ManagementApi bare = new dev.drover.engine.api.ManagementApi() {
            public dev.drover.engine.api.EngineInfo info() {
                return api.info();
            }

            public java.util.concurrent.CompletableFuture<List<dev.drover.engine.api.ClusterSummary>> listClusters() {
                return api.listClusters();
            }

            public java.util.concurrent.CompletableFuture<dev.drover.engine.api.ClusterSummary> createCluster(dev.drover.engine.api.NewCluster r) {
                return api.createCluster(r);
            }

            public java.util.concurrent.CompletableFuture<dev.drover.engine.api.ClusterImport> importCluster(String id) {
                return api.importCluster(id);
            }

            public java.util.concurrent.CompletableFuture<Void> deleteCluster(String id) {
                return api.deleteCluster(id);
            }

            public dev.drover.engine.api.Subscription watchClusters(
                    java.util.function.Consumer<dev.drover.engine.api.ApiEvent<dev.drover.engine.api.ClusterSummary>> listener) {
                return api.watchClusters(listener);
            }

            public void close() {
            }
        };
        WorkloadsViewModel old = onFx(() -> new WorkloadsViewModel(threads, bare));

        // when
        robot.interact(() -> old.setClusters(List.of(new WorkloadsViewModel.Scope("c-1", "prod-eu"))));

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> !onFx(() -> old.errorProperty().get()).isEmpty());
        assertThat(onFx(() -> old.errorProperty().get())).startsWith("Workloads of prod-eu cannot be shown: This engine does not offer");

        // and the working view's watch is closed with it
        awaitWorkloads(2);
        assertThat(api.workloads.watchCount()).isEqualTo(1);
        robot.interact(() -> viewModel.setClusters(List.of()));
        assertThat(api.workloads.watchCount()).isZero();
        robot.interact(old::close);
    }
}
