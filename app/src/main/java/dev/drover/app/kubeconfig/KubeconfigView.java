package dev.drover.app.kubeconfig;

import static dev.drover.app.fx.PageParts.showWhenSet;

import dev.drover.app.fx.Fxml;
import java.io.File;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;

/**
 * The kubeconfig page: tick clusters (Space toggles the focused one), choose proxy and/or direct
 * contexts, Build, then Save (to the path shown, or one picked with Browse…) or Copy.
 */
public final class KubeconfigView {

    private final KubeconfigViewModel viewModel;
    private final Parent root;

    @FXML
    private ListView<KubeconfigViewModel.Choice> clusters;
    @FXML
    private CheckBox proxyContexts;
    @FXML
    private CheckBox aceContexts;
    @FXML
    private Button build;
    @FXML
    private ProgressIndicator progress;
    @FXML
    private Label summary;
    @FXML
    private TextField target;
    @FXML
    private Button browse;
    @FXML
    private Button save;
    @FXML
    private Button copy;
    @FXML
    private Label error;
    @FXML
    private Label notice;

    public KubeconfigView(KubeconfigViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        clusters.setItems(viewModel.choices());
        clusters.setCellFactory(CheckBoxListCell.forListView(KubeconfigViewModel.Choice::chosen, new javafx.util.StringConverter<>() {
            @Override
            public String toString(KubeconfigViewModel.Choice choice) {
                return choice == null ? "" : choice.name();
            }

            @Override
            public KubeconfigViewModel.Choice fromString(String string) {
                return null;
            }
        }));
        clusters.setOnKeyPressed(event -> {
            KubeconfigViewModel.Choice focused = clusters.getFocusModel().getFocusedItem();
            if (event.getCode() == javafx.scene.input.KeyCode.SPACE && focused != null) {
                focused.chosen().set(!focused.chosen().get());
                event.consume();
            }
        });
        proxyContexts.selectedProperty().bindBidirectional(viewModel.proxyContextsProperty());
        aceContexts.selectedProperty().bindBidirectional(viewModel.aceContextsProperty());
        build.disableProperty().bind(viewModel.canBuildBinding().not());
        progress.visibleProperty().bind(viewModel.busyProperty());
        showWhenSet(summary, viewModel.summaryProperty());
        target.textProperty().bindBidirectional(viewModel.targetProperty());
        save.disableProperty().bind(viewModel.builtProperty().not().or(viewModel.busyProperty()));
        copy.disableProperty().bind(viewModel.builtProperty().not().or(viewModel.busyProperty()));
        showWhenSet(error, viewModel.errorProperty());
        showWhenSet(notice, viewModel.noticeProperty());
    }

    @FXML
    private void build() {
        viewModel.build();
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void copy() {
        String text = viewModel.textToCopy();
        if (text != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    @FXML
    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save kubeconfig");
        Path current = Path.of(target.getText().isBlank() ? System.getProperty("user.home") : target.getText()).toAbsolutePath();
        File folder = current.getParent() == null ? null : current.getParent().toFile();
        if (folder != null && folder.isDirectory()) {
            chooser.setInitialDirectory(folder);
        }
        chooser.setInitialFileName(current.getFileName() == null ? "drover.yaml" : current.getFileName().toString());
        File chosen = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (chosen != null) {
            target.setText(chosen.getPath());
        }
    }
}
