package dev.drover.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a provisioning run reports, in order: planes starting and finishing, each node's progress through
 * a step, log lines, and exactly one {@link Succeeded} or {@link Failed} at the end.
 */
public sealed interface ProvisioningEvent {

    /** Where a plane or a node step is. */
    enum State { STARTED, DONE, FAILED, SKIPPED }

    /**
     * A plane (PREPARE, ETCD, CONTROLPLANE, WORKER) started on {@code hosts} or finished ({@code hosts} empty).
     */
    record PlaneUpdate(String plane, State state, List<String> hosts) implements ProvisioningEvent {
        public PlaneUpdate {
            hosts = List.copyOf(hosts);
        }
    }

    /** One node's progress through one step ({@code step} says what, e.g. "deploying certificates"). */
    record NodeUpdate(String host, String step, State state, String message) implements ProvisioningEvent {
    }

    /** A log line; {@code host} is empty for lines about the whole run. */
    record LogLine(String host, String text) implements ProvisioningEvent {
    }

    /** The cluster is built and registered (kind RKE); it now appears in {@code listClusters}. */
    record Succeeded(ClusterSummary cluster, Duration took) implements ProvisioningEvent {
    }

    /**
     * The run stopped. Nothing is left half-done on a node, and what completed is kept: running again with
     * the same name resumes.
     *
     * @param message     what failed, where
     * @param hint        what to fix before trying again
     * @param failedHosts address → why it failed there; empty for failures not tied to a node
     * @param cancelled   the user cancelled the run
     */
    record Failed(String message, String hint, Map<String, String> failedHosts, boolean cancelled) implements ProvisioningEvent {
        public Failed {
            failedHosts = Map.copyOf(failedHosts);
        }
    }
}
