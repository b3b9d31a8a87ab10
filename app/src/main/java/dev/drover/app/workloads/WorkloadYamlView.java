package dev.drover.app.workloads;

import static dev.drover.app.fx.PageParts.showWhenSet;

import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * A workload's YAML in a monospace editor: Apply (Ctrl+S) sends it, Reload fetches the stored object, Esc
 * closes. A refused apply shows the engine's sentence above the text and leaves the text as typed.
 */
public final class WorkloadYamlView {

    private final WorkloadYamlViewModel viewModel;
    private final Parent root;

    @FXML
    private Label title;
    @FXML
    private Label modified;
    @FXML
    private Label error;
    @FXML
    private Label notice;
    @FXML
    private TextArea editor;
    @FXML
    private Button apply;
    @FXML
    private Button reload;

    public WorkloadYamlView(WorkloadYamlViewModel viewModel) {
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
        editor.textProperty().bindBidirectional(viewModel.textProperty());
        modified.visibleProperty().bind(viewModel.modifiedBinding());
        apply.disableProperty().bind(viewModel.busyProperty().or(viewModel.modifiedBinding().not()));
        reload.disableProperty().bind(viewModel.busyProperty());
        showWhenSet(error, viewModel.errorProperty());
        showWhenSet(notice, viewModel.noticeProperty());
    }

    private void onKey(KeyEvent event) {
        if (event.isShortcutDown() && event.getCode() == KeyCode.S) {
            if (!apply.isDisabled()) {
                apply();
            }
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE) {
            close();
            event.consume();
        }
    }

    @FXML
    private void apply() {
        viewModel.apply();
    }

    @FXML
    private void reload() {
        viewModel.reload();
    }

    @FXML
    private void close() {
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            root.getScene().getWindow().hide();
        }
    }
}
