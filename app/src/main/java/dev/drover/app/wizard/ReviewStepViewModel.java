package dev.drover.app.wizard;

import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ClusterYamlProblem;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.RkeClusterSpec;
import java.util.List;
import java.util.concurrent.CompletionException;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * Step 4: the cluster.yml the engine wrote from the earlier steps, editable and validated by the engine
 * as the user types (debounced: one validation once typing pauses for {@link #DEBOUNCE}). Edits survive
 * going back and forth as long as the earlier steps did not change. FX thread.
 */
public final class ReviewStepViewModel {

    static final Duration DEBOUNCE = Duration.millis(300);

    private final ManagementApi api;
    private final FxThreads threads;
    private final StringProperty yaml = new SimpleStringProperty(this, "yaml", "");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final PauseTransition pause = new PauseTransition(DEBOUNCE);
    private RkeClusterSpec renderedFrom;
    private long generation;

    public ReviewStepViewModel(ManagementApi api, FxThreads threads) {
        this.api = api;
        this.threads = threads;
        pause.setOnFinished(event -> validateNow());
        yaml.addListener((observable, old, text) -> {
            generation++;
            valid.set(false);
            status.set("Checking…");
            pause.playFromStart();
        });
    }

    /** Entering the step: renders cluster.yml from {@code spec} unless it was rendered from the same answers already. */
    void prepare(RkeClusterSpec spec) {
        if (spec.equals(renderedFrom)) {
            return;
        }
        renderedFrom = spec;
        status.set("Writing cluster.yml…");
        api.renderClusterYaml(spec).whenComplete((text, failure) -> threads.fx().execute(() -> {
            if (failure != null) {
                renderedFrom = null;
                status.set(message(failure));
                return;
            }
            yaml.set(text);
            validateNow();
        }));
    }

    /**
     * A cluster.yml the user brought (a file opened with Drover): shown as it is and validated. {@code spec} is
     * what the earlier steps say now, so going back and forth without changing them keeps the text.
     */
    void load(String text, RkeClusterSpec spec) {
        renderedFrom = spec;
        yaml.set(text);
        validateNow();
    }

    /** Validates the current text at once (the debounce ends here too). */
    public void validateNow() {
        pause.stop();
        long asked = ++generation;
        String text = yaml.get();
        api.validateClusterYaml(text).whenComplete((found, failure) -> threads.fx().execute(() -> {
            if (asked != generation) {
                return; // the text changed meanwhile: a newer validation is coming
            }
            if (failure != null) {
                problems.setAll(message(failure));
                valid.set(false);
                status.set("cluster.yml could not be checked.");
                return;
            }
            problems.setAll(found.stream().map(ReviewStepViewModel::describe).toList());
            valid.set(found.isEmpty());
            status.set(found.isEmpty() ? "cluster.yml is valid." : found.size() == 1 ? "1 problem" : found.size() + " problems");
        }));
    }

    private static String describe(ClusterYamlProblem problem) {
        return (problem.line() > 0 ? "Line " + problem.line() + " · " : "") + problem.field() + ": " + problem.message();
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof ApiException ? cause.getMessage() : "The engine failed: " + cause;
    }

    /** The problems, each "Line N · field: message". */
    public ObservableList<String> problems() {
        return problems;
    }

    List<String> problemList() {
        return List.copyOf(problems);
    }

    public StringProperty yamlProperty() {
        return yaml;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True once the engine found no problem in the current text. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
