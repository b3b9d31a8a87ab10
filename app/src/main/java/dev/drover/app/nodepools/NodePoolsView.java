package dev.drover.app.nodepools;

import static dev.drover.app.fx.PageParts.showWhenSet;
import static dev.drover.app.fx.PageParts.textColumn;

import dev.drover.app.clusters.ClusterPicker;
import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.fx.Fxml;
import dev.drover.app.fx.PageParts;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyEvent;

/**
 * The node pools page: the pools of the chosen cluster (desired quantity and observed nodes), scaled with
 * the − and + buttons (or the − and + keys on the table), and the nodes of the selected pool below.
 */
public final class NodePoolsView {

    private final NodePoolsViewModel viewModel;
    private final Parent root;

    @FXML
    private ComboBox<ClusterRow> cluster;
    @FXML
    private Label error;
    @FXML
    private Label notice;
    @FXML
    private TableView<PoolRow> pools;
    @FXML
    private TableColumn<PoolRow, String> poolName;
    @FXML
    private TableColumn<PoolRow, String> poolRoles;
    @FXML
    private TableColumn<PoolRow, String> poolTemplate;
    @FXML
    private TableColumn<PoolRow, String> poolQuantity;
    @FXML
    private TableColumn<PoolRow, String> poolNodes;
    @FXML
    private Button scaleDown;
    @FXML
    private Button scaleUp;
    @FXML
    private Label selectedPool;
    @FXML
    private TableView<PoolRow.NodeRow> nodes;
    @FXML
    private TableColumn<PoolRow.NodeRow, String> nodeName;
    @FXML
    private TableColumn<PoolRow.NodeRow, String> nodeAddress;
    @FXML
    private TableColumn<PoolRow.NodeRow, String> nodeState;
    @FXML
    private TableColumn<PoolRow.NodeRow, String> nodeUnhealthy;

    public NodePoolsView(NodePoolsViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
        PageParts.reloadWhenShown(root, viewModel::reload);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        ClusterPicker.bind(cluster, viewModel.clusters(), viewModel.clusterIdProperty());
        showWhenSet(error, viewModel.errorProperty());
        showWhenSet(notice, viewModel.noticeProperty());
        textColumn(poolName, PoolRow::name);
        textColumn(poolRoles, PoolRow::roles);
        textColumn(poolTemplate, PoolRow::template);
        textColumn(poolQuantity, row -> String.valueOf(row.quantity()));
        textColumn(poolNodes, PoolRow::nodesText);
        pools.setItems(viewModel.pools());
        viewModel.selectedProperty().addListener((observable, old, pool) -> {
            if (pools.getSelectionModel().getSelectedItem() != pool) {
                pools.getSelectionModel().select(pool);
            }
        });
        pools.getSelectionModel().selectedItemProperty().addListener((observable, old, pool) -> {
            if (pool != null) {
                viewModel.selectedProperty().set(pool);
            }
        });
        // Replacing rows clears the table's selection even when the chosen pool stays: show it again.
        viewModel.pools().addListener((javafx.collections.ListChangeListener<PoolRow>) change ->
                pools.getSelectionModel().select(viewModel.selectedProperty().get()));
        selectedPool.textProperty().bind(viewModel.selectedProperty().map(pool -> "Nodes of " + pool.name()).orElse("Nodes"));
        scaleUp.disableProperty().bind(viewModel.selectedProperty().isNull().or(viewModel.busyProperty()));
        scaleDown.disableProperty().bind(viewModel.busyProperty().or(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> viewModel.selectedProperty().get() == null || viewModel.selectedProperty().get().quantity() == 0,
                viewModel.selectedProperty())));
        textColumn(nodeName, PoolRow.NodeRow::name);
        textColumn(nodeAddress, PoolRow.NodeRow::address);
        textColumn(nodeState, PoolRow.NodeRow::state);
        textColumn(nodeUnhealthy, PoolRow.NodeRow::unhealthy);
        nodes.setItems(viewModel.nodes());
    }

    @FXML
    private void scaleUp() {
        scale(1);
    }

    @FXML
    private void scaleDown() {
        scale(-1);
    }

    private void scale(int delta) {
        PoolRow pool = viewModel.selectedProperty().get();
        if (pool != null) {
            viewModel.scale(pool, delta);
        }
    }

    @FXML
    private void refresh() {
        viewModel.reload();
    }

    /** + and − on the pools table scale the selected pool. */
    @FXML
    private void onPoolKey(KeyEvent event) {
        switch (event.getCharacter().isEmpty() ? event.getText() : event.getCharacter()) {
            case "+", "=" -> {
                if (!scaleUp.isDisabled()) {
                    scaleUp();
                }
                event.consume();
            }
            case "-" -> {
                if (!scaleDown.isDisabled()) {
                    scaleDown();
                }
                event.consume();
            }
            default -> { }
        }
    }
}
