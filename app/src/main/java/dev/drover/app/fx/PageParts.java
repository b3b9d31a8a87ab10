package dev.drover.app.fx;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;

/** Wiring every page view does the same way; one place so the pages behave alike. FX thread. */
public final class PageParts {

    private PageParts() {
    }

    /** A read-only text column showing {@code value} of each row. */
    public static <R> void textColumn(TableColumn<R, String> column, Function<R, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    /** The label shows {@code text} and takes no room while it is empty (errors, notices). */
    public static void showWhenSet(Label label, ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    /** Runs {@code reload} each time the page is attached to a scene, so a page shown again is never stale. */
    public static void reloadWhenShown(Parent root, Runnable reload) {
        root.sceneProperty().addListener((observable, old, scene) -> {
            if (scene != null) {
                reload.run();
            }
        });
    }
}
