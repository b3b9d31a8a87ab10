package dev.drover.app;

import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** What the window shows while the lab engine opens (usually well under a second). */
final class OpeningPage extends VBox {

    OpeningPage(Path dataDirectory) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(32, 32);
        Label text = new Label("Opening the lab engine in " + dataDirectory + " …");
        getChildren().addAll(progress, text);
        getStyleClass().add("opening-page");
        setSpacing(12);
        setAlignment(Pos.CENTER);
    }
}
