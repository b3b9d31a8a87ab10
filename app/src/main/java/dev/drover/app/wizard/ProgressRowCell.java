package dev.drover.app.wizard;

import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A plane or node: a state badge, its title and what it is doing; follows the row's properties while shown. */
final class ProgressRowCell extends ListCell<ProgressRow> {

    private final Label badge = new Label();
    private final Label title = new Label();
    private final Label detail = new Label();
    private final HBox box = new HBox(badge, title, detail);
    private final ChangeListener<Object> refresh = (observable, old, value) -> show();
    private ProgressRow shown;

    ProgressRowCell() {
        badge.getStyleClass().add("state-badge");
        title.getStyleClass().add("progress-title");
        detail.getStyleClass().add("progress-detail");
        HBox.setHgrow(detail, Priority.ALWAYS);
        detail.setMinWidth(0);
        // sized by the list, not by its text: a long step message ellipsizes instead of adding a horizontal scroll bar
        setPrefWidth(0);
        box.getStyleClass().add("progress-row");
    }

    @Override
    protected void updateItem(ProgressRow row, boolean empty) {
        super.updateItem(row, empty);
        if (shown != null) {
            shown.stateProperty().removeListener(refresh);
            shown.detailProperty().removeListener(refresh);
        }
        shown = empty ? null : row;
        if (shown == null) {
            setGraphic(null);
            return;
        }
        shown.stateProperty().addListener(refresh);
        shown.detailProperty().addListener(refresh);
        show();
        setGraphic(box);
    }

    private void show() {
        ProgressRow.State state = shown.stateProperty().get();
        badge.setText(switch (state) {
            case WAITING -> "waiting";
            case RUNNING -> "running";
            case DONE -> "done";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
        });
        badge.getStyleClass().removeIf(s -> s.startsWith("state-") && !s.equals("state-badge"));
        badge.getStyleClass().add("state-" + state.name().toLowerCase(java.util.Locale.ROOT));
        title.setText(shown.title());
        detail.setText(shown.detailProperty().get());
    }
}
