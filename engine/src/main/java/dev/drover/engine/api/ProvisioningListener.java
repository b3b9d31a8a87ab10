package dev.drover.engine.api;

/**
 * Receives a provisioning run's {@link ProvisioningEvent}s on an engine thread, one at a time and in the
 * order they happened (never two calls at once); must return quickly and hand work to its own thread.
 */
@FunctionalInterface
public interface ProvisioningListener {
    void onEvent(ProvisioningEvent event);
}
