package dev.drover.app.wizard;

import dev.drover.app.fx.Fxml;
import java.util.EnumMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * The wizard's frame: the step bar, the current step's view, the step's problem, and Close / Back / Next.
 * Keyboard: Enter or Ctrl+Enter is Next (Ctrl+Enter also inside the cluster.yml editor), Alt+Left is Back,
 * Alt+Right is Next, Esc closes.
 */
public final class WizardView {

    /** A step's view: its root and what to focus when it shows. */
    record Page(Parent root, Runnable focus) {
    }

    private final WizardViewModel viewModel;
    private final Runnable onClose;
    private final Map<WizardViewModel.Step, Page> pages = new EnumMap<>(WizardViewModel.Step.class);
    private final Map<WizardViewModel.Step, Label> stepLabels = new EnumMap<>(WizardViewModel.Step.class);
    private final Parent root;

    @FXML
    private javafx.scene.layout.BorderPane frame;
    @FXML
    private HBox stepBar;
    @FXML
    private StackPane content;
    @FXML
    private Label error;
    @FXML
    private Button backButton;
    @FXML
    private Button nextButton;

    public WizardView(WizardViewModel viewModel, Runnable onClose) {
        this.viewModel = viewModel;
        this.onClose = onClose;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        ClusterStepView cluster = new ClusterStepView(viewModel.cluster());
        NodesStepView nodes = new NodesStepView(viewModel.nodes());
        OptionsStepView options = new OptionsStepView(viewModel.options());
        ReviewStepView review = new ReviewStepView(viewModel.review());
        ProvisionStepView provision = new ProvisionStepView(viewModel.provision());
        pages.put(WizardViewModel.Step.CLUSTER, new Page(cluster.root(), cluster::focus));
        pages.put(WizardViewModel.Step.NODES, new Page(nodes.root(), nodes::focus));
        pages.put(WizardViewModel.Step.OPTIONS, new Page(options.root(), options::focus));
        pages.put(WizardViewModel.Step.REVIEW, new Page(review.root(), review::focus));
        pages.put(WizardViewModel.Step.PROVISION, new Page(provision.root(), provision::focus));
        for (WizardViewModel.Step step : WizardViewModel.Step.values()) {
            Label label = new Label((step.ordinal() + 1) + "  " + step.title());
            label.getStyleClass().add("step");
            stepLabels.put(step, label);
            stepBar.getChildren().add(label);
        }
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        backButton.disableProperty().bind(viewModel.canGoBack().not());
        nextButton.textProperty().bind(viewModel.nextText());
        nextButton.visibleProperty().bind(viewModel.canGoNext());
        nextButton.managedProperty().bind(nextButton.visibleProperty());
        viewModel.stepProperty().addListener((observable, old, step) -> show(step));
        frame.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        show(viewModel.stepProperty().get());
    }

    private void keys(KeyEvent event) {
        if (event.isShortcutDown() && event.getCode() == KeyCode.ENTER || event.isAltDown() && event.getCode() == KeyCode.RIGHT) {
            if (nextButton.isVisible()) {
                viewModel.next();
            }
            event.consume();
        } else if (event.getCode() == KeyCode.ESCAPE) {
            // here rather than only as the cancel button: lists and editors would swallow Esc first
            onClose.run();
            event.consume();
        } else if (event.isAltDown() && event.getCode() == KeyCode.LEFT) {
            viewModel.back();
            event.consume();
        }
    }

    private void show(WizardViewModel.Step step) {
        Page page = pages.get(step);
        content.getChildren().setAll(page.root());
        stepLabels.forEach((s, label) -> {
            label.getStyleClass().removeAll("current", "done");
            if (s == step) {
                label.getStyleClass().add("current");
            } else if (s.ordinal() < step.ordinal()) {
                label.getStyleClass().add("done");
            }
        });
        page.focus().run();
    }

    /** Focuses the current step's first field; call once the wizard is showing. */
    public void focus() {
        pages.get(viewModel.stepProperty().get()).focus().run();
    }

    @FXML
    private void next() {
        viewModel.next();
    }

    @FXML
    private void back() {
        viewModel.back();
    }

    @FXML
    private void close() {
        onClose.run();
    }
}
