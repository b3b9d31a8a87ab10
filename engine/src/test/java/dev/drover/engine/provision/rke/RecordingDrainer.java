package dev.drover.engine.provision.rke;

/**
 * TEST DOUBLE for {@link NodeDrainer} (the test nodes run no API server): appends cordon, drain and
 * uncordon to the {@link RecordingNodeRuntime}'s call list, so a test sees them in order with the
 * component calls around them.
 */
public final class RecordingDrainer implements NodeDrainer {

    private final RecordingNodeRuntime calls;

    public RecordingDrainer(RecordingNodeRuntime calls) {
        this.calls = calls;
    }

    @Override
    public void cordon(String nodeName) {
        calls.record(nodeName, "cordon");
    }

    @Override
    public void drain(String nodeName, DrainOptions options) {
        calls.record(nodeName, "drain");
    }

    @Override
    public void uncordon(String nodeName) {
        calls.record(nodeName, "uncordon");
    }
}
