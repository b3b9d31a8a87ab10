package dev.drover.app.workloads;

import dev.drover.app.fx.Fxml;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A pod's live log: monospace lines (virtualised, so 5,000 lines cost what 40 visible ones do), kept
 * scrolled to the end while following; Space pauses and resumes, Esc closes (which ends the follow).
 */
public final class PodLogView {

    private final PodLogViewModel viewModel;
    private final Parent root;

    @FXML
    private Label title;
    @FXML
    private Label status;
    @FXML
    private ListView<String> lines;
    @FXML
    private ToggleButton pause;

    public PodLogView(PodLogViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        title.setText(viewModel.title());
        status.textProperty().bind(viewModel.statusProperty());
        lines.setItems(viewModel.lines());
        pause.selectedProperty().bindBidirectional(viewModel.pausedProperty());
        pause.textProperty().bind(viewModel.pausedProperty().map(paused -> paused ? "Resume" : "Pause"));
        pause.graphicProperty().bind(viewModel.pausedProperty().map(paused -> new FontIcon(paused ? Feather.PLAY : Feather.PAUSE)));
        viewModel.lines().addListener((ListChangeListener<String>) change -> {
            if (!viewModel.pausedProperty().get() && !lines.getItems().isEmpty()) {
                lines.scrollTo(lines.getItems().size() - 1);
            }
        });
    }

    private void onKey(KeyEvent event) {
        if (event.getCode() == KeyCode.ESCAPE) {
            close();
            event.consume();
        } else if (event.getCode() == KeyCode.SPACE) {
            viewModel.pausedProperty().set(!viewModel.pausedProperty().get());
            event.consume();
        }
    }

    @FXML
    private void clear() {
        viewModel.clear();
    }

    @FXML
    private void close() {
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            root.getScene().getWindow().hide();
        }
    }
}
