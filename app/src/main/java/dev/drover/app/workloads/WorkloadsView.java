package dev.drover.app.workloads;

import dev.drover.app.fx.Fxml;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The workloads page: a Workloads tab and a Pods tab, each a virtualised table over
 * {@link dev.drover.app.fx.LiveRows}. Sorting is done by the list (with comparators over the row's
 * fields, not the table's cell-value comparator, which would build a cell value per comparison);
 * {@code /} focuses the filter.
 */
public final class WorkloadsView {

    private final WorkloadsViewModel viewModel;
    private final WorkloadActionsViewModel actions;
    private final WorkloadDialogs dialogs;
    private final Parent root;
    private final Map<TableColumn<WorkloadRow, ?>, Comparator<WorkloadRow>> orders = new HashMap<>();

    @FXML
    private Label count;
    @FXML
    private TextField filter;
    @FXML
    private ChoiceBox<WorkloadsViewModel.Scope> scope;
    @FXML
    private ChoiceBox<WorkloadsViewModel.ProjectScope> project;
    @FXML
    private Label error;
    @FXML
    private TabPane tabs;
    @FXML
    private Tab workloadsTab;
    @FXML
    private Tab podsTab;
    @FXML
    private TableView<WorkloadRow> workloadTable;
    @FXML
    private TableColumn<WorkloadRow, String> workloadName;
    @FXML
    private TableColumn<WorkloadRow, String> workloadNamespace;
    @FXML
    private TableColumn<WorkloadRow, String> workloadKind;
    @FXML
    private TableColumn<WorkloadRow, String> workloadReady;
    @FXML
    private TableColumn<WorkloadRow, String> workloadStatus;
    @FXML
    private TableView<WorkloadRow> podTable;
    @FXML
    private TableColumn<WorkloadRow, String> podName;
    @FXML
    private TableColumn<WorkloadRow, String> podNamespace;
    @FXML
    private TableColumn<WorkloadRow, String> podStatus;
    @FXML
    private TableColumn<WorkloadRow, String> podReady;
    @FXML
    private TableColumn<WorkloadRow, String> podNode;
    @FXML
    private TableColumn<WorkloadRow, String> podOwner;
    @FXML
    private HBox ownerChip;
    @FXML
    private Label ownerLabel;
    @FXML
    private Button showPods;

    @FXML
    private HBox workloadButtons;
    @FXML
    private HBox podButtons;
    @FXML
    private Label actionError;
    @FXML
    private Label actionNotice;

    /** Read-only: no actions (tests and benchmarks of the tables alone). */
    public WorkloadsView(WorkloadsViewModel viewModel) {
        this(viewModel, null);
    }

    /** With scale, redeploy, delete, YAML and logs through {@code actions}. */
    public WorkloadsView(WorkloadsViewModel viewModel, WorkloadActionsViewModel actions) {
        this.viewModel = viewModel;
        this.actions = actions;
        this.dialogs = actions == null ? null : new WorkloadDialogs(actions);
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        column(workloadName, WorkloadRow::name, Comparator.comparing(WorkloadRow::name));
        column(workloadNamespace, WorkloadRow::namespace, Comparator.comparing(WorkloadRow::namespace));
        column(workloadKind, WorkloadRow::kind, Comparator.comparing(WorkloadRow::kind));
        column(workloadReady, WorkloadRow::readyText, Comparator.comparingInt(WorkloadRow::ready));
        column(workloadStatus, WorkloadRow::status, Comparator.comparing(WorkloadRow::status));
        column(podName, WorkloadRow::name, Comparator.comparing(WorkloadRow::name));
        column(podNamespace, WorkloadRow::namespace, Comparator.comparing(WorkloadRow::namespace));
        column(podStatus, WorkloadRow::status, Comparator.comparing(WorkloadRow::status));
        column(podReady, WorkloadRow::readyText, Comparator.comparingInt(WorkloadRow::ready));
        column(podNode, WorkloadRow::node, Comparator.comparing(WorkloadRow::node));
        column(podOwner, WorkloadRow::owner, Comparator.comparing(WorkloadRow::owner));
        workloadStatus.setCellFactory(column -> new StatusCell());
        podStatus.setCellFactory(column -> new StatusCell());

        workloadTable.setItems(viewModel.workloads());
        podTable.setItems(viewModel.pods());
        sortBy(workloadTable, viewModel::sortWorkloads);
        sortBy(podTable, viewModel::sortPods);

        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());
        scope.setItems(viewModel.scopes());
        scope.setConverter(new StringConverter<>() {
            @Override
            public String toString(WorkloadsViewModel.Scope choice) {
                return choice == null ? "" : choice.label();
            }

            @Override
            public WorkloadsViewModel.Scope fromString(String text) {
                return null;
            }
        });
        scope.setValue(WorkloadsViewModel.Scope.ALL);
        scope.valueProperty().addListener((observable, old, choice) -> viewModel.scopeProperty().set(choice == null ? "" : choice.clusterId()));
        viewModel.scopeProperty().addListener((observable, old, id) -> showScope(id));
        // Replacing the choices clears the box's value; show the scope that still holds.
        viewModel.scopes().addListener((javafx.collections.ListChangeListener<WorkloadsViewModel.Scope>) change ->
                showScope(viewModel.scopeProperty().get()));
        ProjectPicker.attach(project, viewModel);
        count.textProperty().bind(viewModel.countText());
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        ownerChip.visibleProperty().bind(viewModel.ownerProperty().isNotEmpty());
        ownerChip.managedProperty().bind(ownerChip.visibleProperty());
        ownerLabel.textProperty().bind(viewModel.ownerProperty().map(owner -> "Pods of " + owner));
        showPods.disableProperty().bind(workloadTable.getSelectionModel().selectedItemProperty().isNull());
        WorkloadActionBar.attach(actions, workloadButtons, podButtons, workloadTable, podTable, actionError, actionNotice);
    }

    /** The row the actions apply to: the selected row of the tab shown. */
    private WorkloadRow target() {
        TableView<WorkloadRow> table = tabs.getSelectionModel().getSelectedItem() == podsTab ? podTable : workloadTable;
        return table.getSelectionModel().getSelectedItem();
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    private void scale() {
        WorkloadRow row = target();
        if (actions != null && row != null && !row.isPod()) {
            dialogs.askReplicas(row, window()).ifPresent(replicas -> actions.scale(row, replicas));
        }
    }

    @FXML
    private void redeploy() {
        WorkloadRow row = target();
        if (actions != null && row != null && !row.isPod()) {
            actions.redeploy(row);
        }
    }

    @FXML
    private void delete() {
        WorkloadRow row = target();
        if (actions != null && row != null && dialogs.confirmDelete(row, window())) {
            actions.delete(row);
        }
    }

    @FXML
    private void editYaml() {
        WorkloadRow row = target();
        if (actions != null && row != null) {
            dialogs.openYaml(row, window());
        }
    }

    @FXML
    private void logs() {
        WorkloadRow row = target();
        if (actions != null && row != null && row.isPod()) {
            dialogs.openLogs(row, window());
        }
    }

    private void showScope(String id) {
        viewModel.scopes().stream().filter(choice -> choice.clusterId().equals(id)).findFirst().ifPresent(scope::setValue);
    }

    private void column(TableColumn<WorkloadRow, String> column, Function<WorkloadRow, String> value, Comparator<WorkloadRow> order) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        orders.put(column, order);
    }

    /** The table asks to sort; the list sorts itself by the chosen columns' comparators. */
    private void sortBy(TableView<WorkloadRow> table, Consumer<Comparator<WorkloadRow>> sort) {
        table.setSortPolicy(sorted -> {
            Comparator<WorkloadRow> order = null;
            for (TableColumn<WorkloadRow, ?> column : sorted.getSortOrder()) {
                Comparator<WorkloadRow> by = orders.get(column);
                if (by == null) {
                    continue;
                }
                by = column.getSortType() == TableColumn.SortType.DESCENDING ? by.reversed() : by;
                order = order == null ? by : order.thenComparing(by);
            }
            sort.accept(order);
            return true;
        });
    }

    @FXML
    private void showPods() {
        WorkloadRow workload = workloadTable.getSelectionModel().getSelectedItem();
        if (workload != null) {
            viewModel.showPodsOf(workload);
            tabs.getSelectionModel().select(podsTab);
        }
    }

    /** Esc on the pods of one workload goes back to all pods; otherwise the shell takes it. */
    @FXML
    private void onKey(KeyEvent event) {
        if (actions != null && event.getTarget() instanceof TableView<?> && onActionKey(event)) {
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE && !viewModel.ownerProperty().get().isEmpty()) {
            viewModel.showPodsOf(null);
            tabs.getSelectionModel().select(workloadsTab);
            event.consume();
        }
    }

    /** Delete asks to delete; Ctrl+E edits the YAML; Ctrl+L shows a pod's log; Ctrl+R redeploys. */
    private boolean onActionKey(KeyEvent event) {
        switch (event.getCode()) {
            case DELETE -> delete();
            case E -> {
                if (!event.isShortcutDown()) {
                    return false;
                }
                editYaml();
            }
            case L -> {
                if (!event.isShortcutDown()) {
                    return false;
                }
                logs();
            }
            case R -> {
                if (!event.isShortcutDown()) {
                    return false;
                }
                redeploy();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @FXML
    private void showAllPods() {
        viewModel.showPodsOf(null);
    }
}
