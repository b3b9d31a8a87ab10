package dev.drover.engine.api;

/**
 * Everything the cluster detail view shows. {@code nodesMessage} is empty when the node list is live,
 * otherwise one sentence saying why it is missing (cluster unreachable).
 */
public record ClusterDetail(ClusterSummary summary, java.util.List<ClusterCondition> conditions, java.util.List<NodeSummary> nodes,
                            String nodesMessage, java.util.List<ClusterEvent> recentEvents) {
}
