package dev.drover.app.clusters;

import java.util.Comparator;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;

/**
 * The cluster box of per-cluster pages (projects, node pools): offers the clusters by name, keeps the
 * chosen one across list changes (a row changes with every state change, its id does not), and picks
 * the first cluster when none is chosen yet.
 */
public final class ClusterPicker {

    private ClusterPicker() {
    }

    public static void bind(ComboBox<ClusterRow> box, ObservableList<ClusterRow> clusters, StringProperty clusterId) {
        box.setPromptText("No clusters");
        box.setCellFactory(list -> new NameCell());
        box.setButtonCell(new NameCell());
        Runnable refresh = () -> {
            box.getItems().setAll(clusters.stream().sorted(Comparator.comparing(ClusterRow::name)).toList());
            String id = clusterId.get();
            ClusterRow chosen = box.getItems().stream().filter(row -> row.id().equals(id)).findFirst()
                    .orElse(box.getItems().isEmpty() ? null : box.getItems().getFirst());
            box.setValue(chosen);
        };
        clusters.addListener((ListChangeListener<ClusterRow>) change -> refresh.run());
        box.valueProperty().addListener((observable, old, row) -> {
            if (row != null && !row.id().equals(clusterId.get())) {
                clusterId.set(row.id());
            }
        });
        refresh.run();
    }

    private static final class NameCell extends ListCell<ClusterRow> {
        @Override
        protected void updateItem(ClusterRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(empty || row == null ? null : row.name());
        }
    }
}
