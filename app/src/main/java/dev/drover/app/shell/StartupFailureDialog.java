package dev.drover.app.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/** Tells the user, in their words, why the console cannot start; no stack trace. */
public final class StartupFailureDialog extends Alert {

    public StartupFailureDialog(String message) {
        super(AlertType.ERROR, "", ButtonType.CLOSE);
        setTitle("Drover");
        setHeaderText("Drover cannot start");
        setContentText(message + "\n\nIf another Drover console is open on the same data, close it first, "
                + "or start this one with --data-dir to use other data.");
        getDialogPane().setMinWidth(480);
    }
}
