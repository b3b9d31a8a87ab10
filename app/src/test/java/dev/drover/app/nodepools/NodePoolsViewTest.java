package dev.drover.app.nodepools;

import static dev.drover.app.FakeManagementApi.cluster;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.clusters.ClustersViewModel;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.NodePoolSummary;
import dev.drover.engine.api.PoolNodeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class NodePoolsViewTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");

    private final FakeManagementApi api = new FakeManagementApi().with(cluster("c-9", "rke-lab", ClusterKind.RKE, "Active", "v1.31.2", 1));
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private ClustersViewModel clusters;
    private NodePoolsViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        api.admin.pool(new NodePoolSummary("c-9", "np-cp", "nt-small", "rke-lab-cp", List.of("controlplane", "etcd"), 1,
                        List.of(new PoolNodeStatus("rke-lab-cp1", "10.0.0.11", "active", null))))
                .pool(new NodePoolSummary("c-9", "np-workers", "nt-large", "rke-lab-worker", List.of("worker"), 3,
                        List.of(new PoolNodeStatus("rke-lab-worker1", "10.0.0.21", "active", null),
                                new PoolNodeStatus("rke-lab-worker2", "10.0.0.22", "active", null),
                                new PoolNodeStatus("rke-lab-worker3", "10.0.0.23", "unavailable", NOW.minus(Duration.ofMinutes(12))))));
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        clusters = new ClustersViewModel(api, threads);
        viewModel = new NodePoolsViewModel(api, threads, clusters.clusters(), Clock.fixed(NOW, ZoneOffset.UTC));
        scene = new Scene(new NodePoolsView(viewModel).root(), 1100, 640);
        stage.setScene(scene);
        stage.show();
        clusters.start();
    }

    @AfterEach
    void close() {
        clusters.close();
        threads.close();
    }

    private int quantityOf(String poolId) {
        return api.admin.pools().stream().filter(p -> p.id().equals(poolId)).findFirst().orElseThrow().quantity();
    }

    @Test
    void lists_pools_with_node_status_and_scales_them_up_and_down(FxRobot robot) throws Exception {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.pools().size()) == 2);
        assertThat(onFx(() -> viewModel.pools().stream().map(PoolRow::nodesText).toList()))
                .containsExactly("1 active", "2 active · 1 unhealthy");

        // when the workers pool is selected
        robot.clickOn("rke-lab-worker");

        // then its nodes show, the unhealthy one saying for how long
        assertThat(onFx(() -> viewModel.nodes().stream().map(PoolRow.NodeRow::unhealthy).toList()))
                .containsExactly("", "", "unhealthy for 12m");
        Screenshots.save(robot, scene, "node-pools");

        // when scaled up with the button, then down with the key
        robot.clickOn("#scaleUp");
        await().atMost(Duration.ofSeconds(5)).until(() -> quantityOf("np-workers") == 4);
        assertThat(robot.lookup("#notice").queryLabeled().getText()).isEqualTo("rke-lab-worker: 4 nodes wanted; the provisioner is on it.");
        robot.clickOn("rke-lab-worker");
        robot.type(KeyCode.MINUS);
        robot.type(KeyCode.MINUS);

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> quantityOf("np-workers") == 2);
        assertThat(onFx(() -> viewModel.selectedProperty().get().quantity())).isEqualTo(2);
        assertThat(quantityOf("np-cp")).isEqualTo(1);
    }

    @Test
    void a_pool_cannot_go_below_zero(FxRobot robot) {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.pools().size()) == 2);
        robot.clickOn("rke-lab-cp");

        // when
        robot.clickOn("#scaleDown");

        // then the last node can go, but no further
        await().atMost(Duration.ofSeconds(5)).until(() -> quantityOf("np-cp") == 0);
        assertThat(robot.lookup("#scaleDown").queryButton().isDisabled()).isTrue();
        onFx(() -> {
            viewModel.scale(viewModel.selectedProperty().get(), -1);
            return null;
        });
        assertThat(robot.lookup("#error").queryLabeled().getText()).isEqualTo("rke-lab-cp has no nodes left to remove.");
        assertThat(quantityOf("np-cp")).isZero();
    }
}
