package dev.drover.app.shell;

import dev.drover.app.fx.Fxml;
import dev.drover.app.palette.PaletteView;
import java.util.EnumMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's frame. Shows the page of the selected section; pages are built by the caller so
 * that this class knows no feature. Keys: Ctrl+1 … Ctrl+7 pick a section, Ctrl+K opens the command
 * palette over the window, {@code /} focuses the page's filter (any node with style class
 * {@code page-filter}), Esc closes the palette or, if the page did not use it (a detail going back),
 * returns focus to the sidebar, where the arrow keys move between sections.
 */
public final class ShellView {

    private final ShellViewModel viewModel;
    private final Map<Section, Node> pages;
    private final PaletteView palette;
    private final Parent root;

    @FXML
    private StackPane layers;
    @FXML
    private StackPane paletteLayer;
    @FXML
    private BorderPane frame;
    @FXML
    private ListView<Section> sidebar;
    @FXML
    private StackPane content;
    @FXML
    private Label engineStatus;
    @FXML
    private Label engineVersion;
    @FXML
    private Button themeToggle;

    public ShellView(ShellViewModel viewModel, Map<Section, Node> pages, PaletteView palette) {
        this.viewModel = viewModel;
        this.pages = new EnumMap<>(pages);
        this.palette = palette;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        sidebar.getItems().setAll(viewModel.sections());
        sidebar.setCellFactory(list -> new SidebarCell());
        sidebar.getSelectionModel().selectedItemProperty().addListener((observable, old, section) -> viewModel.select(section));
        viewModel.selectedSectionProperty().addListener((observable, old, section) -> show(section));
        show(viewModel.selectedSectionProperty().get());

        engineStatus.setText(viewModel.engineStatus());
        engineStatus.setTooltip(new Tooltip(viewModel.engineStatus()));
        engineVersion.setText(viewModel.engineVersion());

        viewModel.darkThemeBinding().addListener((observable, old, dark) -> showThemeToggle(dark));
        showThemeToggle(viewModel.darkThemeBinding().get());

        // A filter on the root, so shortcuts work whichever control has the focus; Esc is a handler
        // instead, so a page that uses Esc itself (a detail going back to its list) consumes it first.
        layers.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        layers.addEventHandler(KeyEvent.KEY_PRESSED, this::onEscape);

        paletteLayer.getChildren().setAll(palette.root());
        paletteLayer.setVisible(false);
        paletteLayer.setOnMouseClicked(event -> {
            if (event.getTarget() == paletteLayer) {
                closePalette();
            }
        });
        palette.setOnClose(this::closePalette);
    }

    /** Shows the palette over the window; also what Ctrl+K does. */
    public void openPalette() {
        paletteLayer.setVisible(true);
        palette.opened();
    }

    private void closePalette() {
        paletteLayer.setVisible(false);
        frame.requestFocus();
    }

    private void show(Section section) {
        sidebar.getSelectionModel().select(section);
        Node page = pages.get(section);
        content.getChildren().setAll(page != null ? page : new Label(section.title()));
    }

    private void showThemeToggle(boolean dark) {
        // The button names what a click does, not the current state.
        themeToggle.setText(dark ? "Light theme" : "Dark theme");
        themeToggle.setGraphic(new FontIcon(dark ? Feather.SUN : Feather.MOON));
    }

    private void onKey(KeyEvent event) {
        if (event.isShortcutDown() && event.getCode() == KeyCode.K) {
            openPalette();
            event.consume();
        } else if (paletteLayer.isVisible()) {
            return;
        } else if (event.getCode() == KeyCode.SLASH && !event.isShortcutDown()
                && !(event.getTarget() instanceof TextInputControl)) {
            Node filter = content.lookup(".page-filter");
            if (filter != null && filter.isVisible()) {
                filter.requestFocus();
                event.consume();
            }
        } else if (event.isShortcutDown() && event.getCode().isDigitKey()) {
            int number = event.getCode().getCode() - KeyCode.DIGIT0.getCode();
            if (event.getCode().isKeypadKey()) {
                number = event.getCode().getCode() - KeyCode.NUMPAD0.getCode();
            }
            viewModel.selectNumber(number);
            event.consume();
        }
    }

    private void onEscape(KeyEvent event) {
        if (event.getCode() == KeyCode.ESCAPE && !paletteLayer.isVisible() && !sidebar.isFocused()) {
            sidebar.requestFocus();
            event.consume();
        }
    }

    @FXML
    private void toggleTheme() {
        viewModel.toggleTheme();
    }
}
