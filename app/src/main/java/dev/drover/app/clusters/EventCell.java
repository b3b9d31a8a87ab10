package dev.drover.app.clusters;

import dev.drover.app.clusters.DetailRows.EventRow;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One event: reason (warnings marked), message, and "×3 · Cluster/c-1 · 5m ago". */
final class EventCell extends ListCell<EventRow> {

    private final Supplier<Instant> now;
    private final Label reason = new Label();
    private final Label message = new Label();
    private final Label detail = new Label();
    private final FontIcon icon = new FontIcon();
    private final VBox box = new VBox(reason, message, detail);

    EventCell(Supplier<Instant> now) {
        this.now = now;
        getStyleClass().add("event-cell");
        reason.getStyleClass().add("event-reason");
        reason.setGraphic(icon);
        message.getStyleClass().add("event-message");
        message.setWrapText(true);
        detail.getStyleClass().add("muted");
        box.getStyleClass().add("event-box");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(EventRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        reason.setText(row.reason());
        icon.setIconCode(row.warning() ? Feather.ALERT_TRIANGLE : Feather.INFO);
        reason.getStyleClass().removeAll("state-bad", "state-good");
        icon.getStyleClass().setAll("ikonli-font-icon", row.warning() ? "event-warning" : "event-normal");
        message.setText(row.message());
        detail.setText(row.detail(now.get()));
        setGraphic(box);
    }
}
