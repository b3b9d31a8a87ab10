package dev.drover.app.clusters;

import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The selected cluster beside the table: name, id, kind, state, Kubernetes version, and removing it
 * from management after a confirmation that names it.
 */
public final class ClusterDetailView {

    private final ClusterDetailViewModel viewModel;
    private final Parent root;

    @FXML
    private VBox details;
    @FXML
    private Label nothingSelected;
    @FXML
    private Label detailName;
    @FXML
    private Label detailId;
    @FXML
    private Label detailKind;
    @FXML
    private Label detailState;
    @FXML
    private Label detailVersion;
    @FXML
    private Button deleteCluster;
    @FXML
    private Label detailError;

    public ClusterDetailView(ClusterDetailViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        details.visibleProperty().bind(viewModel.clusterProperty().isNotNull());
        details.managedProperty().bind(details.visibleProperty());
        nothingSelected.visibleProperty().bind(viewModel.clusterProperty().isNull());
        nothingSelected.managedProperty().bind(nothingSelected.visibleProperty());
        viewModel.clusterProperty().addListener((observable, old, row) -> show(row));
        deleteCluster.disableProperty().bind(viewModel.busyProperty());
        detailError.textProperty().bind(viewModel.errorProperty());
        detailError.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        detailError.managedProperty().bind(detailError.visibleProperty());
        show(viewModel.clusterProperty().get());
    }

    private void show(ClusterRow row) {
        if (row == null) {
            return;
        }
        detailName.setText(row.name());
        detailId.setText(row.id());
        detailKind.setText(row.kind());
        detailState.setText(row.state());
        detailVersion.setText(row.kubernetesVersion());
    }

    @FXML
    private void delete() {
        ClusterRow row = viewModel.clusterProperty().get();
        if (row == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.setTitle("Remove cluster");
        confirm.setHeaderText("Remove " + row.name() + " from Drover?");
        confirm.setContentText("Drover stops managing it. The cluster and its workloads keep running.");
        ButtonType remove = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(ButtonType.CANCEL, remove);
        confirm.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        confirm.showAndWait().filter(remove::equals).ifPresent(yes -> viewModel.delete());
    }
}
