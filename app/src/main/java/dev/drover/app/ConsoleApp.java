package dev.drover.app;

import dev.drover.app.clusters.ClustersView;
import dev.drover.app.clusters.ClustersViewModel;
import dev.drover.app.fx.EmptyState;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.ThemeSwitcher;
import dev.drover.app.shell.Section;
import dev.drover.app.shell.ShellView;
import dev.drover.app.shell.ShellViewModel;
import dev.drover.app.shell.StartupFailureDialog;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.ManagementApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The console in lab mode: opens the in-process engine and shows the shell. The one place where
 * engine, threads, ViewModels and views are constructed and wired together.
 */
public final class ConsoleApp extends Application {

    /** The engine could not be opened, as sysexits' EX_UNAVAILABLE would say. */
    static final int EXIT_UNAVAILABLE = 69;

    private static final System.Logger LOG = System.getLogger(ConsoleApp.class.getName());
    private static final Duration BATCH_INTERVAL = Duration.ofMillis(100);

    private ManagementApi api;
    private String openFailure;
    private FxThreads threads;
    private ClustersViewModel clusters;

    /** Runs on the launcher thread, not the FX thread, so opening the store may block here. */
    @Override
    public void init() {
        try {
            Path dataDirectory = LaunchOptions.parse(getParameters().getRaw())
                    .dataDirectoryOr(LocalManagementApi::defaultDataDirectory);
            api = LocalManagementApi.openLab(dataDirectory);
        } catch (ApiException e) {
            openFailure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The engine failed to start", e);
            openFailure = "The engine failed to start: " + e.getMessage();
        }
    }

    @Override
    public void start(Stage stage) {
        ThemeSwitcher themes = new ThemeSwitcher(Platform.getPreferences().colorSchemeProperty(),
                Application::setUserAgentStylesheet);
        if (openFailure != null) {
            failAndExit(openFailure);
            return;
        }
        try {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("fx-batch-timer").daemon().factory());
            threads = new FxThreads(Platform::runLater, Executors.newVirtualThreadPerTaskExecutor(), timer, BATCH_INTERVAL);
            clusters = new ClustersViewModel(api, threads);
            ShellView shell = new ShellView(new ShellViewModel(api, themes), pages(clusters));

            stage.setTitle("Drover");
            stage.setMinWidth(800);
            stage.setMinHeight(500);
            stage.setScene(new Scene(shell.root(), 1200, 760));
            stage.show();
            clusters.start();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "The console failed to start", e);
            stop();
            failAndExit("The console failed to start: " + e.getMessage());
        }
    }

    /** The page of every section; package-private so tests build the shell exactly as the console does. */
    static Map<Section, Node> pages(ClustersViewModel clusters) {
        Map<Section, Node> pages = new EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            pages.put(section, section == Section.CLUSTERS
                    ? new ClustersView(clusters).root()
                    : new EmptyState(section.icon().getDescription(), section.emptyTitle(), section.emptyText()));
        }
        return pages;
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
        closeQuietly(clusters);
        closeQuietly(threads);
        closeQuietly(api);
        clusters = null;
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
