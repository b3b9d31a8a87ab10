package dev.drover.app.fx;

import javafx.beans.NamedArg;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What a page shows when it has nothing to list: an icon, a title and one helpful sentence. Usable
 * from FXML ({@code <EmptyState iconLiteral="fth-server" title="…" text="…"/>}) and from code.
 */
public final class EmptyState extends VBox {

    public EmptyState(@NamedArg("iconLiteral") String iconLiteral, @NamedArg("title") String title,
                      @NamedArg("text") String text) {
        getStyleClass().add("empty-state");
        getStylesheets().add(EmptyState.class.getResource("EmptyState.css").toExternalForm());
        FontIcon icon = new FontIcon(iconLiteral);
        icon.getStyleClass().add("empty-state-icon");
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("empty-state-title");
        Label textLabel = new Label(text);
        textLabel.getStyleClass().add("empty-state-text");
        textLabel.setWrapText(true);
        getChildren().addAll(icon, titleLabel, textLabel);
    }
}
