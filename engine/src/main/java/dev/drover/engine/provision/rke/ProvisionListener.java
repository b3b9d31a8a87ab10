package dev.drover.engine.provision.rke;

/** Receives {@link ProvisionEvent}s; called on provisioner threads, must return fast and not throw. */
@FunctionalInterface
public interface ProvisionListener {

    /** Ignores every event. */
    ProvisionListener NONE = event -> {
    };

    void onEvent(ProvisionEvent event);
}
