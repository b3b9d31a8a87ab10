package dev.drover.app.wizard;

import dev.drover.app.fx.Fxml;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** Step 5: the run's status, what failed and the hint, progress per plane and per node, the log, Cancel. */
public final class ProvisionStepView {

    private final ProvisionStepViewModel viewModel;
    private final Parent root;

    @FXML
    private Label status;
    @FXML
    private Button cancelRun;
    @FXML
    private VBox failureBox;
    @FXML
    private Label failure;
    @FXML
    private Label hint;
    @FXML
    private ListView<ProgressRow> planes;
    @FXML
    private ListView<ProgressRow> hosts;
    @FXML
    private ListView<String> log;

    public ProvisionStepView(ProvisionStepViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    public void focus() {
        (cancelRun.isVisible() ? cancelRun : log).requestFocus();
    }

    @FXML
    private void initialize() {
        status.textProperty().bind(viewModel.statusProperty());
        cancelRun.visibleProperty().bind(viewModel.runningProperty());
        cancelRun.managedProperty().bind(cancelRun.visibleProperty());
        failure.textProperty().bind(viewModel.failureProperty());
        hint.textProperty().bind(viewModel.hintProperty());
        failureBox.visibleProperty().bind(viewModel.failureProperty().isNotEmpty());
        failureBox.managedProperty().bind(failureBox.visibleProperty());
        viewModel.succeededProperty().addListener((observable, old, done) -> status.getStyleClass().add("succeeded"));
        planes.setItems(viewModel.planes());
        planes.setCellFactory(list -> new ProgressRowCell());
        planes.setFocusTraversable(false);
        hosts.setItems(viewModel.hosts());
        hosts.setCellFactory(list -> new ProgressRowCell());
        log.setItems(viewModel.log());
        // follow the end of the log, as a terminal does
        viewModel.log().addListener((ListChangeListener<String>) change -> {
            if (!log.getItems().isEmpty()) {
                log.scrollTo(log.getItems().size() - 1);
            }
        });
    }

    @FXML
    private void cancelRun() {
        viewModel.cancel();
    }
}
