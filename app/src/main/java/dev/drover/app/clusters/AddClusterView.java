package dev.drover.app.clusters;

import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "Add cluster" panel: a short form, then, for an imported cluster, the {@code kubectl apply}
 * command and the manifest URL with copy buttons. Shown by {@link ClustersView} over its table.
 */
public final class AddClusterView {

    private final AddClusterViewModel viewModel;
    private final Runnable onClose;
    private final Parent root;

    @FXML
    private VBox form;
    @FXML
    private TextField clusterName;
    @FXML
    private ChoiceBox<AddClusterViewModel.Kind> kind;
    @FXML
    private TextField endpoint;
    @FXML
    private Button createCluster;
    @FXML
    private Label addError;
    @FXML
    private VBox instructions;
    @FXML
    private TextArea command;
    @FXML
    private TextField manifestUrl;

    public AddClusterView(AddClusterViewModel viewModel, Runnable onClose) {
        this.viewModel = viewModel;
        this.onClose = onClose;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    /** Focuses the first empty field; call after showing. */
    public void focus() {
        (viewModel.doneProperty().get() ? command : clusterName).requestFocus();
    }

    @FXML
    private void initialize() {
        clusterName.textProperty().bindBidirectional(viewModel.nameProperty());
        kind.getItems().setAll(AddClusterViewModel.Kind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(AddClusterViewModel.Kind value) {
                return value == null ? "" : switch (value) {
                    case IMPORTED -> "Imported — install agents with kubectl";
                    case DIRECT -> "Direct — reach its API endpoint";
                    case RKE -> "RKE — Drover builds it on your machines";
                };
            }

            @Override
            public AddClusterViewModel.Kind fromString(String text) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(viewModel.kindProperty());
        endpoint.textProperty().bindBidirectional(viewModel.endpointProperty());
        endpoint.disableProperty().bind(viewModel.kindProperty().isNotEqualTo(AddClusterViewModel.Kind.DIRECT));
        createCluster.disableProperty().bind(viewModel.busyProperty());
        createCluster.visibleProperty().bind(viewModel.doneProperty().not());
        createCluster.managedProperty().bind(createCluster.visibleProperty());
        addError.textProperty().bind(viewModel.errorProperty());
        addError.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        addError.managedProperty().bind(addError.visibleProperty());
        form.visibleProperty().bind(viewModel.doneProperty().not());
        form.managedProperty().bind(form.visibleProperty());
        instructions.visibleProperty().bind(viewModel.commandProperty().isNotEmpty());
        instructions.managedProperty().bind(instructions.visibleProperty());
        command.textProperty().bind(viewModel.commandProperty());
        manifestUrl.textProperty().bind(viewModel.manifestUrlProperty());
        viewModel.doneProperty().addListener((observable, old, done) -> {
            if (done && viewModel.commandProperty().get().isEmpty()) {
                onClose.run();
            }
        });
    }

    @FXML
    private void create() {
        viewModel.create();
    }

    @FXML
    private void close() {
        onClose.run();
    }

    @FXML
    private void copyCommand() {
        copy(viewModel.commandProperty().get());
    }

    @FXML
    private void copyUrl() {
        copy(viewModel.manifestUrlProperty().get());
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
