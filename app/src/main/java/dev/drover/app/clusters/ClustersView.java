package dev.drover.app.clusters;

import dev.drover.app.fx.Fxml;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;

/**
 * The clusters page: a sortable, filterable table, an empty state when there are none, any watch
 * error, the "Add cluster" panel and the import command of the selected imported cluster.
 */
public final class ClustersView {

    private final ClustersViewModel viewModel;
    private final AddClusterViewModel addCluster;
    private final Parent root;
    private AddClusterView addClusterView;

    @FXML
    private StackPane overlay;
    @FXML
    private TextField filter;
    @FXML
    private Button showImport;
    @FXML
    private SplitPane split;
    @FXML
    private TableView<ClusterRow> table;
    @FXML
    private TableColumn<ClusterRow, String> nameColumn;
    @FXML
    private TableColumn<ClusterRow, String> kindColumn;
    @FXML
    private TableColumn<ClusterRow, String> stateColumn;
    @FXML
    private TableColumn<ClusterRow, String> versionColumn;
    @FXML
    private Label count;
    @FXML
    private Label error;

    private final ClusterDetailViewModel detail;

    public ClustersView(ClustersViewModel viewModel, AddClusterViewModel addCluster, ClusterDetailViewModel detail) {
        this.viewModel = viewModel;
        this.addCluster = addCluster;
        this.detail = detail;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        show(nameColumn, ClusterRow::name);
        show(kindColumn, ClusterRow::kind);
        show(stateColumn, ClusterRow::state);
        show(versionColumn, ClusterRow::kubernetesVersion);
        stateColumn.setCellFactory(column -> new ClusterStateCell());
        nameColumn.setComparator(String.CASE_INSENSITIVE_ORDER);

        FilteredList<ClusterRow> filtered = new FilteredList<>(viewModel.clusters());
        filter.textProperty().addListener((observable, old, text) -> filtered.setPredicate(ClusterRow.matching(text)));
        SortedList<ClusterRow> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(nameColumn);

        count.textProperty().bind(viewModel.countText());
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        table.getSelectionModel().selectedItemProperty().addListener((observable, old, row) ->
                viewModel.select(row == null ? "" : row.id()));
        viewModel.selectedProperty().addListener((observable, old, id) -> selectRow(id));
        showImport.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ClusterRow row = table.getSelectionModel().getSelectedItem();
            return row == null || !row.kind().equals("Imported");
        }, table.getSelectionModel().selectedItemProperty()));

        addClusterView = new AddClusterView(addCluster, this::closeOverlay);
        split.getItems().add(new ClusterDetailView(detail).root());
        split.setDividerPositions(0.52);
        overlay.setVisible(false);
        overlay.setOnMouseClicked(event -> {
            if (event.getTarget() == overlay) {
                closeOverlay();
            }
        });
        overlay.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                closeOverlay();
                event.consume();
            }
        });
    }

    private void selectRow(String id) {
        for (ClusterRow row : table.getItems()) {
            if (row.id().equals(id)) {
                if (table.getSelectionModel().getSelectedItem() != row) {
                    table.getSelectionModel().select(row);
                    table.scrollTo(row);
                }
                return;
            }
        }
    }

    @FXML
    private void addCluster() {
        addCluster.reset();
        openOverlay();
    }

    @FXML
    private void showImport() {
        ClusterRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            addCluster.showImport(row.id());
            openOverlay();
        }
    }

    private void openOverlay() {
        overlay.getChildren().setAll(addClusterView.root());
        overlay.setVisible(true);
        addClusterView.focus();
    }

    private void closeOverlay() {
        overlay.setVisible(false);
        table.requestFocus();
    }

    private static void show(TableColumn<ClusterRow, String> column, Function<ClusterRow, String> value) {
        column.setCellValueFactory(cell -> text(value.apply(cell.getValue())));
    }

    private static ObservableValue<String> text(String value) {
        return new ReadOnlyStringWrapper(value);
    }
}
