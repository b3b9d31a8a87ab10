package dev.drover.engine.provision.rke;

/**
 * Lets a caller (a wizard's Cancel button, Ctrl-C in the CLI) stop a run. The run notices between
 * steps and before starting each host: hosts already working finish their step, so no host is left
 * half-done, the state file holds the planes completed, and the run ends with a {@link ProvisionException}
 * saying it was cancelled. Thread-safe; cancelling twice is harmless.
 */
public final class Cancellation {

    private volatile boolean cancelled;

    /** A token nobody cancels. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void throwIfCancelled(String before) throws ProvisionException {
        if (cancelled) {
            throw ProvisionException.of("cancelled by the user before " + before);
        }
    }
}
