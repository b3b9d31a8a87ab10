package dev.drover.engine.events;

import dev.drover.engine.model.Condition;
import dev.drover.engine.model.Event;
import dev.drover.engine.reconcile.ClusterStatusUpdater;
import java.util.Optional;

/**
 * Turns cluster condition changes into events: a condition whose status or reason changed is one event
 * (Warning when it became False, else Normal), with the condition's reason and message. A message-only
 * change (e.g. "3 of 4 nodes ready" becoming "4 of 4") is not an event, as kubelet does not emit one per
 * status refresh either.
 */
public final class ConditionEvents implements ClusterStatusUpdater.ConditionListener {

    private final ClusterEvents events;

    public ConditionEvents(ClusterEvents events) {
        this.events = events;
    }

    @Override
    public void changed(String clusterId, Optional<Condition> before, Condition after) {
        if (before.isPresent() && before.get().status().equals(after.status()) && before.get().reason().equals(after.reason())) {
            return;
        }
        String reason = after.reason().isEmpty() ? after.type() + after.status() : after.reason();
        String message = after.type() + " is " + after.status() + (after.message().isEmpty() ? "." : ": " + after.message());
        events.record(clusterId, after.isFalse() ? Event.WARNING : Event.NORMAL, reason, message, "Cluster/" + clusterId);
    }
}
