package dev.drover.app.workloads;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WorkloadsViewTest {

    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private WorkloadsViewModel viewModel;
    private Scene scene;

    static WorkloadRow deployment(String namespace, String name, int desired, int ready, String status) {
        return new WorkloadRow("c-1/Deployment/" + namespace + "/" + name, "c-1", "Deployment", namespace, name, desired, ready,
                status, "", "");
    }

    static WorkloadRow pod(String namespace, String name, String owner, String status, String node) {
        return new WorkloadRow("c-1/Pod/" + namespace + "/" + name, "c-1", "Pod", namespace, name, 1,
                "Running".equals(status) ? 1 : 0, status, node, owner);
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new WorkloadsViewModel(threads);
        scene = new Scene(new WorkloadsView(viewModel).root(), 1100, 640);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        viewModel.close();
        threads.close();
    }

    private void feed(WorkloadRow... rows) throws InterruptedException {
        Thread.ofPlatform().start(() -> {
            for (WorkloadRow row : rows) {
                viewModel.post(new WorkloadsViewModel.Change(row, false));
            }
        }).join();
    }

    @Test
    void workloads_and_their_pods_follow_changes_from_an_engine_thread(FxRobot robot) throws Exception {
        // given
        TableView<WorkloadRow> workloads = robot.lookup("#workloadTable").queryTableView();
        feed(deployment("shop", "web", 3, 3, "Available"), deployment("shop", "cart", 2, 1, "Progressing"),
                deployment("billing", "ledger", 1, 0, "Failed"),
                pod("shop", "web-7d9f-abcde", "Deployment/web", "Running", "node-1"),
                pod("shop", "web-7d9f-fghij", "Deployment/web", "Pending", "node-2"),
                pod("shop", "cart-55c4-klmno", "Deployment/cart", "Running", "node-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> workloads.getItems().size()) == 3);
        assertThat(onFx(() -> workloads.getItems().stream().map(WorkloadRow::name).toList())).containsExactly("cart", "ledger", "web");
        assertThat(robot.lookup("#count").queryLabeled().getText()).isEqualTo("3 workloads · 3 pods");
        Screenshots.save(robot, scene, "workloads");

        // when the user asks for the pods of "web"
        robot.clickOn("web");
        robot.clickOn("#showPods");

        // then
        TableView<WorkloadRow> pods = robot.lookup("#podTable").queryTableView();
        assertThat(onFx(() -> pods.getItems().stream().map(WorkloadRow::name).toList()))
                .containsExactly("web-7d9f-abcde", "web-7d9f-fghij");

        // when a pod changes in place
        feed(pod("shop", "web-7d9f-fghij", "Deployment/web", "Running", "node-2"));

        // then its visible cell shows the new status
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.from(pods).lookup(".status-cell.status-busy").tryQuery().isEmpty());
        assertThat(robot.from(pods).lookup(".status-cell.status-good").queryAll()).hasSize(2);
        Screenshots.save(robot, scene, "workloads-pods");
    }

    @Test
    void slash_focuses_the_filter_and_typing_narrows_both_tables(FxRobot robot) throws Exception {
        // given
        List<WorkloadRow> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(deployment("team-" + i % 7, "app-" + i, 1, 1, "Available"));
        }
        feed(rows.toArray(WorkloadRow[]::new));
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.workloads().size()) == 500);

        // when (the shell turns "/" into focusing .page-filter; here the filter is clicked)
        robot.clickOn("#filter").write("app-42");

        // then
        assertThat(onFx(() -> viewModel.workloads().stream().map(WorkloadRow::name).sorted().toList()))
                .containsExactly("app-42", "app-420", "app-421", "app-422", "app-423", "app-424", "app-425", "app-426",
                        "app-427", "app-428", "app-429");

        // when
        robot.eraseText(1);

        // then
        assertThat(onFx(() -> viewModel.workloads().size())).isEqualTo(111);
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void sorting_a_column_sorts_every_row(FxRobot robot) throws Exception {
        // given
        feed(deployment("a", "one", 3, 1, "Progressing"), deployment("b", "two", 3, 3, "Available"),
                deployment("c", "three", 3, 2, "Progressing"));
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.workloads().size()) == 3);

        // when
        robot.clickOn("#workloadTable .column-header .label", javafx.scene.input.MouseButton.PRIMARY);
        robot.clickOn("Ready");

        // then
        assertThat(onFx(() -> viewModel.workloads().stream().map(WorkloadRow::name).toList())).containsExactly("one", "three", "two");
    }

    @Test
    void the_scope_box_shows_one_cluster_and_esc_leaves_the_pods_of_a_workload(FxRobot robot) throws Exception {
        // given
        feed(deployment("shop", "web", 1, 1, "Available"),
                new WorkloadRow("c-2/Deployment/ops/metrics", "c-2", "Deployment", "ops", "metrics", 1, 1, "Available", "", ""),
                pod("shop", "web-1", "Deployment/web", "Running", "node-1"));
        onFx(() -> {
            viewModel.setClusters(List.of(new WorkloadsViewModel.Scope("c-1", "prod-eu"), new WorkloadsViewModel.Scope("c-2", "edge")));
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.workloads().size()) == 2);

        // when
        robot.clickOn("#scope").clickOn("edge");

        // then
        assertThat(onFx(() -> viewModel.workloads().stream().map(WorkloadRow::name).toList())).containsExactly("metrics");

        // when the user looks at the pods of a workload, then presses Esc
        robot.clickOn("#scope").clickOn("All clusters");
        robot.clickOn("web").clickOn("#showPods");
        assertThat(onFx(() -> viewModel.ownerProperty().get())).isEqualTo("Deployment/web");
        robot.type(KeyCode.ESCAPE);

        // then
        assertThat(onFx(() -> viewModel.ownerProperty().get())).isEmpty();
        assertThat(onFx(() -> viewModel.pods().size())).isEqualTo(1);
    }
}
