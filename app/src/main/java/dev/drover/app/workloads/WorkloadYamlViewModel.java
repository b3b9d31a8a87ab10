package dev.drover.app.workloads;

import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.WorkloadRef;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The YAML of one workload, edited: {@link #textProperty} is the user's text, {@link #reload} replaces it
 * with the stored object, {@link #apply} sends it. A refused apply (conflict, invalid YAML) says why and
 * keeps the user's text untouched, so no edit is ever lost to an error. FX thread.
 */
public final class WorkloadYamlViewModel {

    private final ManagementApi api;
    private final FxThreads threads;
    private final WorkloadRef ref;
    private final String title;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper stored = new ReadOnlyStringWrapper(this, "stored", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper conflict = new ReadOnlyBooleanWrapper(this, "conflict");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final BooleanBinding modified;

    WorkloadYamlViewModel(ManagementApi api, FxThreads threads, WorkloadRef ref, String title) {
        this.api = api;
        this.threads = threads;
        this.ref = ref;
        this.title = title;
        this.modified = text.isNotEqualTo(stored);
    }

    /** "Deployment shop/web". */
    public String title() {
        return title;
    }

    /** Replaces the text with the stored object (what "Reload" does after a conflict). */
    public void reload() {
        busy.set(true);
        api.getWorkloadYaml(ref).whenComplete((yaml, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                error.set(Failures.describe(failure, "Cannot read " + title));
                return;
            }
            stored.set(yaml);
            text.set(yaml);
            conflict.set(false);
            error.set("");
            notice.set("");
        }));
    }

    /** Sends the user's text; on success the text becomes what the server stored. */
    public void apply() {
        String sent = text.get();
        busy.set(true);
        error.set("");
        notice.set("");
        api.applyWorkloadYaml(ref, sent).whenComplete((yaml, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                boolean lostRace = Failures.reason(failure) == ApiException.Reason.CONFLICT;
                conflict.set(lostRace);
                String why = Failures.describe(failure, "Cannot apply " + title);
                error.set(lostRace ? why + " Your text is kept: copy your change, reload, and apply it again." : why);
                return;
            }
            stored.set(yaml);
            if (text.get().equals(sent)) {
                text.set(yaml);
            }
            conflict.set(false);
            notice.set("Applied.");
        }));
    }

    /** The user's text; editable. */
    public StringProperty textProperty() {
        return text;
    }

    /** Whether the text differs from what the server last gave. */
    public BooleanBinding modifiedBinding() {
        return modified;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last apply lost a race with another change: reloading shows theirs. */
    public ReadOnlyBooleanProperty conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
