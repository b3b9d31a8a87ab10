package dev.drover.app.clusters;

import dev.drover.app.clusters.DetailRows.ConditionRow;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One condition: a check or a cross, its type and status, why, and since when. */
final class ConditionCell extends ListCell<ConditionRow> {

    private final FontIcon icon = new FontIcon();
    private final Label type = new Label();
    private final Label since = new Label();
    private final Label message = new Label();
    private final HBox header;
    private final VBox box;

    ConditionCell() {
        getStyleClass().add("condition-cell");
        type.getStyleClass().add("condition-type");
        type.setGraphic(icon);
        since.getStyleClass().add("muted");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        header = new HBox(type, gap, since);
        box = new VBox(header, message);
        box.getStyleClass().add("condition-box");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ConditionRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        type.setText(row.type() + " · " + row.status());
        icon.setIconCode(row.ok() ? Feather.CHECK_CIRCLE : Feather.X_CIRCLE);
        icon.getStyleClass().setAll("ikonli-font-icon", row.ok() ? "condition-ok" : "condition-bad");
        since.setText(row.since());
        message.setText(row.message());
        message.setVisible(!row.message().isEmpty());
        message.setManaged(message.isVisible());
        setGraphic(box);
    }
}
