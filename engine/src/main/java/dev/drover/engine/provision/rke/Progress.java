package dev.drover.engine.provision.rke;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listener and the cancellation of one run, passed to everything that works on hosts. */
record Progress(ProvisionListener listener, Cancellation cancellation) {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    static Progress none() {
        return new Progress(ProvisionListener.NONE, Cancellation.none());
    }

    /** Delivers {@code event}; a failing listener is logged, never allowed to break the run. */
    void emit(ProvisionEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("provision listener failed on {}", event, e);
        }
    }

    void log(String host, String line) {
        emit(new ProvisionEvent.LogLine(host, line));
    }
}
