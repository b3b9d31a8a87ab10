package dev.drover.app.shell;

import dev.drover.app.fx.Fxml;
import java.util.EnumMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's frame. Shows the page of the selected section; pages are built by the caller so
 * that this class knows no feature. Keys: Ctrl+1 … Ctrl+7 pick a section, Esc returns focus to the
 * sidebar, where the arrow keys move between sections.
 */
public final class ShellView {

    private final ShellViewModel viewModel;
    private final Map<Section, Node> pages;
    private final Parent root;

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

    public ShellView(ShellViewModel viewModel, Map<Section, Node> pages) {
        this.viewModel = viewModel;
        this.pages = new EnumMap<>(pages);
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

        // On the frame, the root, so shortcuts work whichever control has the focus.
        frame.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
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
        if (event.isShortcutDown() && event.getCode().isDigitKey()) {
            int number = event.getCode().getCode() - KeyCode.DIGIT0.getCode();
            if (event.getCode().isKeypadKey()) {
                number = event.getCode().getCode() - KeyCode.NUMPAD0.getCode();
            }
            viewModel.selectNumber(number);
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE && !sidebar.isFocused()) {
            sidebar.requestFocus();
            event.consume();
        }
    }

    @FXML
    private void toggleTheme() {
        viewModel.toggleTheme();
    }
}
