package dev.drover.app;

import dev.drover.app.connect.ConsoleSettings;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the window back where the user left it, unless that place is on no screen any more. FX thread. */
final class WindowState {

    private WindowState() {
    }

    static void restore(Stage stage, ConsoleSettings settings) {
        settings.window().ifPresent(bounds -> {
            Rectangle2D saved = new Rectangle2D(bounds.x(), bounds.y(), Math.max(bounds.width(), 800), Math.max(bounds.height(), 500));
            // A monitor unplugged since last time would open the window out of sight.
            boolean visible = Screen.getScreens().stream().anyMatch(screen -> screen.getVisualBounds().intersects(saved));
            if (visible) {
                stage.setX(saved.getMinX());
                stage.setY(saved.getMinY());
                stage.setWidth(saved.getWidth());
                stage.setHeight(saved.getHeight());
            }
            stage.setMaximized(bounds.maximized());
        });
    }

    static void remember(Stage stage, ConsoleSettings settings) {
        if (Double.isNaN(stage.getWidth())) {
            return;
        }
        settings.setWindow(new ConsoleSettings.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized()));
    }
}
