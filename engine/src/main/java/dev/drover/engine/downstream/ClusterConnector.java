package dev.drover.engine.downstream;

import dev.drover.engine.model.Cluster;

/**
 * How Drover reaches one type of cluster (directly, through the agent tunnel, …). Used by
 * {@link CachingDownstreamClients}, which calls it on reconciler threads and caches what it opens.
 * Implementations are thread-safe and may block.
 */
public interface ClusterConnector {

    /**
     * Opens Drover's client for {@code cluster}. Fails with {@link ClusterUnreachableException} (one
     * sentence saying why) when it cannot be reached now; nothing is cached then.
     */
    DownstreamConnection open(Cluster cluster);

    /**
     * Checked before a cached connection is handed out: fails with {@link ClusterUnreachableException}
     * when the way in is known to be down (e.g. no agent connected), so callers fail at once instead of
     * waiting for a timeout. The default trusts the connection.
     */
    default void checkReachable(Cluster cluster) {
    }
}
