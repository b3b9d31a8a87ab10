package dev.drover.engine.api;

/**
 * A Kubernetes-style event of one cluster: engine-side (condition changes, reconcile failures, connect and
 * disconnect, user actions) or copied from downstream.
 *
 * @param type           Normal or Warning
 * @param involvedObject e.g. {@code Cluster/c-7xk2p} or {@code Deployment/default/web}
 * @param source         {@code drover}, a user name for actions, or {@code kubernetes}
 * @param count          how often it happened between firstSeen and lastSeen
 */
public record ClusterEvent(String id, String clusterId, String type, String reason, String message, String involvedObject,
                           String source, int count, java.time.Instant firstSeen, java.time.Instant lastSeen) {
}
