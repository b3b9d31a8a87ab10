package dev.drover.app.fx;

import java.util.function.Consumer;
import javafx.application.ColorScheme;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * Follows the OS light/dark preference until the user picks a theme; from then on the user's
 * choice wins, even if the OS setting changes later. Use on the FX thread.
 */
public final class ThemeSwitcher {

    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme");
    private final ObservableValue<ColorScheme> systemScheme;
    private boolean following = true;
    private final ChangeListener<ColorScheme> followSystem = (observable, old, scheme) -> theme.set(Theme.matching(scheme));

    /**
     * @param systemScheme    the OS preference, {@code Platform.getPreferences().colorSchemeProperty()}
     * @param applyStylesheet installs a user-agent stylesheet, {@code Application::setUserAgentStylesheet}
     */
    public ThemeSwitcher(ObservableValue<ColorScheme> systemScheme, Consumer<String> applyStylesheet) {
        this.systemScheme = systemScheme;
        theme.addListener((observable, old, current) -> applyStylesheet.accept(current.userAgentStylesheet()));
        theme.set(Theme.matching(systemScheme.getValue()));
        systemScheme.addListener(followSystem);
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    /** Uses {@code chosen} from now on and stops following the OS (a theme remembered from last time). */
    public void choose(Theme chosen) {
        following = false;
        systemScheme.removeListener(followSystem);
        theme.set(chosen);
    }

    /** Follows the OS preference again, from now on. */
    public void followSystem() {
        if (!following) {
            following = true;
            systemScheme.addListener(followSystem);
        }
        theme.set(Theme.matching(systemScheme.getValue()));
    }

    /** Whether the theme still follows the OS (the user never picked one). */
    public boolean followsSystem() {
        return following;
    }

    /** Switches between light and dark and stops following the OS. */
    public void toggle() {
        following = false;
        systemScheme.removeListener(followSystem);
        theme.set(theme.get().other());
    }
}
