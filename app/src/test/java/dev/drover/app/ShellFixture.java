package dev.drover.app;

import dev.drover.app.clusters.ClustersViewModel;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.ThemeSwitcher;
import dev.drover.app.shell.Section;
import dev.drover.app.shell.ShellView;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The shell wired as {@link ConsoleApp} wires it, on a fake engine, with the OS colour scheme under
 * the test's control. Subscribing runs on the calling thread; events still reach the FX thread in
 * batches, as in the console.
 */
public final class ShellFixture implements AutoCloseable {

    public final FakeManagementApi api;
    public final SimpleObjectProperty<ColorScheme> osScheme = new SimpleObjectProperty<>(ColorScheme.LIGHT);
    public final FxThreads threads = new FxThreads(Platform::runLater, Runnable::run,
            Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(100));
    public final ThemeSwitcher themes;
    public final ConsoleWiring console;
    public final ClustersViewModel clusters;
    public final Map<Section, Node> pages;
    public final ShellView shell;
    public final Scene scene;

    /** Builds and shows the shell in {@code stage}; call on the FX thread (e.g. from {@code @Start}). */
    public ShellFixture(Stage stage, FakeManagementApi api, double width, double height) {
        this.api = api;
        this.themes = new ThemeSwitcher(osScheme, Application::setUserAgentStylesheet);
        this.console = new ConsoleWiring(api, threads, themes);
        this.clusters = console.clusters;
        this.pages = console.pages;
        this.shell = console.shell;
        this.scene = new Scene(shell.root(), width, height);
        stage.setScene(scene);
        stage.show();
        console.start();
    }

    /** The section the shell shows. FX thread. */
    public Section shellModelSection() {
        return console.shellModel.selectedSectionProperty().get();
    }

    @Override
    public void close() {
        console.close();
        threads.close();
    }
}
