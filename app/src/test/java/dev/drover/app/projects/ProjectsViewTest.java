package dev.drover.app.projects;

import static dev.drover.app.FakeManagementApi.cluster;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.clusters.ClustersViewModel;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.app.projects.ProjectRows.NamespaceRow;
import dev.drover.engine.api.ClusterKind;
import dev.drover.engine.api.Member;
import dev.drover.engine.api.NamespaceSummary;
import dev.drover.engine.api.ProjectQuota;
import dev.drover.engine.api.ProjectSummary;
import java.time.Duration;
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

@ExtendWith(ApplicationExtension.class)
class ProjectsViewTest {

    private final FakeManagementApi api = new FakeManagementApi().with(cluster("c-1", "prod-eu", ClusterKind.IMPORTED, "Active", "v1.31.2", 1));
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private ClustersViewModel clusters;
    private ProjectsViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        api.admin.project(new ProjectSummary("c-1", "p-default", "Default", null))
                .project(new ProjectSummary("c-1", "p-system", "System", new ProjectQuota("2", "4Gi", "", "", "")))
                .namespace("c-1", "default", "p-default").namespace("c-1", "kube-system", "p-system").namespace("c-1", "shop", "")
                .member(new Member("b-1", "c-1", "p-default", "alice", false, "project-owner"));
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        clusters = new ClustersViewModel(api, threads);
        viewModel = new ProjectsViewModel(api, threads, clusters.clusters());
        scene = new Scene(new ProjectsView(viewModel).root(), 1100, 640);
        stage.setScene(scene);
        stage.show();
        clusters.start();
    }

    @AfterEach
    void close() {
        clusters.close();
        threads.close();
    }

    private String projectOf(String namespace) {
        return api.admin.namespaces().stream().filter(n -> n.name().equals(namespace)).findFirst().map(NamespaceSummary::projectId).orElseThrow();
    }

    @Test
    void creates_a_project_with_a_quota_and_moves_a_namespace_into_it(FxRobot robot) throws Exception {
        // given the first cluster is chosen by itself
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.namespaces().size()) == 3);
        assertThat(onFx(() -> viewModel.projects().stream().map(ProjectRows.ProjectRow::name).toList())).containsExactly("Default", "System");

        // when a bad quota is typed
        robot.clickOn("#newProject");
        robot.clickOn("#projectName").write("payments");
        robot.clickOn("#quotaCpu").write("lots");
        robot.clickOn("#createProject");

        // then the engine's sentence shows and the form keeps the text
        assertThat(robot.lookup("#error").queryLabeled().getText()).isEqualTo("The CPU limit \"lots\" is not a Kubernetes quantity.");
        assertThat(robot.lookup("#projectName").queryTextInputControl().getText()).isEqualTo("payments");

        // when corrected
        robot.doubleClickOn("#quotaCpu").eraseText(4).write("4");
        robot.clickOn("#quotaMemory").write("8Gi");
        robot.clickOn("#createProject");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.projects().size()) == 3);
        ProjectSummary payments = api.admin.projects().stream().filter(p -> p.displayName().equals("payments")).findFirst().orElseThrow();
        assertThat(payments.quota()).isEqualTo(new ProjectQuota("4", "8Gi", "", "", ""));
        assertThat(onFx(() -> viewModel.selectedProperty().get().quota())).isEqualTo("CPU 4 · memory 8Gi");
        assertThat(robot.lookup("#notice").queryLabeled().getText()).isEqualTo("Created project payments.");

        // when shop is moved into it
        TableView<NamespaceRow> namespaces = robot.lookup("#namespaces").queryTableView();
        robot.clickOn("shop");
        ChoiceBox<ProjectRows.ProjectRow> target = robot.lookup("#moveTarget").query();
        robot.interact(() -> target.setValue(target.getItems().stream().filter(p -> p.name().equals("payments")).findFirst().orElseThrow()));
        robot.clickOn("#moveNamespace");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> projectOf("shop").equals(payments.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> namespaces.getItems().stream()
                .filter(n -> n.name().equals("shop")).findFirst().orElseThrow().projectName()).equals("payments"));
        Screenshots.save(robot, scene, "projects");
    }

    @Test
    void members_of_a_project_are_added_and_removed(FxRobot robot) throws Exception {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.members().size()) == 1);
        robot.clickOn("Members");
        assertThat(onFx(() -> viewModel.members().getFirst().role())).isEqualTo("Project Owner");

        // when
        robot.clickOn("#memberName").write("bob");
        robot.clickOn("#addMember");

        // then bob holds the default project role
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.members().size()) == 2);
        assertThat(api.admin.members()).anyMatch(m -> m.subject().equals("bob") && m.projectId().equals("p-default")
                && m.roleTemplateId().equals("read-only"));
        Screenshots.save(robot, scene, "projects-members");

        // when alice is removed
        robot.clickOn("alice");
        robot.clickOn("#removeMember");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> api.admin.members().stream().noneMatch(m -> m.subject().equals("alice")));
        assertThat(onFx(() -> viewModel.members().stream().map(ProjectRows.MemberRow::subject).toList()))
                .as(() -> api.admin.members() + " " + onFx(() -> viewModel.selectedProperty().get())).containsExactly("bob");
    }
}
