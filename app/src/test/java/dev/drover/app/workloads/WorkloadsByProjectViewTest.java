package dev.drover.app.workloads;

import static dev.drover.app.FakeWorkloads.deployment;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.ProjectSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The project box: choosing a cluster offers its projects; choosing one shows only that project's workloads. */
@ExtendWith(ApplicationExtension.class)
class WorkloadsByProjectViewTest {

    private final FakeManagementApi api = new FakeManagementApi();
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private WorkloadsViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        api.admin.project(new ProjectSummary("c-1", "p-shop", "Shop", null))
                .project(new ProjectSummary("c-1", "p-ops", "Ops", null))
                .project(new ProjectSummary("c-2", "p-other", "Other cluster's", null));
        api.workloads.with(deployment("c-1", "p-shop", "shop", "web"), deployment("c-1", "p-shop", "shop", "cart"),
                deployment("c-1", "p-ops", "monitoring", "grafana"), deployment("c-1", "", "default", "loose"),
                deployment("c-2", "p-other", "shop", "elsewhere"));
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new WorkloadsViewModel(threads, api);
        scene = new Scene(new WorkloadsView(viewModel, new WorkloadActionsViewModel(api, threads)).root(), 1100, 640);
        stage.setScene(scene);
        stage.show();
        viewModel.setClusters(List.of(new WorkloadsViewModel.Scope("c-1", "prod-eu"), new WorkloadsViewModel.Scope("c-2", "edge")));
    }

    @AfterEach
    void close() {
        viewModel.close();
        threads.close();
    }

    private List<String> shownNames(FxRobot robot) {
        TableView<WorkloadRow> table = robot.lookup("#workloadTable").queryTableView();
        return onFx(() -> table.getItems().stream().map(WorkloadRow::name).sorted().toList());
    }

    @Test
    void choosing_a_project_shows_only_its_workloads(FxRobot robot) throws Exception {
        // given every cluster's workloads are shown, and the project box waits for a cluster
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.workloads().size()) == 5);
        ChoiceBox<WorkloadsViewModel.ProjectScope> projectBox = robot.lookup("#project").query();
        assertThat(onFx(projectBox::isDisabled)).isTrue();

        // when the user picks the cluster, then its project "Shop"
        robot.clickOn("#scope").clickOn("prod-eu");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> projectBox.getItems().size()) == 3);
        assertThat(onFx(() -> projectBox.getItems().stream().map(WorkloadsViewModel.ProjectScope::label).toList()))
                .containsExactly("All projects", "Ops", "Shop");
        robot.clickOn("#project").clickOn("Shop");

        // then only Shop's workloads are listed
        await().atMost(Duration.ofSeconds(5)).until(() -> shownNames(robot).equals(List.of("cart", "web")));
        Screenshots.save(robot, scene, "workloads-project");

        // when the user goes back to all projects, the whole cluster shows again
        robot.clickOn("#project").clickOn("All projects");
        await().atMost(Duration.ofSeconds(5)).until(() -> shownNames(robot).equals(List.of("cart", "grafana", "loose", "web")));

        // when another cluster is chosen, the project choice is dropped and that cluster's projects are offered
        robot.clickOn("#scope").clickOn("edge");
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> projectBox.getItems().size()) == 2);
        assertThat(onFx(() -> viewModel.projectProperty().get())).isEmpty();
        assertThat(shownNames(robot)).containsExactly("elsewhere");
    }
}
