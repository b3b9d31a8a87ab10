package dev.drover.app.wizard;

import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;

/** Step 1: name, Kubernetes version, network plugin. */
public final class ClusterStepView {

    private final ClusterStepViewModel viewModel;
    private final Parent root;

    @FXML
    private TextField clusterName;
    @FXML
    private ChoiceBox<String> version;
    @FXML
    private ChoiceBox<String> networkPlugin;

    public ClusterStepView(ClusterStepViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    public void focus() {
        clusterName.requestFocus();
    }

    @FXML
    private void initialize() {
        clusterName.textProperty().bindBidirectional(viewModel.nameProperty());
        version.getItems().setAll(viewModel.versions());
        version.valueProperty().bindBidirectional(viewModel.versionProperty());
        networkPlugin.getItems().setAll(viewModel.networkPlugins());
        networkPlugin.valueProperty().bindBidirectional(viewModel.networkPluginProperty());
    }
}
