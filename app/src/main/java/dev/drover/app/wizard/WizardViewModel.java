package dev.drover.app.wizard;

import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.RkeClusterSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The wizard as a whole: which step shows, Back and Next with each step's check, and the hand-over from
 * the reviewed cluster.yml to the provisioning run. FX thread only.
 */
public final class WizardViewModel implements AutoCloseable {

    /** The steps, in order. */
    public enum Step {
        CLUSTER("Cluster"), NODES("Nodes"), OPTIONS("Options"), REVIEW("Review"), PROVISION("Provision");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The top-level {@code cluster_name: NAME} line, quoted or not; the engine's validation judges the rest. */
    private static final Pattern CLUSTER_NAME = Pattern.compile("^cluster_name:[ \\t]*[\"']?([^\"'#\\s]+)", Pattern.MULTILINE);

    private final ClusterStepViewModel cluster = new ClusterStepViewModel();
    private final NodesStepViewModel nodes;
    private final OptionsStepViewModel options = new OptionsStepViewModel();
    private final ReviewStepViewModel review;
    private final ProvisionStepViewModel provision;
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.CLUSTER);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public WizardViewModel(ManagementApi api, FxThreads threads) {
        this.nodes = new NodesStepViewModel(api, threads);
        this.review = new ReviewStepViewModel(api, threads);
        this.provision = new ProvisionStepViewModel(api, threads);
    }

    /** Checks the current step and moves on; on the review step, starts provisioning. */
    public void next() {
        String problem = switch (step.get()) {
            case CLUSTER -> cluster.problem();
            case NODES -> nodes.problem();
            case OPTIONS -> options.problem();
            case REVIEW -> review.validProperty().get() ? "" : review.problems().isEmpty()
                    ? "cluster.yml is being checked; try again in a moment." : "Fix the problems listed under cluster.yml first.";
            case PROVISION -> "";
        };
        error.set(problem);
        if (!problem.isEmpty()) {
            return;
        }
        switch (step.get()) {
            case CLUSTER -> step.set(Step.NODES);
            case NODES -> step.set(Step.OPTIONS);
            case OPTIONS -> {
                review.prepare(spec());
                step.set(Step.REVIEW);
            }
            case REVIEW -> {
                step.set(Step.PROVISION);
                provision.start(cluster.nameProperty().get().strip(), review.yamlProperty().get());
            }
            case PROVISION -> {
                if (!provision.runningProperty().get() && !provision.succeededProperty().get()) {
                    provision.start(cluster.nameProperty().get().strip(), review.yamlProperty().get());
                }
            }
        }
    }

    /**
     * Opens a cluster.yml the user brought straight on the review step, validated as if typed there. The
     * cluster is named by the file's {@code cluster_name}, else RKE's default "local"; the name can still be
     * changed on the first step (going back there and forth again keeps the text while the answers stay).
     */
    public void openClusterYaml(String text) {
        Matcher name = CLUSTER_NAME.matcher(text);
        cluster.nameProperty().set(name.find() ? name.group(1) : "local");
        review.load(text, spec());
        error.set("");
        step.set(Step.REVIEW);
    }

    /** One step back; not while a run is in progress, nor after it succeeded. */
    public void back() {
        if (!canGoBack().get()) {
            return;
        }
        error.set("");
        step.set(Step.values()[step.get().ordinal() - 1]);
    }

    public BooleanBinding canGoBack() {
        return Bindings.createBooleanBinding(() -> step.get() != Step.CLUSTER
                        && !provision.runningProperty().get() && !provision.succeededProperty().get(),
                step, provision.runningProperty(), provision.succeededProperty());
    }

    /** What Next says: "Provision" on the review step, "Retry" after a failed run. */
    public StringBinding nextText() {
        return Bindings.createStringBinding(() -> switch (step.get()) {
            case REVIEW -> "Provision";
            case PROVISION -> "Retry";
            default -> "Next";
        }, step);
    }

    /** Next is offered except while a run is in progress or after it succeeded. */
    public BooleanBinding canGoNext() {
        return Bindings.createBooleanBinding(() -> step.get() != Step.PROVISION
                        || !provision.runningProperty().get() && !provision.succeededProperty().get() && !provision.failureProperty().get().isEmpty(),
                step, provision.runningProperty(), provision.succeededProperty(), provision.failureProperty());
    }

    /** The answers as the engine takes them. */
    RkeClusterSpec spec() {
        return new RkeClusterSpec(cluster.nameProperty().get(), cluster.versionProperty().get(), cluster.networkPluginProperty().get(),
                nodes.specs(), options.aceEnabledProperty().get(), options.aceFqdnProperty().get(), options.snapshotsProperty().get(),
                Math.max(1, OptionsStepViewModel.number(options.intervalHoursProperty().get(), 8760)),
                Math.max(1, OptionsStepViewModel.number(options.retentionProperty().get(), 10_000)),
                options.maxUnavailableWorkerProperty().get(), options.maxUnavailableControlplaneProperty().get());
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The current step's first problem, set by {@link #next()}. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ClusterStepViewModel cluster() {
        return cluster;
    }

    public NodesStepViewModel nodes() {
        return nodes;
    }

    public OptionsStepViewModel options() {
        return options;
    }

    public ReviewStepViewModel review() {
        return review;
    }

    public ProvisionStepViewModel provision() {
        return provision;
    }

    /** Closing the wizard cancels a run in progress (nodes finish their step; the run can be resumed). */
    @Override
    public void close() {
        provision.cancel();
        provision.close();
    }
}
