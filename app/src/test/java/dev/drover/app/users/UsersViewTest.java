package dev.drover.app.users;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.UserSummary;
import java.time.Duration;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class UsersViewTest {

    private final FakeManagementApi api = new FakeManagementApi();
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private UsersViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        api.admin.user(new UserSummary("admin", "Administrator", "local", true, true))
                .user(new UserSummary("alice", "Alice Martin", "local", true, false))
                .user(new UserSummary("carol", "Carol Diaz", "ldap", false, false));
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new UsersViewModel(api, threads);
        scene = new Scene(new UsersView(viewModel).root(), 1100, 640);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void creates_a_user_refusing_a_weak_password_without_losing_the_form(FxRobot robot) throws Exception {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.users().size()) == 3);
        Screenshots.save(robot, scene, "users");

        // when the password is too short
        robot.clickOn("#newUser");
        robot.clickOn("#username").write("bob");
        robot.clickOn("#displayName").write("Bob Stone");
        robot.clickOn("#password").write("short");
        robot.clickOn("#createUser");

        // then
        assertThat(robot.lookup("#error").queryLabeled().getText()).isEqualTo("The password must have at least 12 characters.");
        assertThat(robot.lookup("#username").queryTextInputControl().getText()).isEqualTo("bob");
        assertThat(api.admin.users()).doesNotContainKey("bob");

        // when
        robot.doubleClickOn("#password").eraseText(5).write("correct horse battery");
        robot.clickOn("#createUser");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.users().size()) == 4);
        assertThat(api.admin.users().get("bob")).isEqualTo(new UserSummary("bob", "Bob Stone", "local", true, false));
        assertThat(robot.lookup("#userForm").query().isVisible()).isFalse();
        assertThat(robot.lookup("#notice").queryLabeled().getText()).isEqualTo("Created bob.");
    }

    @Test
    void disables_enables_and_deletes_after_confirmation(FxRobot robot) throws Exception {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.users().size()) == 3);

        // when
        robot.clickOn("alice");
        robot.clickOn("#toggleEnabled");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> !api.admin.users().get("alice").enabled());
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> robot.lookup("#toggleEnabled").queryButton().getText()).equals("Enable"));
        assertThat(robot.lookup("#notice").queryLabeled().getText()).isEqualTo("alice is disabled: logins and tokens stop working.");

        // when enabled again
        robot.clickOn("#toggleEnabled");
        await().atMost(Duration.ofSeconds(5)).until(() -> api.admin.users().get("alice").enabled());

        // when deleting with the Delete key, first cancelling
        robot.clickOn("carol");
        robot.type(javafx.scene.input.KeyCode.DELETE);
        assertThat(robot.lookup("Delete carol?").tryQuery()).isPresent();
        robot.clickOn("Cancel");
        assertThat(api.admin.users()).containsKey("carol");
        robot.clickOn("#deleteUser");
        robot.clickOn("Delete");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> !api.admin.users().containsKey("carol"));
        assertThat(onFx(() -> viewModel.users().stream().map(UserRows.UserRow::username).toList())).containsExactly("admin", "alice");

        // when the role templates tab is opened
        robot.clickOn("Role templates");

        // then
        assertThat(onFx(() -> viewModel.roles().stream().map(UserRows.RoleRow::context).distinct().toList())).containsExactly("Cluster", "Project");
        Screenshots.save(robot, scene, "users-roles");
    }
}
