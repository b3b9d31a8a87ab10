package dev.drover.app.clusters;

import static dev.drover.app.fx.PageParts.showWhenSet;
import static dev.drover.app.fx.PageParts.textColumn;

import dev.drover.app.clusters.DetailRows.ConditionRow;
import dev.drover.app.clusters.DetailRows.EventRow;
import dev.drover.app.clusters.DetailRows.NodeRow;
import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The selected cluster beside the table: name, id, kind, state, Kubernetes version; tabs with its
 * conditions, nodes and live events; and removing it from management after a confirmation that names it.
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
    @FXML
    private ListView<ConditionRow> conditions;
    @FXML
    private TableView<NodeRow> nodes;
    @FXML
    private TableColumn<NodeRow, String> nodeName;
    @FXML
    private TableColumn<NodeRow, String> nodeRoles;
    @FXML
    private TableColumn<NodeRow, String> nodeReady;
    @FXML
    private TableColumn<NodeRow, String> nodeVersion;
    @FXML
    private TableColumn<NodeRow, String> nodeCpu;
    @FXML
    private TableColumn<NodeRow, String> nodeMemory;
    @FXML
    private Label nodesPlaceholder;
    @FXML
    private ListView<EventRow> events;
    @FXML
    private Label eventsMessage;

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
        showWhenSet(detailError, viewModel.errorProperty());
        show(viewModel.clusterProperty().get());

        conditions.setItems(viewModel.conditions());
        conditions.setCellFactory(list -> new ConditionCell());
        textColumn(nodeName, NodeRow::name);
        textColumn(nodeRoles, NodeRow::roles);
        textColumn(nodeReady, row -> row.ready() ? "Ready" : "Not ready");
        textColumn(nodeVersion, NodeRow::version);
        textColumn(nodeCpu, NodeRow::cpu);
        textColumn(nodeMemory, NodeRow::memory);
        nodes.setItems(viewModel.nodes());
        nodesPlaceholder.textProperty().bind(viewModel.nodesMessageProperty()
                .map(message -> message.isEmpty() ? "No nodes reported." : message));
        events.setItems(viewModel.events());
        events.setCellFactory(list -> new EventCell(viewModel::now));
        showWhenSet(eventsMessage, viewModel.eventsMessageProperty());
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
