package dev.drover.app.offline;

import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.app.offline.OfflineViewModel.ContextRow;
import dev.drover.app.offline.OfflineViewModel.State;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
class OfflineViewTest {

    /** A vault test double: three direct contexts; "edge" answers only once released, "lab" is down. */
    private static final class FakeVault implements OfflineVault {
        final CountDownLatch edgeAnswers = new CountDownLatch(1);
        final Map<Path, List<Entry>> written = new ConcurrentHashMap<>();

        @Override
        public String location() {
            return "/home/me/.local/share/drover/vault";
        }

        @Override
        public List<Entry> directContexts() {
            return List.of(new Entry("prod-eu-direct", "https://10.0.0.10:6443"), new Entry("edge-direct", "https://edge.example:6443"),
                    new Entry("lab-direct", "https://192.168.1.50:6443"));
        }

        @Override
        public Check test(Entry entry) {
            return switch (entry.name()) {
                case "lab-direct" -> new Check(false, "unreachable: ConnectException: Connection refused");
                case "edge-direct" -> {
                    try {
                        edgeAnswers.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield new Check(true, "reachable");
                }
                default -> new Check(true, "reachable");
            };
        }

        @Override
        public void writeDirectOnly(Path target, List<Entry> entries) throws IOException {
            written.put(target, entries);
        }
    }

    private final FakeVault vault = new FakeVault();
    private final FxThreads threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(),
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private final AtomicInteger backs = new AtomicInteger();
    private OfflineViewModel viewModel;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        viewModel = new OfflineViewModel(vault, threads);
        scene = new Scene(new OfflineView(viewModel, backs::incrementAndGet).root(), 1100, 600);
        stage.setScene(scene);
        stage.show();
        viewModel.load();
    }

    @AfterEach
    void close() {
        vault.edgeAnswers.countDown();
        threads.close();
    }

    private State stateOf(String name) {
        return onFx(() -> viewModel.contexts().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().state());
    }

    @Test
    void tests_each_direct_context_on_its_own_and_writes_the_reachable_ones(FxRobot robot) throws Exception {
        // given
        await().atMost(Duration.ofSeconds(5)).until(() -> onFx(() -> viewModel.contexts().size()) == 3);

        // when
        robot.clickOn("#testAll");

        // then a slow cluster holds back only its own row
        await().atMost(Duration.ofSeconds(5)).until(() -> stateOf("lab-direct") == State.UNREACHABLE);
        assertThat(stateOf("prod-eu-direct")).isEqualTo(State.REACHABLE);
        assertThat(stateOf("edge-direct")).isEqualTo(State.TESTING);
        vault.edgeAnswers.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> stateOf("edge-direct") == State.REACHABLE);
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup(".state-bad").tryQuery().isPresent());
        Screenshots.save(robot, scene, "offline-vault");

        // when
        Path target = Path.of("/tmp/drover-offline-test.yaml");
        robot.interact(() -> viewModel.targetProperty().set(target.toString()));
        robot.clickOn("#write");

        // then only reachable contexts are written
        await().atMost(Duration.ofSeconds(5)).until(() -> vault.written.containsKey(target));
        assertThat(vault.written.get(target)).extracting(OfflineVault.Entry::name).containsExactly("prod-eu-direct", "edge-direct");
        await().atMost(Duration.ofSeconds(5)).until(() -> robot.lookup("#notice").queryLabeled().getText().startsWith("Wrote 2 contexts"));

        // when the user tries the server again
        robot.clickOn("#tryAgain");

        // then
        assertThat(backs.get()).isEqualTo(1);
        assertThat(onFx(() -> viewModel.contexts().stream().map(ContextRow::server).toList())).contains("https://edge.example:6443");
    }
}
