package dev.drover.app.workloads;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The dialogs and windows of the workload actions: the replicas spinner, the delete confirmation that
 * names the workload, the YAML editor and the pod log windows. Knows no engine: it asks
 * {@link WorkloadActionsViewModel} for what to show.
 */
final class WorkloadDialogs {

    private final WorkloadActionsViewModel actions;

    WorkloadDialogs(WorkloadActionsViewModel actions) {
        this.actions = actions;
    }

    /** Asks for the replicas (spinner starts at the current desired count); empty when cancelled. */
    Optional<Integer> askReplicas(WorkloadRow row, Window owner) {
        Dialog<Integer> dialog = new Dialog<>();
        dialog.setTitle("Scale");
        dialog.setHeaderText("Scale " + WorkloadRefs.title(row));
        dialog.initOwner(owner);
        Spinner<Integer> replicas = new Spinner<>(0, 1_000, row.desired());
        replicas.setId("replicas");
        replicas.setEditable(true);
        VBox body = new VBox(8, new Label("Replicas (now " + row.readyText() + " ready)"), replicas);
        dialog.getDialogPane().setContent(body);
        ButtonType scale = new ButtonType("Scale", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, scale);
        dialog.setResultConverter(button -> {
            if (button != scale) {
                return null;
            }
            // A typed number counts even if the user did not press Enter in the spinner's field.
            try {
                replicas.getValueFactory().setValue(Integer.parseInt(replicas.getEditor().getText().strip()));
            } catch (NumberFormatException e) {
                replicas.getEditor().setText(String.valueOf(replicas.getValue()));
            }
            return replicas.getValue();
        });
        dialog.setOnShown(event -> replicas.requestFocus());
        return dialog.showAndWait();
    }

    /** Asks whether to delete, naming the workload; true when the user said Delete. */
    boolean confirmDelete(WorkloadRow row, Window owner) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.setTitle("Delete");
        confirm.setHeaderText("Delete " + WorkloadRefs.title(row) + "?");
        confirm.setContentText(row.isPod()
                ? "Its controller, if any, starts a replacement."
                : "Its pods stop and are removed. This cannot be undone.");
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(ButtonType.CANCEL, delete);
        confirm.initOwner(owner);
        // Cancel is the default: Enter on a stray key press must not delete.
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(delete)).setDefaultButton(false);
        ((javafx.scene.control.Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return confirm.showAndWait().filter(delete::equals).isPresent();
    }

    /** Opens the YAML editor of {@code row} in its own window. */
    Stage openYaml(WorkloadRow row, Window owner) {
        return window(new WorkloadYamlView(actions.yaml(row)).root(), "YAML · " + WorkloadRefs.title(row), owner, 820, 640, null);
    }

    /** Opens the live log of {@code pod}; closing the window ends the follow. */
    Stage openLogs(WorkloadRow pod, Window owner) {
        PodLogViewModel log = actions.logs(pod);
        return window(new PodLogView(log).root(), "Logs · " + log.title(), owner, 900, 560, log);
    }

    private static Stage window(Node content, String title, Window owner, double width, double height, AutoCloseable onClose) {
        Stage stage = new Stage();
        stage.setTitle(title);
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        Scene scene = new Scene((javafx.scene.Parent) content, width, height);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        if (onClose != null) {
            stage.setOnHidden(event -> {
                try {
                    onClose.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        stage.show();
        return stage;
    }
}
