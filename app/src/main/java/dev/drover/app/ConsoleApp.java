package dev.drover.app;

import dev.drover.app.connect.ConnectView;
import dev.drover.app.connect.ConnectViewModel;
import dev.drover.app.connect.ConsoleSettings;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.offline.EngineOfflineVault;
import dev.drover.app.offline.OfflineView;
import dev.drover.app.offline.OfflineViewModel;
import dev.drover.app.fx.Theme;
import dev.drover.app.fx.ThemeSwitcher;
import dev.drover.app.shell.FileNotOpenedDialog;
import dev.drover.app.shell.StartupFailureDialog;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.OfflineKubeconfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The console: the connect page (lab or remote) unless {@code --data-dir} names a lab engine to open
 * at once, then the shell, and the RKE wizard when a cluster.yml was named on the command line. The one place where engine, threads, ViewModels and views are constructed
 * and wired together (through {@link ConsoleWiring}); window, theme and servers are remembered in
 * {@link ConsoleSettings}.
 */
public final class ConsoleApp extends Application {

    /** The engine could not be opened, as sysexits' EX_UNAVAILABLE would say. */
    static final int EXIT_UNAVAILABLE = 69;

    private static final System.Logger LOG = System.getLogger(ConsoleApp.class.getName());
    private static final Duration BATCH_INTERVAL = Duration.ofMillis(100);

    private LaunchOptions options;
    private ManagementApi api;
    private String openFailure;
    private FxThreads threads;
    private ConsoleWiring console;
    private ConsoleSettings settings;
    private ThemeSwitcher themes;
    private Stage stage;

    /** Runs on the launcher thread; only parses, so the window shows without waiting for the engine. */
    @Override
    public void init() {
        try {
            options = LaunchOptions.parse(getParameters().getRaw());
        } catch (RuntimeException e) {
            openFailure = e.getMessage();
        }
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        themes = new ThemeSwitcher(Platform.getPreferences().colorSchemeProperty(), Application::setUserAgentStylesheet);
        if (openFailure != null) {
            failAndExit(openFailure);
            return;
        }
        try {
            settings = ConsoleSettings.load(configDirectory());
            switch (settings.theme()) {
                case "dark" -> themes.choose(Theme.DARK);
                case "light" -> themes.choose(Theme.LIGHT);
                default -> { }
            }
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("fx-batch-timer").daemon().factory());
            threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(), timer, BATCH_INTERVAL);
            stage.setTitle("Drover");
            stage.setMinWidth(800);
            stage.setMinHeight(500);
            if (options.dataDirectory() != null) {
                // The first frame says what is happening; the engine (store, reconcilers) opens meanwhile.
                stage.setScene(new Scene(new OpeningPage(options.dataDirectory()), 1200, 760));
                openLabInBackground(options.dataDirectory());
            } else {
                Path lab = LocalManagementApi.defaultDataDirectory();
                ConnectViewModel connect = new ConnectViewModel(threads, settings, lab, this::connected);
                stage.setScene(new Scene(new ConnectView(connect, () -> showOfflineVault(lab)).root(), 1200, 760));
            }
            WindowState.restore(stage, settings);
            stage.show();
            if (Boolean.getBoolean("drover.exitAfterFirstFrame")) {
                exitAfterFirstFrame(stage.getScene());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The console failed to start", e);
            stop();
            failAndExit("The console failed to start: " + e.getMessage());
        }
    }

    /** The server cannot be reached: the vault of exported kubeconfigs, with a way back to the connect page. */
    private void showOfflineVault(Path dataDirectory) {
        Scene scene = stage.getScene();
        Parent connectPage = scene.getRoot();
        OfflineViewModel offline = new OfflineViewModel(new EngineOfflineVault(OfflineKubeconfigs.open(dataDirectory)), threads);
        scene.setRoot(new OfflineView(offline, () -> scene.setRoot(connectPage)).root());
        offline.load();
    }

    /**
     * For the cold-start benchmark and AOT-cache training runs: print "drover: first frame" after the
     * first layout pulse, and once the shell is attached "drover: shell ready" and quit normally (so a
     * JDK archive written at exit is complete).
     */
    private static void exitAfterFirstFrame(Scene scene) {
        onNextPulse(scene, () -> System.out.println("drover: first frame"));
    }

    private static void onNextPulse(Scene scene, Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            action.run();
            System.out.flush();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static Path configDirectory() {
        String override = System.getProperty("drover.configDir");
        return override != null ? Path.of(override) : ConsoleSettings.defaultDirectory();
    }

    private Parent attach(ManagementApi engine) {
        api = engine;
        console = new ConsoleWiring(engine, threads, themes, settings);
        return console.shell.root();
    }

    private void openLabInBackground(Path dataDirectory) {
        Thread.ofVirtual().name("open-lab-engine").start(() -> {
            try {
                ManagementApi opened = LocalManagementApi.openLab(dataDirectory);
                Platform.runLater(() -> {
                    if (threads == null) {
                        // The window closed while the engine opened.
                        opened.close();
                    } else {
                        connected(opened);
                    }
                });
            } catch (ApiException e) {
                Platform.runLater(() -> failAndExit(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "The engine failed to start", e);
                Platform.runLater(() -> failAndExit("The engine failed to start: " + e.getMessage()));
            }
        });
    }

    /** The connect page succeeded; FX thread. */
    private void connected(ManagementApi engine) {
        stage.getScene().setRoot(attach(engine));
        console.start();
        if (options.file() != null) {
            openFile(options.file());
        }
        if (Boolean.getBoolean("drover.exitAfterFirstFrame")) {
            onNextPulse(stage.getScene(), () -> {
                System.out.println("drover: shell ready");
                Platform.runLater(Platform::exit);
            });
        }
    }

    /** The file named on the command line, read off the FX thread, into the RKE wizard; or one sentence why not. */
    private void openFile(Path file) {
        ConsoleWiring attached = console;
        Thread.ofVirtual().name("open-file").start(() -> {
            try {
                String text = ClusterYamlFile.read(file);
                Platform.runLater(() -> {
                    if (console == attached) { // not if the console closed while the file was read
                        attached.openClusterYaml(text);
                    }
                });
            } catch (IllegalArgumentException e) {
                Platform.runLater(() -> {
                    System.err.println("drover: " + e.getMessage());
                    FileNotOpenedDialog dialog = new FileNotOpenedDialog(e.getMessage());
                    dialog.initOwner(stage);
                    dialog.show();
                });
            }
        });
    }

    /**
     * Application.launch has no way to return an exit status, so a console that cannot start exits
     * here, after the user has read why. Nothing is open at this point that needs closing.
     */
    private void failAndExit(String message) {
        System.err.println("drover: " + message);
        new StartupFailureDialog(message).showAndWait();
        System.exit(EXIT_UNAVAILABLE);
    }

    /** Runs on the FX thread when the last window closes; the engine is closed last. */
    @Override
    public void stop() {
        if (settings != null && stage != null) {
            WindowState.remember(stage, settings);
            if (themes != null) {
                settings.setTheme(themes.followsSystem() ? "" : themes.themeProperty().get() == Theme.DARK ? "dark" : "light");
            }
            try {
                settings.save();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot remember window and theme: " + e.getMessage());
            }
        }
        closeQuietly(console);
        closeQuietly(threads);
        closeQuietly(api);
        console = null;
        threads = null;
        api = null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Closing " + closeable.getClass().getSimpleName() + " failed", e);
        }
    }
}
