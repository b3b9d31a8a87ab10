package dev.drover.app.clusters;

import static dev.drover.app.FakeManagementApi.cluster;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.ClusterCondition;
import dev.drover.engine.api.ClusterDetail;
import dev.drover.engine.api.ClusterEvent;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.NodeSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ClusterDetailViewTest {

    private static final Instant NOW = Instant.parse("2026-11-23T16:00:00Z");
    private static final ClusterSummary PROD = cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Active", "v1.31.2", 1);
    private static final ClusterSummary EDGE = cluster("c-2", "edge", ClusterKind.DIRECT, "Unavailable", "v1.30.0", 2);

    private final FakeManagementApi api = new FakeManagementApi().with(PROD).with(EDGE);
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private ClustersViewModel clusters;
    private ClusterDetailViewModel detail;
    private Scene scene;

    private static ClusterEvent event(String id, String cluster, String type, String reason, String message, int minutesAgo) {
        Instant at = NOW.minus(Duration.ofMinutes(minutesAgo));
        return new ClusterEvent(id, cluster, type, reason, message, "Cluster/" + cluster, "drover", 1, at, at);
    }

    @Start
    void start(Stage stage) {
        api.admin.detail(new ClusterDetail(PROD,
                List.of(new ClusterCondition("Connected", "True", "AgentConnected", "The cluster agent is connected.", NOW.minusSeconds(3600)),
                        new ClusterCondition("Ready", "True", "", "", NOW.minusSeconds(1800)),
                        new ClusterCondition("Updated", "False", "Upgrading", "Agent v0.2.0 is rolling out.", NOW.minusSeconds(300))),
                List.of(new NodeSummary("cp-1", List.of("controlplane", "etcd"), true, "v1.31.2", 4000, 8L << 30),
                        new NodeSummary("worker-1", List.of("worker"), true, "v1.31.2", 8000, 32L << 30),
                        new NodeSummary("worker-2", List.of("worker"), false, "v1.31.2", 8000, 32L << 30)),
                "",
                List.of(event("e-1", "c-1", "Normal", "Connected", "The cluster agent connected from 10.0.0.7.", 55),
                        event("e-2", "c-1", "Warning", "NodeNotReady", "worker-2 stopped posting status.", 12))));
        api.admin.detail(new ClusterDetail(EDGE, List.of(), List.of(), "The cluster cannot be reached, so its nodes are unknown.", List.of()));
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        clusters = new ClustersViewModel(api, threads);
        detail = new ClusterDetailViewModel(api, threads, clusters, Clock.fixed(NOW, ZoneOffset.UTC));
        scene = new Scene(new ClustersView(clusters, new AddClusterViewModel(api, threads), detail).root(), 1200, 700);
        stage.setScene(scene);
        stage.show();
        clusters.start();
    }

    @AfterEach
    void close() {
        detail.close();
        clusters.close();
        threads.close();
    }

    @Test
    void shows_conditions_nodes_and_live_events_of_the_selected_cluster(FxRobot robot) throws Exception {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> clusters.clusters().size()) == 2);

        // when
        robot.clickOn("prod-eu");

        // then the conditions, unhealthy ones marked
        ListView<DetailRows.ConditionRow> conditions = robot.lookup("#conditions").queryListView();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> conditions.getItems().size()) == 3);
        assertThat(onFx(() -> conditions.getItems().stream().filter(c -> !c.ok()).map(DetailRows.ConditionRow::type).toList()))
                .containsExactly("Updated");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".condition-bad").tryQuery().isPresent());
        assertThat(robot.lookup("Updated · False").tryQuery()).isPresent();
        Screenshots.save(robot, scene, "cluster-detail");

        // when the nodes tab is opened
        robot.clickOn("Nodes");

        // then
        TableView<DetailRows.NodeRow> nodes = robot.lookup("#nodes").queryTableView();
        assertThat(onFx(() -> nodes.getItems().stream().map(n -> n.name() + " " + n.ready() + " " + n.memory()).toList()))
                .containsExactly("cp-1 true 8.0 GiB", "worker-1 true 32.0 GiB", "worker-2 false 32.0 GiB");
        Screenshots.save(robot, scene, "cluster-detail-nodes");

        // when the events tab is open and the engine reports a new event on its own thread
        robot.clickOn("Events");
        ListView<DetailRows.EventRow> events = robot.lookup("#events").queryListView();
        assertThat(onFx(() -> events.getItems().stream().map(DetailRows.EventRow::reason).toList()))
                .containsExactly("NodeNotReady", "Connected");
        Thread.ofPlatform().start(() -> api.admin.emitEvent(event("e-3", "c-1", "Normal", "NodeReady", "worker-2 is ready again.", 0))).join();

        // then it comes first
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> events.getItems().getFirst().reason()).equals("NodeReady"));
        assertThat(onFx(() -> events.getItems().getFirst().detail(NOW))).isEqualTo("Cluster/c-1 · just now");
        Screenshots.save(robot, scene, "cluster-detail-events");
        assertThat(api.admin.eventWatchers("c-1")).isEqualTo(1);

        // when another cluster is selected
        robot.clickOn("edge");

        // then the first watch is closed, and the missing nodes say why
        await().atMost(Duration.ofSeconds(5)).until(() -> api.admin.eventWatchers("c-1") == 0);
        assertThat(api.admin.eventWatchers("c-2")).isEqualTo(1);
        robot.clickOn("Nodes");
        assertThat(robot.lookup("#nodesPlaceholder").queryLabeled().getText()).isEqualTo("The cluster cannot be reached, so its nodes are unknown.");
        assertThat(onFx(() -> events.getItems().isEmpty())).isTrue();
    }

    @Test
    void events_of_a_cluster_that_cannot_be_watched_say_why(FxRobot robot) {
        // given an engine without the event watch
        dev.drover.engine.api.ManagementApi bare = new FakeManagementApi().with(PROD);
        ClustersViewModel others = onFx(() -> new ClustersViewModel(bare, threads));
        ClusterDetailViewModel model = onFx(() -> new ClusterDetailViewModel(new NoEvents(bare), threads, others));

        // when
        onFx(() -> {
            others.start();
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> others.clusters().size()) == 1);
        onFx(() -> {
            others.select("c-1");
            return null;
        });

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> !onFx(() -> model.eventsMessageProperty().get()).isEmpty());
        assertThat(onFx(() -> model.eventsMessageProperty().get())).contains("does not offer");
        onFx(() -> {
            model.close();
            others.close();
            return null;
        });
    }

    /** An engine that predates the event watch: the interface's default answers. */
    private record NoEvents(dev.drover.engine.api.ManagementApi delegate) implements dev.drover.engine.api.ManagementApi {
        public dev.drover.engine.api.EngineInfo info() {
            return delegate.info();
        }

        public java.util.concurrent.CompletableFuture<List<ClusterSummary>> listClusters() {
            return delegate.listClusters();
        }

        public java.util.concurrent.CompletableFuture<ClusterSummary> createCluster(dev.drover.engine.api.NewCluster request) {
            return delegate.createCluster(request);
        }

        public java.util.concurrent.CompletableFuture<dev.drover.engine.api.ClusterImport> importCluster(String clusterId) {
            return delegate.importCluster(clusterId);
        }

        public java.util.concurrent.CompletableFuture<Void> deleteCluster(String clusterId) {
            return delegate.deleteCluster(clusterId);
        }

        public dev.drover.engine.api.Subscription watchClusters(
                java.util.function.Consumer<dev.drover.engine.api.ApiEvent<ClusterSummary>> listener) {
            return delegate.watchClusters(listener);
        }

        public void close() {
            delegate.close();
        }
    }
}
