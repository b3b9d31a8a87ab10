package dev.drover.app.shell;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/** A file the console was asked to open could not be read: one sentence; the console stays open. */
public final class FileNotOpenedDialog extends Alert {

    public FileNotOpenedDialog(String sentence) {
        super(AlertType.WARNING, sentence, ButtonType.CLOSE);
        setTitle("Drover");
        setHeaderText("Drover cannot open the file");
        getDialogPane().setMinWidth(480);
    }
}
