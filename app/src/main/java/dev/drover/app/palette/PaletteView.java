package dev.drover.app.palette;

import dev.drover.app.fx.Fxml;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The palette box, shown over the window by the shell. Up/Down move, Enter jumps, Esc closes; the text
 * field keeps the focus throughout so typing never stops.
 */
public final class PaletteView {

    private final PaletteViewModel viewModel;
    private final Parent root;
    private Runnable onClose = () -> { };

    @FXML
    private TextField query;
    @FXML
    private ListView<PaletteEntry> results;

    public PaletteView(PaletteViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    /** What the shell does to hide the palette (after a jump or Esc). */
    public void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    /** Called by the shell when it shows the palette. */
    public void opened() {
        viewModel.open();
        results.getSelectionModel().selectFirst();
        query.requestFocus();
    }

    @FXML
    private void initialize() {
        query.textProperty().bindBidirectional(viewModel.queryProperty());
        results.setItems(viewModel.results());
        results.setCellFactory(list -> new EntryCell());
        results.setFocusTraversable(false);
        // As tall as its entries (34 px each, see the CSS), so the box hugs a short list.
        results.prefHeightProperty().bind(Bindings.size(viewModel.results()).multiply(34).add(6));
        results.setMaxHeight(Region.USE_PREF_SIZE);
        viewModel.results().addListener((ListChangeListener<PaletteEntry>) change ->
                results.getSelectionModel().selectFirst());
        results.setOnMouseClicked(event -> choose());
        query.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    private void onKey(KeyEvent event) {
        switch (event.getCode()) {
            case DOWN -> results.getSelectionModel().selectNext();
            case UP -> results.getSelectionModel().selectPrevious();
            case ENTER -> choose();
            case ESCAPE -> onClose.run();
            default -> {
                return;
            }
        }
        results.scrollTo(results.getSelectionModel().getSelectedIndex());
        event.consume();
    }

    private void choose() {
        PaletteEntry entry = results.getSelectionModel().getSelectedItem();
        if (entry != null) {
            onClose.run();
            viewModel.choose(entry);
        }
    }

    /** Title on the left, the kind of place muted on the right. */
    private static final class EntryCell extends ListCell<PaletteEntry> {
        private final Label title = new Label();
        private final Label detail = new Label();
        private final HBox box;

        EntryCell() {
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            detail.getStyleClass().add("palette-detail");
            box = new HBox(title, gap, detail);
            box.getStyleClass().add("palette-entry");
        }

        @Override
        protected void updateItem(PaletteEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
            } else {
                title.setText(entry.title());
                detail.setText(entry.detail());
                setGraphic(box);
            }
        }
    }
}
