package dev.drover.app.wizard;

import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;

/** Step 3: authorized cluster endpoint, etcd snapshots, upgrade strategy. */
public final class OptionsStepView {

    private final OptionsStepViewModel viewModel;
    private final Parent root;

    @FXML
    private CheckBox aceEnabled;
    @FXML
    private TextField aceFqdn;
    @FXML
    private CheckBox snapshots;
    @FXML
    private TextField intervalHours;
    @FXML
    private TextField retention;
    @FXML
    private TextField maxUnavailableWorker;
    @FXML
    private TextField maxUnavailableControlplane;

    public OptionsStepView(OptionsStepViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    public void focus() {
        aceEnabled.requestFocus();
    }

    @FXML
    private void initialize() {
        aceEnabled.selectedProperty().bindBidirectional(viewModel.aceEnabledProperty());
        aceFqdn.textProperty().bindBidirectional(viewModel.aceFqdnProperty());
        aceFqdn.disableProperty().bind(viewModel.aceEnabledProperty().not());
        snapshots.selectedProperty().bindBidirectional(viewModel.snapshotsProperty());
        intervalHours.textProperty().bindBidirectional(viewModel.intervalHoursProperty());
        intervalHours.disableProperty().bind(viewModel.snapshotsProperty().not());
        retention.textProperty().bindBidirectional(viewModel.retentionProperty());
        retention.disableProperty().bind(viewModel.snapshotsProperty().not());
        maxUnavailableWorker.textProperty().bindBidirectional(viewModel.maxUnavailableWorkerProperty());
        maxUnavailableControlplane.textProperty().bindBidirectional(viewModel.maxUnavailableControlplaneProperty());
    }
}
