package dev.drover.app.wizard;

import static dev.drover.app.FxQueries.isShowing;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.ProvisioningEvent;
import dev.drover.engine.api.RkeRole;
import dev.drover.engine.api.SshTestResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wizard step by step against {@link ProvisioningFakeApi}, keyboard first, with a screenshot of each step. */
@ExtendWith(ApplicationExtension.class)
class WizardViewTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ProvisioningFakeApi api = new ProvisioningFakeApi();
    private final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private final AtomicBoolean closed = new AtomicBoolean();
    private WizardViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new WizardViewModel(api, threads);
        WizardView view = new WizardView(viewModel, () -> closed.set(true));
        scene = new Scene(view.root(), 1060, 720);
        stage.setScene(scene);
        stage.show();
        view.focus();
    }

    @AfterEach
    void close() {
        onFx(() -> {
            viewModel.close();
            return null;
        });
        threads.close();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> query) {
        return onFx(query);
    }

    private WizardViewModel.Step step() {
        return onFx(() -> viewModel.stepProperty().get());
    }

    private String error() {
        return onFx(() -> viewModel.errorProperty().get());
    }

    /** Fills the first steps through the ViewModel: two machines, everything valid. */
    private void readyForOptions() {
        onFx(() -> {
            viewModel.cluster().nameProperty().set("prod-eu");
            viewModel.next();
            NodeEntry first = viewModel.nodes().nodes().getFirst();
            first.addressProperty().set("10.0.0.11");
            first.userProperty().set("ubuntu");
            NodeEntry second = viewModel.nodes().addNode();
            second.addressProperty().set("10.0.0.12");
            viewModel.next();
            return null;
        });
    }

    private void readyForReview() {
        readyForOptions();
        onFx(() -> {
            viewModel.next();
            return null;
        });
        await().atMost(WAIT).until(() -> onFx(() -> viewModel.review().validProperty().get()));
    }

    @Test
    void clusterStepAsksForANameAndGoesOnWithTheKeyboard(FxRobot robot) throws Exception {
        // when: Enter with no name
        robot.type(KeyCode.ENTER);
        // then
        assertThat(step()).isEqualTo(WizardViewModel.Step.CLUSTER);
        assertThat(error()).isEqualTo("Name: enter a name for the cluster, e.g. prod-eu.");
        assertThat(isShowing(robot.lookup(".wizard-error").query())).isTrue();

        // when: the name field has the focus; type and press Ctrl+Enter
        robot.write("prod-eu");
        Screenshots.save(robot, scene, "wizard-cluster");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        // then
        assertThat(step()).isEqualTo(WizardViewModel.Step.NODES);
        assertThat(error()).isEmpty();
        assertThat(onFx(() -> viewModel.cluster().versionProperty().get())).isEqualTo("v1.32.4-rancher1-1");

        // when: Alt+Left
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        // then
        assertThat(step()).isEqualTo(WizardViewModel.Step.CLUSTER);
        assertThat(onFx(() -> viewModel.cluster().nameProperty().get())).isEqualTo("prod-eu");
    }

    @Test
    void nodesStepTestsSshPerMachineAndChecksRoles(FxRobot robot) throws Exception {
        // given: two machines; the second refuses the key
        api.sshAnswers.put("10.0.0.12", new SshTestResult(false, false, "SHA256:Xk3pRz0Lw9aB2cD4eF6gH8iJ0kL2mN4oP6qR8sT0uV",
                "cannot connect to ubuntu@10.0.0.12: the key ~/.ssh/id_rsa was not accepted for user ubuntu. Add the key's public half to"
                        + " ~ubuntu/.ssh/authorized_keys on 10.0.0.12."));
        onFx(() -> {
            viewModel.cluster().nameProperty().set("prod-eu");
            viewModel.next();
            NodeEntry first = viewModel.nodes().nodes().getFirst();
            first.addressProperty().set("10.0.0.11");
            first.userProperty().set("ubuntu");
            return null;
        });
        robot.clickOn("#addNode");
        robot.write("10.0.0.12");
        List<Node> rows = List.copyOf(robot.lookup(".node-row").queryAll());
        assertThat(rows).hasSize(2);

        // when: Test SSH on both
        for (Node row : rows) {
            robot.clickOn(robot.from(row).lookup(".test-ssh").queryAs(Button.class));
        }
        // then: each result under its machine
        await().atMost(WAIT).until(() -> robot.lookup(".ssh-result.ready").tryQuery().isPresent()
                && robot.lookup(".ssh-result.failed").tryQuery().isPresent());
        Label ready = robot.from(rows.get(0)).lookup(".ssh-result").queryAs(Label.class);
        Label failed = robot.from(rows.get(1)).lookup(".ssh-result").queryAs(Label.class);
        assertThat(ready.getText()).contains("Logged in as ubuntu@10.0.0.11", "Host key SHA256:q7Zc1vLh0aS2m3XyTz9bQe4rN5uW6kJ8dF0gH1iO2pA");
        assertThat(failed.getText()).contains("was not accepted", "authorized_keys");
        Screenshots.save(robot, scene, "wizard-nodes");

        // when: the second machine is edited, its old result goes
        onFx(() -> {
            viewModel.nodes().nodes().get(1).userProperty().set("rancher");
            return null;
        });
        assertThat(onFx(() -> viewModel.nodes().nodes().get(1).testStateProperty().get())).isEqualTo(NodeEntry.TestState.UNTESTED);

        // when: no machine is a worker any more, Next is refused with the reason
        onFx(() -> {
            viewModel.nodes().nodes().getFirst().workerProperty().set(false);
            viewModel.nodes().nodes().get(1).etcdProperty().set(true);
            viewModel.nodes().nodes().get(1).workerProperty().set(false);
            viewModel.next();
            return null;
        });
        assertThat(step()).isEqualTo(WizardViewModel.Step.NODES);
        assertThat(error()).isEqualTo("Roles: no machine has the worker role; a cluster needs at least one.");
        // and a machine listed twice
        onFx(() -> {
            viewModel.nodes().nodes().get(1).workerProperty().set(true);
            viewModel.nodes().nodes().get(1).addressProperty().set("10.0.0.11");
            viewModel.next();
            return null;
        });
        assertThat(error()).isEqualTo("Node 2: 10.0.0.11 is listed twice.");
    }

    @Test
    void optionsStepChecksTheUpgradeStrategyAndPassesEverythingToTheEngine(FxRobot robot) throws Exception {
        // given
        readyForOptions();
        assertThat(step()).isEqualTo(WizardViewModel.Step.OPTIONS);
        Screenshots.save(robot, scene, "wizard-options");
        // when
        onFx(() -> {
            viewModel.options().maxUnavailableWorkerProperty().set("0");
            viewModel.next();
            return null;
        });
        // then
        assertThat(error()).isEqualTo("Workers upgraded at once: a count like 2 or a percentage like 10%.");
        // when
        onFx(() -> {
            viewModel.options().maxUnavailableWorkerProperty().set("25%");
            viewModel.options().aceFqdnProperty().set("k8s.example.com");
            viewModel.options().intervalHoursProperty().set("6");
            viewModel.next();
            return null;
        });
        // then: the engine wrote cluster.yml from exactly these answers
        assertThat(step()).isEqualTo(WizardViewModel.Step.REVIEW);
        await().atMost(WAIT).until(() -> api.lastSpec != null);
        assertThat(api.lastSpec.name()).isEqualTo("prod-eu");
        assertThat(api.lastSpec.maxUnavailableWorker()).isEqualTo("25%");
        assertThat(api.lastSpec.aceFqdn()).isEqualTo("k8s.example.com");
        assertThat(api.lastSpec.snapshotIntervalHours()).isEqualTo(6);
        assertThat(api.lastSpec.nodes()).hasSize(2);
        assertThat(api.lastSpec.nodes().get(1).roles()).containsExactly(RkeRole.WORKER);
        assertThat(api.lastSpec.nodes().get(1).access().user()).isEqualTo("ubuntu");
    }

    @Test
    void reviewStepValidatesAsYouTypeDebouncedAndListsProblemsByLine(FxRobot robot) throws Exception {
        // given
        readyForReview();
        TextArea editor = robot.lookup(".yaml-editor").queryAs(TextArea.class);
        assertThat(WizardViewTest.<String>fx(editor::getText)).contains("cluster_name: prod-eu", "address: 10.0.0.12");
        int before = api.validations.get();

        // when: a typo typed at the end, key by key
        robot.clickOn(editor);
        onFx(() -> {
            editor.positionCaret(editor.getLength());
            return null;
        });
        robot.write("# wroker");
        // then: one validation after the typing pause, not one per key; the problem names its line
        await().atMost(WAIT).until(() -> !onFx(() -> viewModel.review().problems().isEmpty()));
        int lines = (int) onFx(editor::getText).lines().count();
        assertThat(onFx(() -> List.copyOf(viewModel.review().problems()))).containsExactly("Line " + lines
                + " · nodes[0].role: unknown role \"wroker\"; roles are etcd, controlplane and worker");
        assertThat(api.validations.get() - before).isLessThanOrEqualTo(2);
        assertThat(robot.lookup(".review-status").queryAs(Label.class).getText()).isEqualTo("1 problem");
        Screenshots.save(robot, scene, "wizard-review");

        // when: Provision is pressed anyway
        onFx(() -> {
            viewModel.next();
            return null;
        });
        // then
        assertThat(step()).isEqualTo(WizardViewModel.Step.REVIEW);
        assertThat(error()).isEqualTo("Fix the problems listed under cluster.yml first.");

        // when: Enter on the problem jumps to its line; the line is fixed
        ListView<?> problems = robot.lookup(".problems").queryAs(ListView.class);
        robot.clickOn(problems).type(KeyCode.ENTER);
        int caret = onFx(editor::getCaretPosition);
        assertThat(WizardViewTest.<String>fx(editor::getText).substring(caret)).startsWith("# wroker");
        onFx(() -> {
            editor.setText(editor.getText().replace("# wroker", "# worker"));
            return null;
        });
        // then
        await().atMost(WAIT).until(() -> onFx(() -> viewModel.review().validProperty().get()));
        assertThat(robot.lookup(".problems").query().isVisible()).isFalse();

        // when: back and forth without changing an answer, the edit stays
        onFx(() -> {
            viewModel.back();
            viewModel.next();
            return null;
        });
        assertThat(WizardViewTest.<String>fx(editor::getText)).contains("# worker");
    }

    @Test
    void provisionStepShowsPlanesNodesAndTheLogLiveAndCancelEndsWithAHint(FxRobot robot) throws Exception {
        // given
        readyForReview();
        onFx(() -> {
            viewModel.next();
            return null;
        });
        assertThat(step()).isEqualTo(WizardViewModel.Step.PROVISION);
        await().atMost(WAIT).until(() -> api.run != null);
        assertThat(api.run.name).isEqualTo("prod-eu");
        assertThat(api.run.yaml).contains("cluster_name: prod-eu");

        // when: the engine reports from its thread
        api.run.emit(
                new ProvisioningEvent.PlaneUpdate("PREPARE", ProvisioningEvent.State.STARTED, List.of("10.0.0.11", "10.0.0.12")),
                new ProvisioningEvent.NodeUpdate("10.0.0.11", "deploying certificates", ProvisioningEvent.State.DONE, ""),
                new ProvisioningEvent.NodeUpdate("10.0.0.12", "deploying certificates", ProvisioningEvent.State.DONE, ""),
                new ProvisioningEvent.PlaneUpdate("PREPARE", ProvisioningEvent.State.DONE, List.of()),
                new ProvisioningEvent.PlaneUpdate("ETCD", ProvisioningEvent.State.STARTED, List.of("10.0.0.11")),
                new ProvisioningEvent.NodeUpdate("10.0.0.11", "etcd", ProvisioningEvent.State.STARTED, "starting member etcd-10.0.0.11"),
                new ProvisioningEvent.LogLine("", "cluster.yml and state: /home/me/.local/share/drover/rke/prod-eu"),
                new ProvisioningEvent.LogLine("10.0.0.11", "etcd: member etcd-10.0.0.11 started"));
        // then
        await().atMost(WAIT).until(() -> onFx(() -> viewModel.provision().log().size()) == 2);
        assertThat(onFx(() -> viewModel.provision().planes().stream().map(p -> p.key() + " " + p.stateProperty().get()).toList()))
                .containsExactly("PREPARE DONE", "ETCD RUNNING", "CONTROLPLANE WAITING", "WORKER WAITING");
        assertThat(onFx(() -> viewModel.provision().hosts().stream().map(h -> h.key() + " " + h.detailProperty().get()).toList()))
                .containsExactly("10.0.0.11 etcd — starting member etcd-10.0.0.11", "10.0.0.12 deploying certificates");
        assertThat(robot.lookup("#backButton").queryButton().isDisabled()).isTrue();
        assertThat(isShowing(robot.lookup("#nextButton").query())).isFalse();
        await().atMost(WAIT).until(() -> robot.lookup(".state-badge.state-running").tryQuery().isPresent());
        Screenshots.save(robot, scene, "wizard-provision");

        // when: Cancel (keyboard: the button has the focus)
        robot.clickOn("#cancelRun");
        // then
        await().atMost(WAIT).until(() -> !onFx(() -> viewModel.provision().runningProperty().get()));
        assertThat(api.run.cancelled).isTrue();
        assertThat(robot.lookup(".failure-message").queryAs(Label.class).getText()).startsWith("cancelled by the user");
        assertThat(robot.lookup(".failure-hint").queryAs(Label.class).getText()).contains("resume from the last completed plane");
        assertThat(onFx(() -> viewModel.provision().planes().get(1).stateProperty().get())).isEqualTo(ProgressRow.State.FAILED);
        assertThat(robot.lookup("#nextButton").queryButton().getText()).isEqualTo("Retry");
        assertThat(robot.lookup("#backButton").queryButton().isDisabled()).isFalse();
        Screenshots.save(robot, scene, "wizard-provision-cancelled");
    }

    @Test
    void aSuccessfulRunSaysWhereTheClusterIsAndLocksTheWizard(FxRobot robot) throws Exception {
        // given
        readyForReview();
        onFx(() -> {
            viewModel.next();
            return null;
        });
        await().atMost(WAIT).until(() -> api.run != null);
        // when
        api.run.emit(new ProvisioningEvent.PlaneUpdate("WORKER", ProvisioningEvent.State.DONE, List.of()));
        api.run.succeed();
        // then
        await().atMost(WAIT).until(() -> onFx(() -> viewModel.provision().succeededProperty().get()));
        assertThat(robot.lookup(".provision-status").queryAs(Label.class).getText())
                .isEqualTo("prod-eu is ready (42 s): it is listed under Clusters.");
        assertThat(onFx(() -> viewModel.provision().planes().stream().map(p -> p.stateProperty().get()).distinct().toList()))
                .containsExactly(ProgressRow.State.DONE);
        assertThat(robot.lookup("#backButton").queryButton().isDisabled()).isTrue();
        assertThat(isShowing(robot.lookup("#cancelRun").query())).isFalse();
        assertThat(isShowing(robot.lookup(".failure-box").query())).isFalse();

        // and the dark theme reads as calmly
        onFx(() -> {
            Application.setUserAgentStylesheet(Theme.DARK.userAgentStylesheet());
            return null;
        });
        Screenshots.save(robot, scene, "wizard-provision-succeeded-dark");
        onFx(() -> {
            Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
            return null;
        });

        // when: Esc
        robot.type(KeyCode.ESCAPE);
        // then
        assertThat(closed).isTrue();
    }
}
