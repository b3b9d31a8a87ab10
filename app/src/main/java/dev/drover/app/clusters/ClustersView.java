package dev.drover.app.clusters;

import dev.drover.app.fx.Fxml;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The clusters page: a sortable table, an empty state when there are none, and any watch error. */
public final class ClustersView {

    private final ClustersViewModel viewModel;
    private final Parent root;

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

    public ClustersView(ClustersViewModel viewModel) {
        this.viewModel = viewModel;
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

        SortedList<ClusterRow> sorted = new SortedList<>(viewModel.clusters());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(nameColumn);

        count.textProperty().bind(viewModel.countText());
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
    }

    private static void show(TableColumn<ClusterRow, String> column, Function<ClusterRow, String> value) {
        column.setCellValueFactory(cell -> text(value.apply(cell.getValue())));
    }

    private static ObservableValue<String> text(String value) {
        return new ReadOnlyStringWrapper(value);
    }
}
