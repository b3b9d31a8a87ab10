package dev.drover.engine.provision.rke;

import java.util.List;

/**
 * What a provisioner run reports as it goes, for a CLI's output or a wizard's live view: planes starting
 * and finishing, each host's progress through a step, and log lines. Events arrive on the provisioner's
 * threads (several hosts at once); listeners must return fast and hand work to their own thread.
 */
public sealed interface ProvisionEvent {

    /** A plane of {@code up} starts on these hosts. */
    record PlaneStarted(PlanStep.Plane plane, List<String> hosts) implements ProvisionEvent {
        public PlaneStarted {
            hosts = List.copyOf(hosts);
        }
    }

    /** A plane of {@code up} completed (and its state was saved). */
    record PlaneFinished(PlanStep.Plane plane) implements ProvisionEvent {
    }

    /** One host's progress through one step ({@code step} says what, e.g. "deploying certificates"). */
    record NodeProgress(String host, String step, NodeStatus status, String message) implements ProvisionEvent {
    }

    /** A line for the run's log; {@code host} is empty for lines about the whole run. */
    record LogLine(String host, String line) implements ProvisionEvent {
    }

    /** Where a host is in a step. */
    enum NodeStatus { STARTED, DONE, FAILED, SKIPPED }
}
