package dev.drover.app.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML by its class name ({@code ClustersView} → {@code ClustersView.fxml} in the same
 * package) and attaches {@code ClustersView.css} from beside it, if there is one.
 */
public final class Fxml {

    private Fxml() {
    }

    /**
     * Loads the FXML of {@code view}'s class with {@code view} itself as its {@code fx:controller}, so
     * views keep their constructor-injected ViewModels. Call on the FX thread.
     */
    public static Parent load(Object view) {
        Class<?> type = view.getClass();
        URL fxml = type.getResource(type.getSimpleName() + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("No " + type.getSimpleName() + ".fxml beside " + type.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(requested -> {
            if (requested.isInstance(view)) {
                return view;
            }
            throw new IllegalStateException(fxml + " names " + requested.getName() + ", expected " + type.getName());
        });
        try {
            Parent root = loader.load();
            URL css = type.getResource(type.getSimpleName() + ".css");
            if (css != null) {
                root.getStylesheets().add(css.toExternalForm());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + fxml, e);
        }
    }
}
