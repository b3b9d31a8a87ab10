package dev.drover.engine.api;

import java.util.concurrent.CompletableFuture;

/** A provisioning run in progress. Callable from any thread. */
public interface ProvisioningRun {

    /**
     * Asks the run to stop: nodes already working finish their step, nothing new starts, and the run ends with
     * a {@link ProvisioningEvent.Failed} whose {@code cancelled} is true. Idempotent; harmless after the end.
     */
    void cancel();

    /**
     * Completes (on an engine thread) with the registered cluster after {@link ProvisioningEvent.Succeeded} was
     * delivered, or fails with an {@link ApiException} after {@link ProvisioningEvent.Failed}.
     */
    CompletableFuture<ClusterSummary> completion();
}
