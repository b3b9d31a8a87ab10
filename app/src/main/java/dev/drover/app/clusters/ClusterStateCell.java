package dev.drover.app.clusters;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.TableCell;

/** Shows a cluster's state with a style class per state ({@code state-active}, …) so CSS can colour it. */
final class ClusterStateCell extends TableCell<ClusterRow, String> {

    private static final List<String> STATE_CLASSES = List.of("state-active", "state-pending", "state-unavailable", "state-other");

    ClusterStateCell() {
        getStyleClass().add("cluster-state");
    }

    @Override
    protected void updateItem(String state, boolean empty) {
        super.updateItem(state, empty);
        getStyleClass().removeAll(STATE_CLASSES);
        if (empty || state == null) {
            setText(null);
            return;
        }
        setText(state);
        String styleClass = "state-" + state.toLowerCase(Locale.ROOT);
        getStyleClass().add(STATE_CLASSES.contains(styleClass) ? styleClass : "state-other");
    }
}
