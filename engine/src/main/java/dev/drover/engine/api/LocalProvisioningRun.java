package dev.drover.engine.api;

import dev.drover.engine.provision.rke.Cancellation;
import dev.drover.engine.provision.rke.ProvisionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning run as the console sees it: the provisioner's events, which arrive on several host
 * threads at once, are translated and delivered one at a time, in order, on this run's own delivery
 * thread, so a listener never sees two calls at once nor a slow listener stalls a host.
 */
final class LocalProvisioningRun implements ProvisioningRun {

    private static final Logger LOG = LoggerFactory.getLogger(LocalProvisioningRun.class);

    private final ProvisioningListener listener;
    private final Cancellation cancellation = new Cancellation();
    private final CompletableFuture<ClusterSummary> completion = new CompletableFuture<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("provision-events").factory());

    LocalProvisioningRun(ProvisioningListener listener) {
        this.listener = listener == null ? event -> { } : listener;
    }

    @Override
    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public CompletableFuture<ClusterSummary> completion() {
        return completion;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** The provisioner's listener: translates and queues, never blocks the provisioner's thread. */
    void onProvisionEvent(ProvisionEvent event) {
        emit(switch (event) {
            case ProvisionEvent.PlaneStarted started ->
                    new ProvisioningEvent.PlaneUpdate(started.plane().name(), ProvisioningEvent.State.STARTED, started.hosts());
            case ProvisionEvent.PlaneFinished finished ->
                    new ProvisioningEvent.PlaneUpdate(finished.plane().name(), ProvisioningEvent.State.DONE, java.util.List.of());
            case ProvisionEvent.NodeProgress node -> new ProvisioningEvent.NodeUpdate(node.host(), node.step(),
                    ProvisioningEvent.State.valueOf(node.status().name()), node.message() == null ? "" : node.message());
            case ProvisionEvent.LogLine line -> new ProvisioningEvent.LogLine(line.host(), line.line());
        });
    }

    void log(String line) {
        emit(new ProvisioningEvent.LogLine("", line));
    }

    void emit(ProvisioningEvent event) {
        try {
            delivery.execute(() -> deliver(event));
        } catch (java.util.concurrent.RejectedExecutionException finished) {
            // the run has ended: a late event from a host thread has no one to go to
        }
    }

    /** Delivers the final event, then completes {@link #completion()}; later events are dropped. */
    void succeed(ClusterSummary cluster, java.time.Duration took) {
        finish(new ProvisioningEvent.Succeeded(cluster, took), () -> completion.complete(cluster));
    }

    void fail(ApiException.Reason reason, String message, String hint, java.util.Map<String, String> failedHosts) {
        ProvisioningEvent.Failed failed = new ProvisioningEvent.Failed(message, hint, failedHosts, cancellation.isCancelled());
        finish(failed, () -> completion.completeExceptionally(new ApiException(reason, message + " " + hint)));
    }

    private void finish(ProvisioningEvent last, Runnable complete) {
        try {
            delivery.execute(() -> {
                deliver(last);
                complete.run();
            });
        } finally {
            delivery.shutdown();
        }
    }

    private void deliver(ProvisioningEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("provisioning listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }
}
