package dev.drover.app.settings;

import dev.drover.app.connect.ConsoleSettings;
import dev.drover.app.connect.RememberedServer;
import dev.drover.app.fx.Theme;
import dev.drover.app.fx.ThemeSwitcher;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings page's state. Theme: follow the OS (the default), light or dark, applied at once and
 * remembered at exit. Servers: those the connect page remembers; forgetting one also forgets its
 * confirmed CA fingerprint. FX thread; settings files are a few hundred bytes, written directly.
 */
public final class SettingsViewModel {

    /** The theme choices, in the order the page shows them. */
    public enum ThemeChoice { SYSTEM, LIGHT, DARK }

    private final ThemeSwitcher themes;
    private final ConsoleSettings settings;
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(this, "theme");
    private final ObservableList<RememberedServer> servers = FXCollections.observableArrayList();

    /** @param settings what the console remembers; {@code null} when nothing is (tests, no config directory) */
    public SettingsViewModel(ThemeSwitcher themes, ConsoleSettings settings) {
        this.themes = themes;
        this.settings = settings;
        theme.set(themes.followsSystem() ? ThemeChoice.SYSTEM : themes.themeProperty().get() == Theme.DARK ? ThemeChoice.DARK : ThemeChoice.LIGHT);
        theme.addListener((observable, old, choice) -> apply(choice));
        themes.themeProperty().addListener((observable, old, current) -> {
            // The sidebar toggle picks a theme too; keep the radio buttons in step.
            if (!themes.followsSystem()) {
                theme.set(current == Theme.DARK ? ThemeChoice.DARK : ThemeChoice.LIGHT);
            }
        });
        if (settings != null) {
            servers.setAll(settings.servers());
        }
    }

    private void apply(ThemeChoice choice) {
        switch (choice) {
            case SYSTEM -> themes.followSystem();
            case LIGHT -> themes.choose(Theme.LIGHT);
            case DARK -> themes.choose(Theme.DARK);
            case null -> { }
        }
    }

    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    public ObservableList<RememberedServer> servers() {
        return servers;
    }

    /** Forgets a server; the next connection to it asks about its fingerprint again. */
    public void forget(RememberedServer server) {
        if (settings == null || server == null) {
            return;
        }
        settings.forgetServer(server.url());
        try {
            settings.save();
        } catch (RuntimeException e) {
            // Still forgotten for this run; the file keeps it until the next successful save.
        }
        servers.setAll(settings.servers());
    }
}
