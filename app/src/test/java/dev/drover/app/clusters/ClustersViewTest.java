package dev.drover.app.clusters;

import static dev.drover.app.FakeManagementApi.cluster;
import static dev.drover.app.FxQueries.isShowing;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ClusterKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ClustersViewTest {

    private final FakeManagementApi api = new FakeManagementApi();
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private ClustersViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new ClustersViewModel(api, threads);
        scene = new Scene(new ClustersView(viewModel, new AddClusterViewModel(api, threads),
                new ClusterDetailViewModel(api, threads, viewModel)).root(), 1000, 600);
        stage.setScene(scene);
        stage.show();
        viewModel.start();
    }

    @AfterEach
    void close() {
        viewModel.close();
        threads.close();
    }

    @Test
    void shows_an_empty_state_when_there_are_no_clusters(FxRobot robot) {
        // when
        Node emptyState = robot.lookup("#emptyState").query();

        // then
        assertThat(isShowing(emptyState)).isTrue();
        assertThat(robot.from(emptyState).lookup("No clusters yet").tryQuery()).isPresent();
        assertThat(robot.lookup(".page-count").queryLabeled().getText()).isEqualTo("0 clusters");
    }

    @Test
    void table_follows_events_from_an_engine_thread(FxRobot robot) throws InterruptedException {
        // given
        TableView<ClusterRow> table = robot.lookup("#table").queryTableView();
        Node emptyState = robot.lookup("#emptyState").query();

        // when
        Thread engine = Thread.ofPlatform().name("fake-engine").start(() -> {
            api.emit(ApiEvent.Type.ADDED, cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Pending", "", 1));
            api.emit(ApiEvent.Type.ADDED, cluster("c-2", "staging", ClusterKind.RKE, "Pending", "", 2));
            api.emit(ApiEvent.Type.MODIFIED, cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Active", "v1.31.2", 3));
            api.emit(ApiEvent.Type.ADDED, cluster("c-3", "edge-lab", ClusterKind.DIRECT, "Unavailable", "v1.30.0", 4));
            api.emit(ApiEvent.Type.DELETED, cluster("c-2", "staging", ClusterKind.RKE, "Pending", "", 5));
        });
        engine.join();

        // then rows are sorted by name
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(onFx(() -> List.copyOf(table.getItems())))
                .containsExactly(
                        new ClusterRow("c-3", "edge-lab", "Direct", "Unavailable", "v1.30.0", 4),
                        new ClusterRow("c-1", "prod-eu", "Imported", "Active", "v1.31.2", 3)));
        assertThat(isShowing(emptyState)).isFalse();
        assertThat(robot.lookup(".page-count").queryLabeled().getText()).isEqualTo("2 clusters");
        // Cells are filled on the next layout pulse, after the list changed.
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".cluster-state.state-active").tryQuery().isPresent());
        assertThat(robot.lookup(".cluster-state.state-active").queryLabeled().getText()).isEqualTo("Active");

        // when the last ones go
        Thread.ofPlatform().start(() -> {
            api.emit(ApiEvent.Type.DELETED, cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Active", "v1.31.2", 6));
            api.emit(ApiEvent.Type.DELETED, cluster("c-3", "edge-lab", ClusterKind.DIRECT, "Unavailable", "v1.30.0", 7));
        }).join();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> isShowing(emptyState));
        assertThat(onFx(() -> table.getItems().isEmpty())).isTrue();
    }

    @Test
    void a_burst_of_events_lands_in_few_table_updates(FxRobot robot) throws InterruptedException {
        // given
        TableView<ClusterRow> table = robot.lookup("#table").queryTableView();
        int[] updates = new int[1];
        onFx(() -> {
            viewModel.clusters().addListener((ListChangeListener<ClusterRow>) change -> updates[0]++);
            return null;
        });

        // when
        Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1_000; i++) {
                api.emit(ApiEvent.Type.ADDED, cluster("c-" + i, "cluster-" + i, ClusterKind.IMPORTED, "Pending", "", i + 1));
            }
        }).join();

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> table.getItems().size()) == 1_000);
        assertThat(onFx(() -> updates[0])).as("list changes for 1,000 events").isLessThanOrEqualTo(20);
    }

    @Test
    void adding_an_imported_cluster_shows_its_kubectl_command(FxRobot robot) throws Exception {
        // when
        robot.clickOn("#addCluster");
        robot.clickOn("#clusterName").write("edge-lab");
        robot.clickOn("#createCluster");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> isShowing(robot.lookup("#command").query()));
        String command = robot.lookup("#command").queryTextInputControl().getText();
        assertThat(command).startsWith("kubectl apply -f https://drover.test/v3/import/");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.clusters().size()) == 1);
        dev.drover.app.Screenshots.save(robot, scene, "clusters-import");

        // when
        robot.clickOn("#copyCommand");

        // then
        assertThat(onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())).isEqualTo(command);
    }

    @Test
    void a_nameless_cluster_is_refused_with_one_sentence(FxRobot robot) {
        // when
        robot.clickOn("#addCluster");
        robot.clickOn("#createCluster");

        // then
        assertThat(robot.lookup("#addError").queryLabeled().getText()).isEqualTo("Name: enter a name for the cluster.");
        assertThat(onFx(() -> viewModel.clusters().size())).isZero();
    }

    @Test
    void the_filter_narrows_the_table(FxRobot robot) throws InterruptedException {
        // given
        TableView<ClusterRow> table = robot.lookup("#table").queryTableView();
        Thread.ofPlatform().start(() -> {
            api.emit(ApiEvent.Type.ADDED, cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Active", "v1.31.2", 1));
            api.emit(ApiEvent.Type.ADDED, cluster("c-2", "staging", ClusterKind.RKE, "Pending", "", 2));
        }).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> table.getItems().size()) == 2);

        // when
        robot.clickOn("#filter").write("stag");

        // then
        assertThat(onFx(() -> table.getItems().stream().map(ClusterRow::name).toList())).containsExactly("staging");
    }

    @Test
    void the_selected_cluster_is_detailed_and_removed_after_confirmation(FxRobot robot) throws Exception {
        // given
        Thread.ofPlatform().start(() -> api.emit(ApiEvent.Type.ADDED,
                cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Active", "v1.31.2", 1))).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.clusters().size()) == 1);

        // when
        robot.clickOn("prod-eu");

        // then
        assertThat(robot.lookup("#detailId").queryLabeled().getText()).isEqualTo("c-1");
        assertThat(robot.lookup("#detailVersion").queryLabeled().getText()).isEqualTo("v1.31.2");
        dev.drover.app.Screenshots.save(robot, scene, "clusters-detail");

        // when
        robot.clickOn("#deleteCluster");
        robot.clickOn("Remove");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.clusters().isEmpty()));
        assertThat(isShowing(robot.lookup("#nothingSelected").query())).isTrue();
    }
}
