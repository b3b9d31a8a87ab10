package dev.drover.app.offline;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** "Browse workloads" on the offline page: a read-only table read through one reachable direct context. */
@ExtendWith(ApplicationExtension.class)
class OfflineWorkloadsViewTest {

    /** A vault test double: "prod-eu-direct" answers with four workloads, "stale-direct" answers /version but not the lists, "lab-direct" is down. */
    private static final class FakeVault implements OfflineVault {
        final List<String> browsed = new CopyOnWriteArrayList<>();

        @Override
        public String location() {
            return "/home/me/.local/share/drover/vault";
        }

        @Override
        public List<Entry> directContexts() {
            return List.of(new Entry("prod-eu-direct", "https://10.0.0.10:6443"), new Entry("stale-direct", "https://10.0.0.20:6443"),
                    new Entry("lab-direct", "https://192.168.1.50:6443"));
        }

        @Override
        public Check test(Entry entry) {
            return "lab-direct".equals(entry.name()) ? new Check(false, "unreachable: ConnectException: Connection refused")
                    : new Check(true, "reachable");
        }

        @Override
        public List<Workload> workloads(Entry entry) throws IOException {
            browsed.add(entry.name());
            if ("stale-direct".equals(entry.name())) {
                throw new IOException("Cannot read the workloads through stale-direct: the token was rejected (401).");
            }
            Instant now = Instant.now();
            return List.of(new Workload("DaemonSet", "kube-system", "kube-proxy", "3/3", now.minus(Duration.ofDays(12))),
                    new Workload("Deployment", "shop", "web", "2/3", now.minus(Duration.ofHours(5))),
                    new Workload("Pod", "shop", "web-7d9f-abcde", "1/1", now.minus(Duration.ofMinutes(7))),
                    new Workload("StatefulSet", "shop", "db", "1/1", now.minus(Duration.ofDays(3))));
        }

        @Override
        public void writeDirectOnly(Path target, List<Entry> entries) {
        }
    }

    private final FakeVault vault = new FakeVault();
    private final FxThreads threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(),
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private OfflineViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new OfflineViewModel(vault, threads);
        scene = new Scene(new OfflineView(viewModel, () -> { }).root(), 1100, 760);
        stage.setScene(scene);
        stage.show();
        viewModel.load();
    }

    @AfterEach
    void close() {
        threads.close();
    }

    private boolean allTested() {
        return onFx(() -> viewModel.contexts().stream().noneMatch(c -> c.state() == OfflineViewModel.State.TESTING
                || c.state() == OfflineViewModel.State.UNTESTED));
    }

    @Test
    void browses_the_workloads_of_a_reachable_context_read_only(FxRobot robot) throws Exception {
        // given the contexts were tested
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.contexts().size()) == 3);
        robot.clickOn("#testAll");
        await().atMost(Duration.ofSeconds(5)).until(this::allTested);
        Button browse = robot.lookup("#browse").queryButton();

        // then an unreachable context cannot be browsed
        robot.clickOn("lab-direct");
        assertThat(onFx(browse::isDisabled)).isTrue();
        javafx.scene.Node pane = robot.lookup("#workloadsPane").query();
        assertThat(onFx(pane::isVisible)).isFalse();

        // when the user browses the reachable one
        robot.clickOn("prod-eu-direct");
        robot.clickOn("#browse");

        // then its workloads show with namespace, name, ready and age
        TableView<OfflineVault.Workload> table = robot.lookup("#offlineWorkloads").queryTableView();
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> table.getItems().size()) == 4);
        assertThat(vault.browsed).containsExactly("prod-eu-direct");
        assertThat(onFx(pane::isVisible)).isTrue();
        assertThat(onFx(() -> table.getItems().stream().map(w -> w.namespace() + "/" + w.name() + " " + w.ready() + " "
                + viewModel.workloads().age(w.created())).toList()))
                .containsExactly("kube-system/kube-proxy 3/3 12d", "shop/web 2/3 5h", "shop/web-7d9f-abcde 1/1 7m", "shop/db 1/1 3d");
        assertThat(robot.lookup("#offlineWorkloadsTitle").queryLabeled().getText())
                .isEqualTo("Workloads through prod-eu-direct · 4 (read-only)");
        robot.lookup("12d").query();
        Screenshots.save(robot, scene, "offline-workloads");

        // when a context that answers /version refuses the lists
        robot.clickOn("stale-direct");
        robot.clickOn("#browse");

        // then the engine's sentence shows and nothing of the other cluster stays
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#offlineWorkloadsError").queryLabeled().getText()
                .equals("Cannot read the workloads through stale-direct: the token was rejected (401)."));
        assertThat(onFx(() -> table.getItems().size())).isZero();
    }
}
