package dev.drover.app.connect;

import static dev.drover.app.FxQueries.isShowing;
import static dev.drover.app.FxQueries.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drover.app.FakeManagementApi;
import dev.drover.app.Screenshots;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.Theme;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.EngineInfo;
import dev.drover.engine.api.EngineMode;
import dev.drover.engine.api.ManagementApi;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ConnectViewTest {


    @TempDir
    static Path configDirectory;

    private final FxThreads threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(),
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    private final List<ManagementApi> connected = new CopyOnWriteArrayList<>();
    private final List<String> pinsUsed = new CopyOnWriteArrayList<>();
    private final AtomicReference<Boolean> serverDown = new AtomicReference<>(false);
    private final AtomicReference<Boolean> userTrusts = new AtomicReference<>(true);
    private ConnectViewModel viewModel;
    private Scene scene;

    /** A server stand-in: asks the pin about its fingerprint as RemoteManagementApi.connect does. */
    private ManagementApi fakeServer(URI server, CaPin pin, dev.drover.engine.api.Credentials credentials) {
        if (serverDown.get()) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Cannot reach " + server + ": connection refused.");
        }
        pinsUsed.add(pin.toString());
        return new FakeManagementApi(new EngineInfo(EngineMode.REMOTE, server.toString(), "0.1.0-test"));
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet());
        ConsoleSettings settings = ConsoleSettings.load(configDirectory);
        viewModel = new ConnectViewModel(threads, settings, Path.of("/home/me/.local/share/drover"),
                directory -> new FakeManagementApi(), this::fakeServer, connected::add);
        ConnectView view = new ConnectView(viewModel, () -> { });
        viewModel.setConfirmFingerprint(fingerprint -> CompletableFuture.completedFuture(userTrusts.get()));
        scene = new Scene(view.root(), 900, 700);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void lab_connects_with_one_click(FxRobot robot) throws Exception {
        // given
        robot.clickOn("#labMode");
        Screenshots.save(robot, scene, "connect");

        // when
        robot.clickOn("#connect");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> connected.size() == 1);
        assertThat(connected.getFirst().info().mode()).isEqualTo(EngineMode.LAB);
    }

    @Test
    void remote_remembers_the_server_and_offers_the_vault_when_it_is_down(FxRobot robot) throws Exception {
        // given
        robot.clickOn("#remoteMode");
        robot.clickOn("#server").write("https://drover.test:8443");
        robot.clickOn("#username").write("alice");
        robot.clickOn("#password").write("s3cret-pass");

        // when
        robot.clickOn("#connect");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> connected.size() == 1);
        ConsoleSettings reread = ConsoleSettings.load(configDirectory);
        assertThat(reread.servers()).first().extracting(RememberedServer::url, RememberedServer::username)
                .containsExactly("https://drover.test:8443", "alice");
        assertThat(reread.lastMode()).isEqualTo("remote");
        assertThat(java.nio.file.Files.readString(configDirectory.resolve("console.properties"))).doesNotContain("s3cret-pass");

        // when the server goes away
        serverDown.set(true);
        robot.clickOn("#password").write("again");
        robot.clickOn("#connect");

        // then
        await().atMost(Duration.ofSeconds(5)).until(() -> isShowing(robot.lookup("#offlineBanner").query()));
        assertThat(onFx(() -> viewModel.errorProperty().get())).contains("connection refused");
        Screenshots.save(robot, scene, "connect-unreachable");
    }

    @Test
    void bad_input_says_what_is_wrong_and_connects_nothing(FxRobot robot) {
        // given
        robot.clickOn("#remoteMode");
        robot.clickOn("#server").write("https://drover.test:8443");

        // when no user name
        robot.clickOn("#connect");

        // then
        assertThat(onFx(() -> viewModel.errorProperty().get())).isEqualTo("User name: enter who to log in as.");
        assertThat(connected).isEmpty();
    }
}
