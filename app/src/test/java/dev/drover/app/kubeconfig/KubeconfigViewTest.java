package dev.drover.app.kubeconfig;

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
import dev.drover.engine.api.KubeconfigExport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class KubeconfigViewTest {

    private final FakeManagementApi api = new FakeManagementApi()
            .with(cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Active", "v1.31.2", 1))
            .with(cluster("c-2", "edge", ClusterKind.DIRECT, "Active", "v1.30.0", 2))
            .with(cluster("c-3", "staging", ClusterKind.RKE, "Active", "v1.31.2", 3));
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private ClustersViewModel clusters;
    private KubeconfigViewModel viewModel;
    private Scene scene;

    @TempDir
    Path home;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        clusters = new ClustersViewModel(api, threads);
        viewModel = new KubeconfigViewModel(api, threads, clusters.clusters());
        scene = new Scene(new KubeconfigView(viewModel).root(), 1000, 620);
        stage.setScene(scene);
        stage.show();
        clusters.start();
    }

    @AfterEach
    void close() {
        clusters.close();
        threads.close();
    }

    @Test
    void builds_a_kubeconfig_for_the_picked_clusters_and_saves_or_copies_it(FxRobot robot) throws Exception {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.choices().size()) == 3);
        assertThat(robot.lookup("#build").queryButton().isDisabled()).as("nothing picked").isTrue();

        // when two clusters are picked, one with Space, and direct contexts added
        robot.clickOn("prod-eu");
        robot.type(javafx.scene.input.KeyCode.SPACE);
        robot.clickOn("edge").type(javafx.scene.input.KeyCode.SPACE);
        robot.clickOn("#aceContexts");
        robot.clickOn("#build");

        // then the engine was asked for exactly that
        await().atMost(Duration.ofSeconds(5)).until(() -> api.admin.exports.size() == 1);
        assertThat(api.admin.exports.getFirst()).isEqualTo(new KubeconfigExport(List.of("c-2", "c-1"), true, true));
        assertThat(robot.lookup("#summary").queryLabeled().getText())
                .isEqualTo("Kubeconfig for edge, prod-eu is ready, with proxy and direct contexts. A copy is kept in the offline vault (/tmp/vault/20261123-export.yaml).");

        // when saved
        Path target = home.resolve("kube").resolve("drover.yaml");
        robot.interact(() -> viewModel.targetProperty().set(target.toString()));
        robot.clickOn("#save");

        // then the engine wrote it (0600 is its job: saveKubeconfig)
        await().atMost(Duration.ofSeconds(5)).until(() -> api.admin.saved.containsKey(target));
        assertThat(api.admin.saved.get(target)).contains("- name: c-1-direct");
        assertThat(robot.lookup("#notice").queryLabeled().getText()).startsWith("Saved to " + target + ", readable by you only.");
        Screenshots.save(robot, scene, "kubeconfig");

        // when copied
        robot.clickOn("#copy");

        // then
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(api.admin.saved.get(target));

        // when the choice changes, the built kubeconfig (and its token) is dropped
        robot.clickOn("#proxyContexts");
        assertThat(robot.lookup("#save").queryButton().isDisabled()).isTrue();
        assertThat(onFx(viewModel::textToCopy)).isNull();
    }

    @Test
    void no_kind_of_context_means_nothing_to_build(FxRobot robot) {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.choices().size()) == 3);
        robot.clickOn("staging").type(javafx.scene.input.KeyCode.SPACE);
        assertThat(robot.lookup("#build").queryButton().isDisabled()).isFalse();

        // when
        robot.clickOn("#proxyContexts");

        // then
        assertThat(robot.lookup("#build").queryButton().isDisabled()).isTrue();
        assertThat(api.admin.exports).isEmpty();
    }
}
