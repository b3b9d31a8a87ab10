package dev.drover.app.wizard;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One line of the provisioning progress: a plane, or a node with the step it is on. FX thread only. */
public final class ProgressRow {

    /** Where a plane or node stands. */
    public enum State { WAITING, RUNNING, DONE, FAILED, SKIPPED }

    private final String key;
    private final String title;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(this, "state", State.WAITING);
    private final StringProperty detail = new SimpleStringProperty(this, "detail", "");

    public ProgressRow(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** The plane's name or the node's address. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    /** The hosts of a plane, or the step a node is on and its message. */
    public StringProperty detailProperty() {
        return detail;
    }
}
