package dev.drover.engine.downstream;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Drover's own connection to each downstream cluster's API server: directly for clusters with a
 * reachable endpoint, through the agent tunnel otherwise. Reconcilers use it; user requests go
 * through the auth proxy with impersonation instead.
 */
public interface DownstreamClients {

    /**
     * A client for the cluster, cached and shared; callers must not close it. Thread-safe. Fails with
     * {@link ClusterUnreachableException} when Drover has no way to reach the cluster now.
     */
    KubernetesClient forCluster(String clusterId);

    /**
     * Closes the cluster's cached client, if any: called when another replica became the cluster's owner
     * (issue #9), so only the owner keeps a connection. The next {@link #forCluster} opens a new one.
     * Idempotent; any thread. The default caches nothing.
     */
    default void release(String clusterId) {
        // nothing cached
    }
}
