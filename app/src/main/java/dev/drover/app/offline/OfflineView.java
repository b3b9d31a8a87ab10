package dev.drover.app.offline;

import static dev.drover.app.fx.PageParts.showWhenSet;
import static dev.drover.app.fx.PageParts.textColumn;

import dev.drover.app.fx.Fxml;
import dev.drover.app.offline.OfflineViewModel.ContextRow;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/**
 * The offline recovery page: a banner saying the server cannot be reached, the vault's direct contexts
 * with their test results, Test all, Browse workloads (a read-only table read through the selected reachable
 * context, {@link OfflineWorkloadsView}), and writing a kubeconfig of the reachable ones. "Try the server
 * again" goes back to the connect page.
 */
public final class OfflineView {

    private final OfflineViewModel viewModel;
    private final Runnable back;
    private final Parent root;

    @FXML
    private Label vaultLocation;
    @FXML
    private Button tryAgain;
    @FXML
    private TableView<ContextRow> contexts;
    @FXML
    private TableColumn<ContextRow, String> contextName;
    @FXML
    private TableColumn<ContextRow, String> contextServer;
    @FXML
    private TableColumn<ContextRow, ContextRow> contextStatus;
    @FXML
    private Button testAll;
    @FXML
    private Button browse;
    @FXML
    private javafx.scene.layout.VBox workloadsPane;
    @FXML
    private TextField target;
    @FXML
    private Button write;
    @FXML
    private Label error;
    @FXML
    private Label notice;

    /** @param back what "Try the server again" does; {@code null} hides it */
    public OfflineView(OfflineViewModel viewModel, Runnable back) {
        this.viewModel = viewModel;
        this.back = back;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        vaultLocation.setText("Vault: " + viewModel.location());
        tryAgain.setVisible(back != null);
        tryAgain.setManaged(back != null);
        textColumn(contextName, ContextRow::name);
        textColumn(contextServer, ContextRow::server);
        contextStatus.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        contextStatus.setCellFactory(column -> new StatusCell());
        contexts.setItems(viewModel.contexts());
        testAll.disableProperty().bind(viewModel.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(viewModel.contexts())));
        write.disableProperty().bind(viewModel.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(viewModel.contexts())));
        target.textProperty().bindBidirectional(viewModel.targetProperty());
        // Only a context whose test answered can be browsed: the others would just time out again.
        browse.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            ContextRow row = contexts.getSelectionModel().getSelectedItem();
            return row == null || row.state() != OfflineViewModel.State.REACHABLE;
        }, contexts.getSelectionModel().selectedItemProperty(), viewModel.contexts()));
        workloadsPane.getChildren().setAll(new OfflineWorkloadsView(viewModel.workloads()).root());
        workloadsPane.setVisible(false);
        workloadsPane.managedProperty().bind(workloadsPane.visibleProperty());
        showWhenSet(error, viewModel.errorProperty());
        showWhenSet(notice, viewModel.noticeProperty());
    }

    @FXML
    private void testAll() {
        viewModel.testAll();
    }

    @FXML
    private void browse() {
        viewModel.browse(contexts.getSelectionModel().getSelectedItem());
        workloadsPane.setVisible(viewModel.workloads().isShown());
    }

    @FXML
    private void write() {
        viewModel.writeKubeconfig();
    }

    @FXML
    private void tryAgain() {
        if (back != null) {
            back.run();
        }
    }

    /** The test result, coloured: reachable, unreachable, or not yet known. */
    private static final class StatusCell extends TableCell<ContextRow, ContextRow> {
        @Override
        protected void updateItem(ContextRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("state-good", "state-bad", "state-busy");
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(row.detail());
            switch (row.state()) {
                case REACHABLE -> getStyleClass().add("state-good");
                case UNREACHABLE -> getStyleClass().add("state-bad");
                case TESTING -> getStyleClass().add("state-busy");
                case UNTESTED -> { }
            }
        }
    }
}
