package dev.drover.app.nodepools;

import dev.drover.engine.api.NodePoolSummary;
import dev.drover.engine.api.PoolNodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One node pool as the page shows it.
 *
 * @param nodesText e.g. "2 active · 1 unhealthy"
 */
public record PoolRow(String id, String name, String roles, String template, int quantity, String nodesText, boolean healthy,
                      List<NodeRow> nodes) {

    /** One node of the pool; {@code unhealthy} e.g. "unhealthy for 12m", empty when healthy. */
    public record NodeRow(String name, String address, String state, String unhealthy) {
    }

    static PoolRow of(NodePoolSummary pool, Instant now) {
        List<NodeRow> nodes = pool.nodes().stream().map(node -> node(node, now)).toList();
        long unhealthy = pool.nodes().stream().filter(node -> node.unhealthySince() != null).count();
        long active = pool.nodes().stream().filter(node -> node.unhealthySince() == null && "active".equalsIgnoreCase(node.state())).count();
        long other = pool.nodes().size() - unhealthy - active;
        StringBuilder text = new StringBuilder(active + " active");
        if (other > 0) {
            text.append(" · ").append(other).append(" provisioning");
        }
        if (unhealthy > 0) {
            text.append(" · ").append(unhealthy).append(" unhealthy");
        }
        return new PoolRow(pool.id(), pool.hostnamePrefix(), String.join(", ", pool.roles()), pool.nodeTemplateId(), pool.quantity(),
                text.toString(), unhealthy == 0 && active == pool.quantity(), nodes);
    }

    private static NodeRow node(PoolNodeStatus node, Instant now) {
        String unhealthy = "";
        if (node.unhealthySince() != null) {
            long minutes = Math.max(0, Duration.between(node.unhealthySince(), now).toMinutes());
            unhealthy = "unhealthy for " + (minutes < 60 ? minutes + "m" : minutes / 60 + "h " + minutes % 60 + "m");
        }
        return new NodeRow(node.name(), node.address() == null ? "" : node.address(), node.state(), unhealthy);
    }
}
