package dev.drover.app.wizard;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.ShellFixture;
import java.time.Duration;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The ways into the wizard, in the console as it is wired: the Clusters toolbar and the Ctrl+K palette. */
@ExtendWith(ApplicationExtension.class)
class WizardEntryTest {

    private ShellFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new ShellFixture(stage, new FakeManagementApi(), 1100, 700);
    }

    @AfterEach
    void close() {
        onFx(() -> {
            Window.getWindows().stream().filter(w -> w != fixture.scene.getWindow()).toList().forEach(Window::hide);
            return null;
        });
        fixture.close();
    }

    private static boolean wizardShowing() {
        return onFx(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage stage
                && "Create RKE cluster — Drover".equals(stage.getTitle()) && stage.isShowing()));
    }

    @Test
    void theClustersToolbarOpensTheWizardWithTheNameFieldFocused(FxRobot robot) {
        // when
        robot.clickOn("#createRke");
        // then
        await().atMost(Duration.ofSeconds(5)).until(WizardEntryTest::wizardShowing);
        Stage wizard = onFx(() -> (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage st
                && "Create RKE cluster — Drover".equals(st.getTitle())).findFirst().orElseThrow());
        assertThat(onFx(() -> wizard.getScene().getFocusOwner() instanceof javafx.scene.control.TextField field
                && "prod-eu".equals(field.getPromptText()))).as("the name field has the focus").isTrue();
        robot.targetWindow(wizard);
        robot.clickOn(".text-field");
        // and Esc closes it
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(5)).until(() -> !wizardShowing());
    }

    @Test
    void ctrlKThenCreateOpensTheWizard(FxRobot robot) {
        // when
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        robot.write("create rke");
        robot.type(KeyCode.ENTER);
        // then
        await().atMost(Duration.ofSeconds(5)).until(WizardEntryTest::wizardShowing);
    }
}
