package dev.drover.app.wizard;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One machine on the nodes step, as the form edits it, and its last "Test SSH" result. FX thread only. */
public final class NodeEntry {

    /** Where the node's SSH test stands. */
    public enum TestState { UNTESTED, TESTING, READY, REACHABLE, FAILED }

    private final StringProperty address = new SimpleStringProperty(this, "address", "");
    private final StringProperty port = new SimpleStringProperty(this, "port", "22");
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty keyPath = new SimpleStringProperty(this, "keyPath", "~/.ssh/id_rsa");
    private final BooleanProperty etcd = new SimpleBooleanProperty(this, "etcd");
    private final BooleanProperty controlplane = new SimpleBooleanProperty(this, "controlplane");
    private final BooleanProperty worker = new SimpleBooleanProperty(this, "worker");
    private final ObjectProperty<TestState> testState = new SimpleObjectProperty<>(this, "testState", TestState.UNTESTED);
    private final StringProperty testMessage = new SimpleStringProperty(this, "testMessage", "");

    public NodeEntry() {
        // a changed address, port, user or key makes an earlier test meaningless
        address.addListener((o, a, b) -> untested());
        port.addListener((o, a, b) -> untested());
        user.addListener((o, a, b) -> untested());
        keyPath.addListener((o, a, b) -> untested());
    }

    private void untested() {
        if (testState.get() != TestState.TESTING) {
            testState.set(TestState.UNTESTED);
            testMessage.set("");
        }
    }

    public boolean hasAnyRole() {
        return etcd.get() || controlplane.get() || worker.get();
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty keyPathProperty() {
        return keyPath;
    }

    public BooleanProperty etcdProperty() {
        return etcd;
    }

    public BooleanProperty controlplaneProperty() {
        return controlplane;
    }

    public BooleanProperty workerProperty() {
        return worker;
    }

    public ObjectProperty<TestState> testStateProperty() {
        return testState;
    }

    public StringProperty testMessageProperty() {
        return testMessage;
    }
}
