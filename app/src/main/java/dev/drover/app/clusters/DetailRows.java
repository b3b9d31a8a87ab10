package dev.drover.app.clusters;

import dev.drover.engine.api.ClusterCondition;
import dev.drover.engine.api.ClusterEvent;
import dev.drover.engine.api.NodeSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The rows of the cluster detail's tabs, already in the words the view shows (views know no engine type). */
public final class DetailRows {

    private DetailRows() {
    }

    /** A condition: {@code ok} when its status is the healthy one ("True"). */
    public record ConditionRow(String type, String status, boolean ok, String message, String since) {
        static ConditionRow of(ClusterCondition condition, Instant now) {
            String message = condition.message() == null || condition.message().isBlank() ? condition.reason() : condition.message();
            return new ConditionRow(condition.type(), condition.status(), "True".equalsIgnoreCase(condition.status()),
                    message == null ? "" : message, ago(condition.lastTransitionTime(), now));
        }
    }

    /** A node: roles joined, CPU in cores, memory in GiB. */
    public record NodeRow(String name, String roles, boolean ready, String version, String cpu, String memory) {
        static NodeRow of(NodeSummary node) {
            return new NodeRow(node.name(), String.join(", ", node.roles()), node.ready(), node.kubeletVersion(),
                    String.format(Locale.ROOT, "%.1f", node.cpuMillis() / 1000.0),
                    String.format(Locale.ROOT, "%.1f GiB", node.memoryBytes() / (1024.0 * 1024 * 1024)));
        }
    }

    /** An event; {@code lastSeen} orders the list, newest first. */
    public record EventRow(String id, boolean warning, String reason, String message, String object, int count, Instant lastSeen) {
        static EventRow of(ClusterEvent event) {
            return new EventRow(event.id(), "Warning".equalsIgnoreCase(event.type()), event.reason(), event.message(),
                    event.involvedObject(), event.count(), event.lastSeen() == null ? Instant.EPOCH : event.lastSeen());
        }

        /** "×3 · Cluster/c-1 · 5m ago". */
        public String detail(Instant now) {
            return (count > 1 ? "×" + count + " · " : "") + object + " · " + ago(lastSeen, now);
        }
    }

    /** "just now", "5m ago", "3h ago", "2d ago". */
    static String ago(Instant when, Instant now) {
        if (when == null) {
            return "";
        }
        Duration age = Duration.between(when, now);
        if (age.toSeconds() < 60) {
            return "just now";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + "m ago";
        }
        if (age.toHours() < 48) {
            return age.toHours() + "h ago";
        }
        return age.toDays() + "d ago";
    }
}
