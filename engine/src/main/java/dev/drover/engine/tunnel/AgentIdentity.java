package dev.drover.engine.tunnel;

import java.util.Objects;

/**
 * Who is at the other end of a tunnel session, as the {@link TunnelAuthorizer} decided.
 *
 * @param clusterId the cluster the agent serves
 * @param nodeName  the node of a node agent; empty for the cluster agent
 */
public record AgentIdentity(String clusterId, String nodeName) {

    public AgentIdentity {
        Objects.requireNonNull(clusterId, "clusterId");
        nodeName = nodeName == null ? "" : nodeName;
    }

    public boolean isNodeAgent() {
        return !nodeName.isEmpty();
    }

    /** {@code cluster} for the cluster agent, {@code cluster:node} for a node agent (remotedialer's client key). */
    public String sessionKey() {
        return isNodeAgent() ? clusterId + ":" + nodeName : clusterId;
    }
}
