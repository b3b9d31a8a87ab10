package dev.drover.app.offline;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The read-only workloads table of the offline page (kind, namespace, name, ready, age), under a title naming the
 * context it was read through. Built in code: it is one table and two labels inside {@link OfflineView}.
 */
final class OfflineWorkloadsView {

    private final VBox root = new VBox(6);

    OfflineWorkloadsView(OfflineWorkloadsViewModel viewModel) {
        Label title = new Label();
        title.setId("offlineWorkloadsTitle");
        title.getStyleClass().add("section-title");
        title.textProperty().bind(viewModel.titleProperty());
        Label error = new Label();
        error.setId("offlineWorkloadsError");
        error.getStyleClass().add("page-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        TableView<OfflineVault.Workload> table = new TableView<>(viewModel.workloads());
        table.setId("offlineWorkloads");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Namespace", 160, OfflineVault.Workload::namespace));
        table.getColumns().add(column("Kind", 120, OfflineVault.Workload::kind));
        table.getColumns().add(column("Name", 260, OfflineVault.Workload::name));
        table.getColumns().add(column("Ready", 80, OfflineVault.Workload::ready));
        table.getColumns().add(column("Age", 80, w -> viewModel.age(w.created())));
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder");
        placeholder.textProperty().bind(viewModel.loadingProperty().map(busy -> busy ? "Reading the cluster…" : "No workloads."));
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(title, error, table);
        root.getStyleClass().add("offline-workloads");
        root.setPadding(new javafx.geometry.Insets(10, 0, 0, 0));
    }

    private static TableColumn<OfflineVault.Workload, String> column(String text, double width, Function<OfflineVault.Workload, String> value) {
        TableColumn<OfflineVault.Workload, String> column = new TableColumn<>(text);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    Parent root() {
        return root;
    }
}
