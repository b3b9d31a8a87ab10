package dev.drover.app.wizard;

import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the wizard in a window of its own beside the console (so the clusters list stays in view), with a
 * fresh {@link WizardViewModel} each time. Closing the window cancels a run in progress: its nodes finish the
 * step they are on and the run can be resumed by provisioning again under the same name.
 */
public final class WizardWindow {

    private final Supplier<WizardViewModel> viewModels;
    private Stage stage;
    private WizardViewModel current;

    public WizardWindow(Supplier<WizardViewModel> viewModels) {
        this.viewModels = viewModels;
    }

    /** Shows the wizard, or brings the open one to the front. FX thread. */
    public void open(Window owner) {
        if (stage != null && stage.isShowing()) {
            stage.toFront();
            return;
        }
        show(owner);
    }

    /**
     * Shows the wizard on its review step with {@code clusterYaml} (a file opened with Drover). An open wizard
     * takes the text unless it is provisioning, so a run in progress is never replaced. FX thread.
     */
    public void open(Window owner, String clusterYaml) {
        if (stage != null && stage.isShowing()) {
            if (current.stepProperty().get() != WizardViewModel.Step.PROVISION) {
                current.openClusterYaml(clusterYaml);
            }
            stage.toFront();
            return;
        }
        show(owner).openClusterYaml(clusterYaml);
    }

    private WizardViewModel show(Window owner) {
        WizardViewModel viewModel = viewModels.get();
        Stage window = new Stage();
        WizardView view = new WizardView(viewModel, window::close);
        window.setTitle("Create RKE cluster — Drover");
        window.setScene(new Scene(view.root(), 1060, 720));
        if (owner != null) {
            window.initOwner(owner);
        }
        window.setOnHidden(event -> viewModel.close());
        stage = window;
        current = viewModel;
        window.show();
        view.focus();
        return viewModel;
    }
}
