package dev.drover.app.workloads;

import java.util.List;
import javafx.scene.control.TableCell;

/** A status word coloured by what it means: running/ready green, pending/updating amber, failed red. */
final class StatusCell extends TableCell<WorkloadRow, String> {

    private static final List<String> CLASSES = List.of("status-good", "status-busy", "status-bad");

    StatusCell() {
        getStyleClass().add("status-cell");
    }

    private String shownClass = "";

    @Override
    protected void updateItem(String status, boolean empty) {
        super.updateItem(status, empty);
        setText(empty ? null : status);
        String styleClass = empty || status == null ? "" : switch (status) {
            case "Running", "Active", "Succeeded", "Ready", "Available" -> "status-good";
            case "Pending", "Updating", "ContainerCreating", "Terminating", "Progressing" -> "status-busy";
            default -> "status-bad";
        };
        // Touching the style classes re-applies CSS to the cell; with a table repainting ten times a
        // second that was most of the FX thread's time, so only a real change touches them.
        if (!styleClass.equals(shownClass)) {
            getStyleClass().removeAll(CLASSES);
            if (!styleClass.isEmpty()) {
                getStyleClass().add(styleClass);
            }
            shownClass = styleClass;
        }
    }
}
