package dev.drover.app.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.application.ColorScheme;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class ThemeSwitcherTest {

    private final SimpleObjectProperty<ColorScheme> os = new SimpleObjectProperty<>(ColorScheme.DARK);
    private final List<String> applied = new ArrayList<>();

    @Test
    void follows_the_os_until_the_user_chooses() {
        // given
        ThemeSwitcher themes = new ThemeSwitcher(os, applied::add);
        assertThat(applied).containsExactly(Theme.DARK.userAgentStylesheet());

        // when the OS changes
        os.set(ColorScheme.LIGHT);

        // then
        assertThat(themes.themeProperty().get()).isEqualTo(Theme.LIGHT);

        // when the user toggles, then the OS changes again
        themes.toggle();
        os.set(ColorScheme.LIGHT);
        os.set(ColorScheme.DARK);

        // then the user's choice stays
        assertThat(themes.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(applied).containsExactly(Theme.DARK.userAgentStylesheet(), Theme.LIGHT.userAgentStylesheet(),
                Theme.DARK.userAgentStylesheet());
    }
}
