package dev.drover.app.shell;

import dev.drover.app.fx.Theme;
import dev.drover.app.fx.ThemeSwitcher;
import dev.drover.engine.api.EngineInfo;
import dev.drover.engine.api.ManagementApi;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** State of the shell: which section is shown, what the status bar says, which theme is on. FX thread only. */
public final class ShellViewModel {

    private final ReadOnlyObjectWrapper<Section> selectedSection = new ReadOnlyObjectWrapper<>(this, "selectedSection", Section.CLUSTERS);
    private final ThemeSwitcher themes;
    private final String engineStatus;
    private final String engineVersion;
    private final BooleanBinding darkTheme;

    public ShellViewModel(ManagementApi api, ThemeSwitcher themes) {
        this.themes = themes;
        // info() is documented as cheap and non-blocking, so asking on the FX thread is fine.
        EngineInfo info = api.info();
        this.engineStatus = describe(info);
        this.engineVersion = "Drover " + info.version();
        this.darkTheme = Bindings.equal(themes.themeProperty(), Theme.DARK);
    }

    /** The status bar line, e.g. "Lab · in-process · /home/me/.local/share/drover/drover.db". */
    static String describe(EngineInfo info) {
        return switch (info.mode()) {
            case LAB -> "Lab · in-process · " + info.location();
            case REMOTE -> "Remote · " + info.location();
        };
    }

    public List<Section> sections() {
        return List.of(Section.values());
    }

    public ReadOnlyObjectProperty<Section> selectedSectionProperty() {
        return selectedSection.getReadOnlyProperty();
    }

    public void select(Section section) {
        if (section != null) {
            selectedSection.set(section);
        }
    }

    /** Selects the n-th section, counting from 1 as the shortcuts do; out of range is ignored. */
    public void selectNumber(int number) {
        List<Section> sections = sections();
        if (number >= 1 && number <= sections.size()) {
            select(sections.get(number - 1));
        }
    }

    public String engineStatus() {
        return engineStatus;
    }

    public String engineVersion() {
        return engineVersion;
    }

    public BooleanBinding darkThemeBinding() {
        return darkTheme;
    }

    public void toggleTheme() {
        themes.toggle();
    }
}
